package org.rclab.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class KuramotoSivashinskyTest {

    private static final double L22 = 22.0;

    /** A state on the L = 22 attractor: a seeded smooth field after 125 time units. */
    private static double[] attractorState(KuramotoSivashinsky ks, long seed) {
        double[] u = ks.initialCondition(new SplittableRandom(seed));
        KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(0.25);
        for (int n = 0; n < 500; n++) {
            step.step(u);
        }
        return u;
    }

    private static double[] integrate(KuramotoSivashinsky ks, double[] u0, double dt, double time) {
        double[] u = u0.clone();
        KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(dt);
        long steps = Math.round(time / dt);
        for (long n = 0; n < steps; n++) {
            step.step(u);
        }
        return u;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double[] meanFreeRandom(int q, SplittableRandom random) {
        double[] v = new double[q];
        for (int j = 0; j < q; j++) {
            v[j] = random.nextGaussian();
        }
        double mean = KuramotoSivashinsky.spatialMean(v);
        for (int j = 0; j < q; j++) {
            v[j] -= mean;
        }
        return v;
    }

    // 1. fourth order

    @Test
    void etdrk4IsFourthOrderOnStepHalving() {
        for (double mu : new double[] {0.0, 0.1}) {
            KuramotoSivashinsky ks = new KuramotoSivashinsky(L22, 64, mu, L22 / 4);
            double[] u0 = attractorState(ks, 11);
            double time = 5.0;
            double dt = 0.02;
            double[] reference = integrate(ks, u0, dt / 64, time);
            double e1 = maxAbsDiff(integrate(ks, u0, dt, time), reference);
            double e2 = maxAbsDiff(integrate(ks, u0, dt / 2, time), reference);
            double e4 = maxAbsDiff(integrate(ks, u0, dt / 4, time), reference);
            // the error is ~ A dt^4 (1 - c dt): the observed order approaches 4 from below
            // (about 3.7 then 3.8 here); round-off (~1e-16 per step) stays far below e4 ~ 1e-9
            double order12 = Math.log(e1 / e2) / Math.log(2);
            double order24 = Math.log(e2 / e4) / Math.log(2);
            double overall = Math.log(e1 / e4) / Math.log(4);
            String what = "mu = " + mu + ", errors " + e1 + ", " + e2 + ", " + e4;
            assertTrue(order12 > 3.5 && order12 < 4.5, "observed order " + order12 + " for " + what);
            assertTrue(order24 > 3.5 && order24 < 4.5, "observed order " + order24 + " for " + what);
            assertTrue(overall > 3.6 && overall < 4.4, "observed order " + overall + " for " + what);
            assertTrue(e1 < 1e-6, "error at dt = " + dt + ": " + what);
        }
    }

    @Test
    void oneSmallStepMatchesTheAnalyticRightHandSide() {
        // u = A sin(k x): u_t = -(A^2 k / 2) sin(2kx) + A (k^2 - k^4) sin(kx) - mu cos(2 pi x / lambda) (-A k^2 sin(kx))
        double mu = 0.1;
        double lambda = L22 / 4;
        KuramotoSivashinsky ks = new KuramotoSivashinsky(L22, 64, mu, lambda);
        double amplitude = 1.3;
        double k = 2 * Math.PI * 3 / L22;
        double[] x = ks.grid();
        double[] u = new double[64];
        for (int j = 0; j < 64; j++) {
            u[j] = amplitude * Math.sin(k * x[j]);
        }
        double dt = 1e-5;
        double[] next = u.clone();
        ks.etdrk4(dt).step(next);
        double worst = 0;
        for (int j = 0; j < 64; j++) {
            double exact = -amplitude * amplitude * k / 2 * Math.sin(2 * k * x[j])
                    + amplitude * (k * k - k * k * k * k) * Math.sin(k * x[j])
                    + mu * Math.cos(2 * Math.PI * x[j] / lambda) * amplitude * k * k * Math.sin(k * x[j]);
            worst = Math.max(worst, Math.abs((next[j] - u[j]) / dt - exact));
        }
        assertTrue(worst < 1e-4, "max |(F(u) - u) / dt - u_t| = " + worst);
    }

    // 2. invariants and boundedness

    @Test
    void spatialMeanIsConservedAndTheFieldStaysBounded() {
        KuramotoSivashinsky ks = KuramotoSivashinsky.of(L22, 64);
        double[] u = ks.initialCondition(new SplittableRandom(7));
        double mean = 0.1;
        for (int j = 0; j < u.length; j++) {
            u[j] += mean;
        }
        double mean0 = KuramotoSivashinsky.spatialMean(u);
        KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(0.25);
        double maxAbs = 0;
        for (int n = 1; n <= 100_000; n++) {
            step.step(u);
            if (n % 100 == 0) {
                for (double value : u) {
                    assertTrue(Double.isFinite(value), "non-finite value at step " + n);
                    maxAbs = Math.max(maxAbs, Math.abs(value));
                }
            }
        }
        assertEquals(mean0, KuramotoSivashinsky.spatialMean(u), 1e-10, "spatial mean after 100000 steps");
        assertTrue(maxAbs < 10, "max |u| = " + maxAbs);
        assertTrue(maxAbs > 1, "the field should be chaotic, not decayed: max |u| = " + maxAbs);
    }

    @Test
    void tangentMapMatchesCentralDifferences() {
        for (double mu : new double[] {0.0, 0.1}) {
            KuramotoSivashinsky ks = new KuramotoSivashinsky(L22, 64, mu, L22 / 4);
            double[] u = attractorState(ks, 3);
            KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(0.25);
            SplittableRandom random = new SplittableRandom(4);
            int k = 3;
            int steps = 5;
            double eps = 1e-5;
            double[][] tangents = new double[k][];
            double[][] v0 = new double[k][];
            for (int i = 0; i < k; i++) {
                v0[i] = meanFreeRandom(64, random);
                tangents[i] = v0[i].clone();
            }
            double[] state = u.clone();
            for (int n = 0; n < steps; n++) {
                step.step(state, tangents);
            }
            for (int i = 0; i < k; i++) {
                double[] plus = u.clone();
                double[] minus = u.clone();
                for (int j = 0; j < 64; j++) {
                    plus[j] += eps * v0[i][j];
                    minus[j] -= eps * v0[i][j];
                }
                for (int n = 0; n < steps; n++) {
                    step.step(plus);
                    step.step(minus);
                }
                double[] fd = new double[64];
                for (int j = 0; j < 64; j++) {
                    fd[j] = (plus[j] - minus[j]) / (2 * eps);
                }
                double relative = maxAbsDiff(fd, tangents[i]) / norm(tangents[i]) * Math.sqrt(64);
                assertTrue(relative < 1e-7, "mu = " + mu + ", tangent " + i + ": relative error " + relative);
            }
        }
    }

    @Test
    void stepWithTangentsGivesExactlyTheSameState() {
        for (double mu : new double[] {0.0, 0.1}) {
            KuramotoSivashinsky ks = new KuramotoSivashinsky(L22, 64, mu, L22 / 4);
            double[] u = attractorState(ks, 8);
            double[] alone = u.clone();
            double[] with = u.clone();
            KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(0.25);
            SplittableRandom random = new SplittableRandom(9);
            double[][] tangents = {meanFreeRandom(64, random), meanFreeRandom(64, random)};
            for (int n = 0; n < 50; n++) {
                step.step(alone);
                step.step(with, tangents);
                step.step(with, new double[0][]);
                step.step(alone);
            }
            assertArrayEquals(alone, with, "mu = " + mu);
        }
    }

    @Test
    void meanFreeTangentsDropTheGalileanMode() {
        KuramotoSivashinsky ks = KuramotoSivashinsky.of(L22, 64);
        double[] u = attractorState(ks, 12);
        double[][] tangents = {new double[64]};
        java.util.Arrays.fill(tangents[0], 1.0);
        ks.etdrk4MeanFree(0.25).step(u, tangents);
        assertEquals(0.0, KuramotoSivashinsky.spatialMean(tangents[0]), 1e-15);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new KuramotoSivashinsky(L22, 64, 0.1, L22 / 4).etdrk4MeanFree(0.25));
        assertEquals("mean-free tangents need mu = 0 (a conserved mean), got mu = 0.1", e.getMessage());
    }

    @Test
    void theMeanOfATangentIsConservedWhenTheMeanOfUIs() {
        // the Galilean mode: a perturbation's mean is carried along, giving a zero exponent
        SplittableRandom random = new SplittableRandom(10);
        KuramotoSivashinsky homogeneous = KuramotoSivashinsky.of(L22, 64);
        double[] u = attractorState(homogeneous, 12);
        double[][] tangents = {meanFreeRandom(64, random)};
        for (int j = 0; j < 64; j++) {
            tangents[0][j] += 0.5;
        }
        var step = homogeneous.etdrk4(0.25);
        for (int s = 0; s < 100; s++) {
            step.step(u, tangents);
        }
        assertEquals(0.5, KuramotoSivashinsky.spatialMean(tangents[0]), 1e-12, "tangent mean for mu = 0");

        KuramotoSivashinsky inhomogeneous = new KuramotoSivashinsky(L22, 64, 0.1, L22 / 4);
        double[] w = attractorState(inhomogeneous, 12);
        double[][] t2 = {meanFreeRandom(64, random)};
        for (int s = 0; s < 100; s++) {
            inhomogeneous.etdrk4(0.25).step(w, t2);
        }
        assertTrue(Math.abs(KuramotoSivashinsky.spatialMean(t2[0])) > 1e-6, "mu != 0 does not conserve the mean");
    }

    @Test
    void zeroIsAStationaryState() {
        for (double mu : new double[] {0.0, 0.1}) {
            KuramotoSivashinsky ks = new KuramotoSivashinsky(L22, 64, mu, L22 / 4);
            double[] u = new double[64];
            KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(0.25);
            for (int n = 0; n < 100; n++) {
                step.step(u);
            }
            for (double value : u) {
                assertEquals(0.0, value, 0.0, "mu = " + mu); // exactly zero (either sign)
            }
        }
    }

    @Test
    void aSingleSmallModeGrowsOrDecaysAtItsLinearRate() {
        KuramotoSivashinsky ks = KuramotoSivashinsky.of(L22, 64);
        double[] rates = ks.linearRates();
        double[] x = ks.grid();
        double amplitude = 1e-8; // linear regime: the nonlinear correction is O(amplitude) relative
        double time = 2.0;
        for (int n : new int[] {1, 3, 5}) { // k = 0.29, 0.86 (unstable), 1.43 (stable)
            double k = ks.wavenumbers()[n];
            assertEquals(k * k - k * k * k * k, rates[n], 1e-15);
            double[] u = new double[64];
            for (int j = 0; j < 64; j++) {
                u[j] = amplitude * Math.cos(k * x[j]);
            }
            u = integrate(ks, u, 0.25, time);
            double expected = amplitude * Math.exp(rates[n] * time);
            double worst = 0;
            for (int j = 0; j < 64; j++) {
                worst = Math.max(worst, Math.abs(u[j] - expected * Math.cos(k * x[j])));
            }
            assertTrue(worst < 1e-7 * expected, "mode " + n + " (rate " + rates[n] + "): error " + worst
                    + " for amplitude " + expected);
        }
        assertTrue(rates[1] > 0 && rates[3] > 0 && rates[5] < 0, java.util.Arrays.toString(rates));
    }

    @Test
    void gridWavenumbersAndNames() {
        KuramotoSivashinsky ks = KuramotoSivashinsky.of(L22, 8);
        assertArrayEquals(new double[] {0, 2.75, 5.5, 8.25, 11, 13.75, 16.5, 19.25}, ks.grid(), 1e-14);
        assertEquals(2.75, ks.dx(), 1e-15);
        double[] k = ks.wavenumbers();
        assertEquals(5, k.length);
        assertEquals(2 * Math.PI * 4 / L22, k[4], 1e-15);
        assertEquals(List.of("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7"), ks.variableNames());
        KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(0.5);
        assertEquals(8, step.dimension());
        assertEquals(0.5, step.timeStep());
        assertEquals(ks.variableNames(), step.outputNames());
        assertEquals(ks, step.system());
        assertTrue(ks.isHomogeneous());
        assertEquals(new KuramotoSivashinsky(L22, 8, 0.0, L22), ks);
    }

    @Test
    void initialConditionIsSmoothSmallAndMeanFree() {
        KuramotoSivashinsky ks = KuramotoSivashinsky.of(L22, 64);
        double[] u = ks.initialCondition(new SplittableRandom(1));
        assertEquals(0.0, KuramotoSivashinsky.spatialMean(u), 1e-16);
        double maxAbs = 0;
        for (double value : u) {
            maxAbs = Math.max(maxAbs, Math.abs(value));
        }
        assertTrue(maxAbs > 0 && maxAbs <= 4 * 2 * 0.1 * Math.sqrt(2), "max |u| = " + maxAbs);
        double[] single = ks.initialCondition(new SplittableRandom(2), 1, 1.0);
        double[] x = ks.grid();
        SplittableRandom r = new SplittableRandom(2);
        double a = 2 * r.nextDouble() - 1;
        double b = 2 * r.nextDouble() - 1;
        double k = 2 * Math.PI / L22;
        for (int j = 0; j < 64; j++) {
            assertEquals(a * Math.cos(k * x[j]) + b * Math.sin(k * x[j]), single[j], 1e-14);
        }
    }

    // 5. bad input

    private static void assertMessage(String expected, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void badParametersNameTheParameterTheRuleAndTheValue() {
        assertMessage("L must be positive and finite, got -1.0", () -> KuramotoSivashinsky.of(-1, 64));
        assertMessage("L must be positive and finite, got NaN", () -> KuramotoSivashinsky.of(Double.NaN, 64));
        assertMessage("Q must be a positive even number, got 63", () -> KuramotoSivashinsky.of(22, 63));
        assertMessage("Q must be a positive even number, got 0", () -> KuramotoSivashinsky.of(22, 0));
        assertMessage("mu must be finite, got NaN", () -> new KuramotoSivashinsky(22, 64, Double.NaN, 5.5));
        assertMessage("lambda must be positive and finite, got 0.0",
                () -> new KuramotoSivashinsky(22, 64, 0.1, 0.0));
        assertMessage("lambda must be positive and finite, got -5.5",
                () -> new KuramotoSivashinsky(22, 64, 0.1, -5.5));
        IllegalArgumentException notDividing = assertThrows(IllegalArgumentException.class,
                () -> new KuramotoSivashinsky(22, 64, 0.1, 5.0));
        assertTrue(notDividing.getMessage().startsWith("lambda must divide L"), notDividing.getMessage());
        assertTrue(notDividing.getMessage().contains("got lambda = 5.0, L / lambda = 4.4"), notDividing.getMessage());
        // lambda is unused when mu = 0
        new KuramotoSivashinsky(22, 64, 0.0, -1.0);

        KuramotoSivashinsky ks = KuramotoSivashinsky.of(22, 64);
        assertMessage("dt must be positive and finite, got 0.0", () -> ks.etdrk4(0.0));
        assertMessage("dt must be positive and finite, got -0.25", () -> ks.etdrk4(-0.25));
        assertMessage("modes must be in [1, 31], got 32",
                () -> ks.initialCondition(new SplittableRandom(1), 32, 0.1));
        assertMessage("amplitude must be positive and finite, got 0.0",
                () -> ks.initialCondition(new SplittableRandom(1), 4, 0.0));
    }

    @Test
    void wrongShapesAreRejected() {
        KuramotoSivashinsky.Etdrk4 step = KuramotoSivashinsky.of(22, 64).etdrk4(0.25);
        assertMessage("state must have length 64, got 63", () -> step.step(new double[63]));
        assertMessage("state must have length 64, got 65", () -> step.step(new double[65], new double[1][64]));
        assertMessage("tangents[1] must have length 64, got 32",
                () -> step.step(new double[64], new double[][] {new double[64], new double[32]}));
        double[] state = new double[64];
        assertMessage("tangents[0] must not be the same array as state",
                () -> step.step(state, new double[][] {state}));
        double[] row = new double[64];
        assertMessage("tangents[1] must not be the same array as tangents[0]",
                () -> step.step(state, new double[][] {row, row}));
        assertMessage("tangents must not be null", () -> step.step(state, null));
    }

    // 6. determinism

    @Test
    void sameInputGivesTheSameBits() {
        for (double mu : new double[] {0.0, 0.1}) {
            KuramotoSivashinsky ks = new KuramotoSivashinsky(L22, 64, mu, L22 / 4);
            double[] u1 = ks.initialCondition(new SplittableRandom(42));
            double[] u2 = ks.initialCondition(new SplittableRandom(42));
            assertArrayEquals(u1, u2);
            double[][] t1 = {meanFreeRandom(64, new SplittableRandom(43))};
            double[][] t2 = {meanFreeRandom(64, new SplittableRandom(43))};
            KuramotoSivashinsky.Etdrk4 s1 = ks.etdrk4(0.25);
            KuramotoSivashinsky.Etdrk4 s2 = new KuramotoSivashinsky(L22, 64, mu, L22 / 4).etdrk4(0.25);
            for (int n = 0; n < 1000; n++) {
                s1.step(u1, t1);
                s2.step(u2, t2);
                if (n % 10 == 0) {
                    org.rclab.linalg.GramSchmidt.orthonormalize(t1, new double[1]);
                    org.rclab.linalg.GramSchmidt.orthonormalize(t2, new double[1]);
                }
            }
            for (int j = 0; j < 64; j++) {
                assertEquals(Double.doubleToRawLongBits(u1[j]), Double.doubleToRawLongBits(u2[j]));
                assertEquals(Double.doubleToRawLongBits(t1[0][j]), Double.doubleToRawLongBits(t2[0][j]));
            }
        }
    }
}
