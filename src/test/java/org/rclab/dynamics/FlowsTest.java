package org.rclab.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rclab.core.TimeSeries;

/** Lorenz-63, Rossler, Lorenz-96 with RK4 and Dormand-Prince: known answers, orders, tangents. */
class FlowsTest {

    private static final List<OdeSystem> SYSTEMS = List.of(Lorenz63.classic(), Rossler.classic(), new Lorenz96(40, 8));

    @Test
    void jacobianMatchesCentralDifferences() {
        for (OdeSystem system : SYSTEMS) {
            int n = system.dimension();
            double[] x = Trajectory.sample(new Rk4(system, 0.01), system.defaultInitialState(), 2000L, 1, 1).row(0);
            double[][] jac = system.jacobian(0, x);
            double eps = 1e-6;
            double[] fp = new double[n];
            double[] fm = new double[n];
            for (int j = 0; j < n; j++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[j] += eps;
                xm[j] -= eps;
                system.derivative(0, xp, fp);
                system.derivative(0, xm, fm);
                for (int i = 0; i < n; i++) {
                    assertEquals((fp[i] - fm[i]) / (2 * eps), jac[i][j], 1e-6 * (1 + Math.abs(jac[i][j])),
                            system + " J[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void lorenzDivergenceIsConstant() {
        var lorenz = Lorenz63.classic();
        double[][] jac = lorenz.jacobian(0, new double[] {3, -2, 20});
        assertEquals(-(10 + 1 + 8.0 / 3.0), jac[0][0] + jac[1][1] + jac[2][2], 1e-14);
        assertEquals(-40, new Lorenz96(40, 8).divergence(0, new Lorenz96(40, 8).defaultInitialState()), 1e-12);
    }

    @Test
    void rk4HasOrderFourOnStepHalving() {
        // e(h) = |x_h - x_{h/2}| ~ C h^4, so e(h) / e(h/2) -> 16
        var lorenz = Lorenz63.classic();
        // a point on the attractor and a horizon short enough that chaos does not mix the error terms
        double[] x0 = {-5.76, -10.35, 16.5};
        double horizon = 0.5;
        double[][] finals = new double[4][];
        double h = 0.01;
        for (int r = 0; r < 4; r++, h /= 2) {
            var rk4 = new Rk4(lorenz, h);
            double[] x = x0.clone();
            long steps = Math.round(horizon / h);
            for (long s = 0; s < steps; s++) {
                rk4.step(x);
            }
            finals[r] = x;
        }
        for (int r = 0; r < 2; r++) {
            double order = Math.log(distance(finals[r], finals[r + 1]) / distance(finals[r + 1], finals[r + 2])) / Math.log(2);
            assertEquals(4.0, order, 0.15, "observed order at halving " + r);
        }
        // and the finest agrees with the adaptive Dormand-Prince 8(5,3) reference
        double[] reference = x0.clone();
        DormandPrince853.reference(lorenz, horizon).step(reference);
        assertTrue(distance(finals[3], reference) < 1e-7, "RK4 vs DP853: " + distance(finals[3], reference));
    }

    @Test
    void rk4TangentIsTheDerivativeOfTheStep() {
        for (OdeSystem system : SYSTEMS) {
            int n = system.dimension();
            var rk4 = new Rk4(system, 0.01);
            double[] x = Trajectory.sample(rk4, system.defaultInitialState(), 1000L, 1, 1).row(0);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.sin(i + 1.0);
            }
            double[] state = x.clone();
            double[][] tangent = {v.clone()};
            new Rk4(system, 0.01).step(state, tangent);
            double eps = 1e-6;
            double[] xp = x.clone();
            double[] xm = x.clone();
            for (int i = 0; i < n; i++) {
                xp[i] += eps * v[i];
                xm[i] -= eps * v[i];
            }
            new Rk4(system, 0.01).step(xp);
            new Rk4(system, 0.01).step(xm);
            double[] stateOnly = x.clone();
            new Rk4(system, 0.01).step(stateOnly);
            assertArrayEquals(stateOnly, state, 0.0, "the tangent step leaves the same state bits");
            for (int i = 0; i < n; i++) {
                assertEquals((xp[i] - xm[i]) / (2 * eps), tangent[0][i], 1e-6 * (1 + Math.abs(tangent[0][i])));
            }
        }
    }

    @Test
    void dormandPrinceTangentMatchesRk4Tangent() {
        var lorenz = Lorenz63.classic();
        double[] a = {1, 2, 20};
        double[] b = a.clone();
        double[][] va = {{1, 0, 0}};
        double[][] vb = {{1, 0, 0}};
        new DormandPrince853(lorenz, 0.5, 1e-12, 1e-12).step(a, va);
        var rk4 = new Rk4(lorenz, 0.0005);
        for (int s = 0; s < 1000; s++) {
            rk4.step(b, vb);
        }
        assertArrayEquals(a, b, 1e-9);
        assertArrayEquals(va[0], vb[0], 1e-8);
    }

    @Test
    void trajectorySamplingTimesAndShape() {
        var rk4 = new Rk4(Lorenz63.classic(), 0.01);
        TimeSeries ts = Trajectory.sample(rk4, new double[] {1, 1, 1}, 10.0, 0.02, 500);
        assertEquals(500, ts.rows());
        assertEquals(3, ts.cols());
        assertEquals(0.02, ts.dt(), 1e-15);
        assertEquals(10.0, ts.t0(), 1e-12);
        assertEquals(List.of("x", "y", "z"), ts.names());
        // sample 1 is two RK4 steps after sample 0
        double[] x = ts.row(0);
        var again = new Rk4(Lorenz63.classic(), 0.01);
        again.step(x);
        again.step(x);
        assertArrayEquals(ts.row(1), x, 0.0);
        // on the attractor: z stays in (0, 50)
        for (int i = 0; i < ts.rows(); i++) {
            assertTrue(ts.get(i, 2) > 0 && ts.get(i, 2) < 50);
        }
    }

    @Test
    void trajectoryThatBlowsUpNamesTheTime() {
        // Lorenz-96 with huge forcing and a big step diverges
        var rk4 = new Rk4(new Lorenz96(8, 1e6), 0.5);
        var e = assertThrows(ArithmeticException.class,
                () -> Trajectory.sample(rk4, new Lorenz96(8, 1e6).defaultInitialState(), 0L, 1, 1000));
        assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("at t = "), e.getMessage());
    }

    @Test
    void badInputsNameParameterRuleAndValue() {
        assertEquals("h must be positive and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Rk4(Lorenz63.classic(), 0)).getMessage());
        assertEquals("rho must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Lorenz63(10, Double.NaN, 1)).getMessage());
        assertEquals("J must be at least 4, got 3",
                assertThrows(IllegalArgumentException.class, () -> new Lorenz96(3, 8)).getMessage());
        var rk4 = new Rk4(Lorenz63.classic(), 0.01);
        assertEquals("initial[1] must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> Trajectory.sample(rk4, new double[] {1, Double.NaN, 1}, 0L, 1, 10)).getMessage());
        assertEquals("initial must have length 3, got 2", assertThrows(IllegalArgumentException.class,
                () -> Trajectory.sample(rk4, new double[] {1, 1}, 0L, 1, 10)).getMessage());
        assertEquals("sampleStep must be a whole multiple of the integration step 0.01, got 0.015",
                assertThrows(IllegalArgumentException.class,
                        () -> Trajectory.sample(rk4, new double[] {1, 1, 1}, 0.0, 0.015, 10)).getMessage());
    }

    @Test
    void sameInputSameBits() {
        var a = Trajectory.sample(new Rk4(new Lorenz96(40, 8), 0.01), new Lorenz96(40, 8).defaultInitialState(), 100L, 5, 200);
        var b = Trajectory.sample(new Rk4(new Lorenz96(40, 8), 0.01), new Lorenz96(40, 8).defaultInitialState(), 100L, 5, 200);
        assertArrayEquals(a.toArray(), b.toArray(), 0.0);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
