package org.rclab.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rclab.core.TimeSeries;

/**
 * The adaptive Bogacki-Shampine 3(2) integrator against SciPy's {@code solve_ivp(method='RK23')}
 * (a committed fixture), a tight-tolerance reference, its error scaling with rtol, known solutions
 * and bad input.
 */
class Rk23Test {

    /** Gauthier et al.'s initial condition, on the Lorenz attractor. */
    private static final double[] X0 = {17.67715816276679, 12.931379185960404, 43.91404334248268};
    private static final double DT = 0.025;

    /** y' = -y, y = exp(-t). */
    private static final OdeSystem DECAY = new OdeSystem() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void derivative(double t, double[] y, double[] dydt) {
            dydt[0] = -y[0];
        }

        @Override
        public void jacobianTimes(double t, double[] y, double[] v, double[] out) {
            out[0] = -v[0];
        }

        @Override
        public double[] defaultInitialState() {
            return new double[] {1};
        }
    };

    /** The harmonic oscillator x' = v, v' = -x: (cos t, -sin t) from (1, 0). */
    private static final OdeSystem OSCILLATOR = new OdeSystem() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public void derivative(double t, double[] y, double[] dydt) {
            dydt[0] = y[1];
            dydt[1] = -y[0];
        }

        @Override
        public void jacobianTimes(double t, double[] y, double[] v, double[] out) {
            out[0] = v[1];
            out[1] = -v[0];
        }

        @Override
        public double[] defaultInitialState() {
            return new double[] {1, 0};
        }
    };

    /**
     * {@code scipy_rk23_lorenz.csv} is SciPy 1.17.1's {@code solve_ivp(lorenz, (0, 10), x0,
     * method='RK23', t_eval=0.025 * arange(401))} at its default tolerances (data/README.md). The same
     * number of evaluations of f (1109: the same accepted and rejected steps) and the same samples
     * up to rounding: NumPy's dot products (OpenBLAS, fused multiply-adds in their own order) round
     * differently from the plain sums here, by an ulp or so per step, and Lorenz's chaos amplifies
     * that. Measured: 5.3e-14 over the first 5 time units, 1.2e-11 over 10 (1.1e-9 over 16.1, and the
     * runs part after about 30 time units).
     */
    @Test
    void matchesScipySolveIvpOnGauthiersLorenzRun() throws IOException {
        TimeSeries scipy = readCsv("scipy_rk23_lorenz.csv");
        assertEquals(401, scipy.rows());
        Rk23 rk23 = Rk23.scipyDefaults(Lorenz63.classic());
        TimeSeries ours = rk23.sample(X0, 0.0, DT, 401);
        assertEquals(1109, rk23.evaluations(), "SciPy's nfev");
        assertArrayEquals(X0, ours.row(0), 0.0);
        assertTrue(maxDifference(scipy.slice(0, 201), ours.slice(0, 201)) < 1e-12,
                "first 5 time units: " + maxDifference(scipy.slice(0, 201), ours.slice(0, 201)));
        assertTrue(maxDifference(scipy, ours) < 1e-9, "10 time units: " + maxDifference(scipy, ours));
    }

    /**
     * At rtol = 1e-9, atol = 1e-12 the samples follow the Dormand-Prince 8(5,3) reference (which
     * agrees with RK4 at h = 2.5e-4 to 1e-9): measured 1.7e-7 after 1 time unit, 7.2e-7 over 2.
     */
    @Test
    void tightToleranceMatchesTheReference() {
        Lorenz63 lorenz = Lorenz63.classic();
        TimeSeries reference = Trajectory.sample(DormandPrince853.reference(lorenz, DT), X0, 0L, 1, 81);
        TimeSeries rk4 = Trajectory.sample(new Rk4(lorenz, DT / 100), X0, 0L, 100, 81);
        assertTrue(maxDifference(reference, rk4) < 1e-9, "DP853 vs RK4: " + maxDifference(reference, rk4));
        TimeSeries tight = new Rk23(lorenz, 1e-9, 1e-12).sample(X0, 0.0, DT, 81);
        assertTrue(maxDifference(reference, tight) < 2e-6, "RK23 vs DP853: " + maxDifference(reference, tight));
    }

    /**
     * SciPy's defaults are loose on Lorenz: over the first time unit from Gauthier's x0 the samples
     * are off by up to 0.1175 (at t = 1; |x| is about 20 to 45 there), with 107 evaluations of f.
     * SciPy itself measured against DOP853 at 1e-13: 0.11751562907, nfev 107.
     */
    @Test
    void defaultToleranceErrorIsScipys() {
        Lorenz63 lorenz = Lorenz63.classic();
        TimeSeries reference = Trajectory.sample(DormandPrince853.reference(lorenz, DT), X0, 0L, 1, 41);
        Rk23 rk23 = Rk23.scipyDefaults(lorenz);
        TimeSeries loose = rk23.sample(X0, 0.0, DT, 41);
        assertEquals(0.11751562907, maxDifference(reference, loose), 1e-8);
        assertEquals(107, rk23.evaluations());
    }

    /**
     * Error per step is held to about rtol |y| with steps ~ rtol^(1/3) and third-order accuracy, so
     * the global error scales like rtol: measured max errors over [0, 1] of 1.58e-2, 1.71e-3, 1.73e-4,
     * 1.73e-5, 1.74e-6 for rtol = 1e-4 .. 1e-8 (atol = 1e-3 rtol): ratios 9.3, 9.9, 10.0, 10.0.
     */
    @Test
    void errorShrinksLikeRtol() {
        Lorenz63 lorenz = Lorenz63.classic();
        TimeSeries reference = Trajectory.sample(DormandPrince853.reference(lorenz, DT), X0, 0L, 1, 41);
        double previous = Double.NaN;
        for (double rtol = 1e-4; rtol >= 1e-8; rtol /= 10) {
            double error = maxDifference(reference, new Rk23(lorenz, rtol, 1e-3 * rtol).sample(X0, 0.0, DT, 41));
            if (!Double.isNaN(previous)) {
                double ratio = previous / error;
                assertTrue(ratio > 7 && ratio < 13, "error ratio " + ratio + " for rtol " + 10 * rtol + " -> " + rtol);
            }
            previous = error;
        }
    }

    /**
     * Known solutions at the grid points (every 0.1 over 10 time units) within a tolerance-scaled
     * bound: y' = -y within 20 (rtol |y| + atol) (measured at most 13.9 at rtol 1e-3, 6.8 at 1e-9),
     * the harmonic oscillator within 12 rtol (measured 7.7 to 8.2).
     */
    @Test
    void knownSolutionsWithinToleranceScaledBounds() {
        for (double rtol : new double[] {1e-3, 1e-5, 1e-7, 1e-9}) {
            double atol = 1e-3 * rtol;
            TimeSeries decay = new Rk23(DECAY, rtol, atol).sample(new double[] {1}, 0.0, 0.1, 101);
            TimeSeries oscillator = new Rk23(OSCILLATOR, rtol, atol).sample(new double[] {1, 0}, 0.0, 0.1, 101);
            for (int i = 0; i < 101; i++) {
                double t = decay.time(i);
                double exact = Math.exp(-t);
                assertEquals(exact, decay.get(i, 0), 20 * (rtol * exact + atol), "y' = -y at t = " + t + ", rtol " + rtol);
                assertEquals(Math.cos(t), oscillator.get(i, 0), 12 * rtol, "oscillator x at t = " + t + ", rtol " + rtol);
                assertEquals(-Math.sin(t), oscillator.get(i, 1), 12 * rtol, "oscillator v at t = " + t + ", rtol " + rtol);
            }
        }
    }

    @Test
    void samplingGridAndStepperContract() {
        Rk23 rk23 = Rk23.scipyDefaults(Lorenz63.classic());
        TimeSeries ts = rk23.sample(X0, 2.5, 0.05, 30);
        assertEquals(30, ts.rows());
        assertEquals(2.5, ts.t0(), 0.0);
        assertEquals(0.05, ts.dt(), 0.0);
        assertEquals(List.of("x", "y", "z"), ts.names());
        assertEquals(2.5 + 29 * 0.05, rk23.time(), 0.0, "integrates exactly to the last grid time");
        assertEquals(2 + 3 * (rk23.acceptedSteps() + rk23.rejectedSteps()), rk23.evaluations());
        assertFalse(rk23.step(), "no step past the end");
        assertArrayEquals(X0, rk23.sample(X0, 0.0, DT, 1).row(0), 0.0);

        // the dense output interpolates the step: y at both ends, cubic Hermite in between
        rk23.start(0.0, X0, 1.0);
        assertTrue(rk23.step());
        double[] start = new double[3];
        double[] end = new double[3];
        rk23.interpolate(rk23.previousTime(), start);
        rk23.interpolate(rk23.time(), end);
        assertArrayEquals(X0, start, 0.0);
        assertArrayEquals(rk23.state(new double[3]), end, 1e-12);
        assertTrue(rk23.time() > 0 && rk23.nextStepSize() > 0);
    }

    @Test
    void blowUpNamesTheTime() {
        // y' = y^2 from 1 blows up at t = 1
        OdeSystem square = new OdeSystem() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void derivative(double t, double[] y, double[] dydt) {
                dydt[0] = y[0] * y[0];
            }

            @Override
            public void jacobianTimes(double t, double[] y, double[] v, double[] out) {
                out[0] = 2 * y[0] * v[0];
            }

            @Override
            public double[] defaultInitialState() {
                return new double[] {1};
            }
        };
        var e = assertThrows(ArithmeticException.class,
                () -> Rk23.scipyDefaults(square).sample(new double[] {1}, 0.0, 0.1, 21));
        // measured: "RK23 step size 1.9e-15 fell below 10 ulp(t) = 2.2e-15 at t = 1.0014 (rtol = 0.001, atol = 1.0E-6)"
        String message = e.getMessage();
        assertTrue(message.startsWith("RK23 step size ") && message.contains("fell below 10 ulp(t)"), message);
        String at = message.substring(message.indexOf("at t = ") + 7, message.indexOf(" (rtol"));
        assertEquals(1.0, Double.parseDouble(at), 0.01, message);
    }

    @Test
    void badParametersNameParameterRuleAndValue() {
        Lorenz63 lorenz = Lorenz63.classic();
        assertEquals("rtol must be in [2.220446049250313E-14, 1) (100 machine epsilons to 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Rk23(lorenz, 0, 1e-6)).getMessage());
        assertEquals("rtol must be in [2.220446049250313E-14, 1) (100 machine epsilons to 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Rk23(lorenz, 1, 1e-6)).getMessage());
        assertEquals("rtol must be in [2.220446049250313E-14, 1) (100 machine epsilons to 1), got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Rk23(lorenz, Double.NaN, 1e-6)).getMessage());
        assertEquals("atol must be non-negative and finite, got -1.0E-6",
                assertThrows(IllegalArgumentException.class, () -> new Rk23(lorenz, 1e-3, -1e-6)).getMessage());
        assertEquals("atol must be non-negative and finite, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> new Rk23(lorenz, 1e-3, Double.POSITIVE_INFINITY)).getMessage());
        Rk23 rk23 = Rk23.scipyDefaults(lorenz);
        assertEquals("dt must be positive and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> rk23.sample(X0, 0.0, 0.0, 10)).getMessage());
        assertEquals("rows must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> rk23.sample(X0, 0.0, DT, 0)).getMessage());
        assertEquals("initial must have length 3, got 2", assertThrows(IllegalArgumentException.class,
                () -> rk23.sample(new double[] {1, 2}, 0.0, DT, 10)).getMessage());
        assertEquals("initial[2] must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> rk23.sample(new double[] {1, 2, Double.NaN}, 0.0, DT, 10)).getMessage());
        assertEquals("start(t0, y0, tBound) must be called before step()",
                assertThrows(IllegalArgumentException.class, () -> Rk23.scipyDefaults(lorenz).step()).getMessage());
        assertEquals("tBound must be at least t0 = 1.0 (forward integration only), got 0.5",
                assertThrows(IllegalArgumentException.class, () -> rk23.start(1.0, X0, 0.5)).getMessage());
        rk23.start(0.0, X0, 1.0);
        rk23.step();
        double end = rk23.time();
        assertEquals("time must be in the last step [0.0, " + end + "], got 1.0", assertThrows(
                IllegalArgumentException.class, () -> rk23.interpolate(1.0, new double[3])).getMessage());
    }

    @Test
    void sameInputSameBits() {
        TimeSeries a = Rk23.scipyDefaults(Lorenz63.classic()).sample(X0, 0.0, DT, 400);
        TimeSeries b = Rk23.scipyDefaults(Lorenz63.classic()).sample(X0, 0.0, DT, 400);
        assertArrayEquals(a.toArray(), b.toArray(), 0.0);
    }

    private static double maxDifference(TimeSeries a, TimeSeries b) {
        assertEquals(a.rows(), b.rows());
        assertEquals(a.cols(), b.cols());
        double[] x = a.toArray();
        double[] y = b.toArray();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    /** A CSV fixture of this package: '#' comment lines, then rows of comma-separated doubles. */
    private static TimeSeries readCsv(String name) throws IOException {
        try (InputStream in = Rk23Test.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + name);
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            double[][] rows = new double[lines.size()][];
            for (int i = 0; i < rows.length; i++) {
                String[] fields = lines.get(i).split(",");
                rows[i] = new double[fields.length];
                for (int j = 0; j < fields.length; j++) {
                    rows[i][j] = Double.parseDouble(fields[j].trim());
                }
            }
            return TimeSeries.of(rows, DT);
        }
    }
}
