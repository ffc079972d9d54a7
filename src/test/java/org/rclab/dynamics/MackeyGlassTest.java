package org.rclab.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rclab.core.Seeds;
import org.rclab.core.TimeSeries;

class MackeyGlassTest {

    private static final MackeyGlass MG17 = MackeyGlass.jaeger(17);

    // ---- accuracy -----------------------------------------------------------------------------

    /**
     * From a history that continues smoothly into the solution (a stretch of a fine solution after
     * 100 time units), the error at integer times over 50 time units falls as h^4.
     */
    @Test
    void fourthOrderOnStepHalvingFromSmoothHistory() {
        double hFine = 0.1 / 16;
        int perUnit = 160;
        var fine = MG17.integrator(hFine);
        double[] s = fine.initialHistory(MackeyGlass.INITIAL_VALUE);
        int w = s.length;
        int startSteps = 100 * perUnit;
        int spanSteps = 50 * perUnit;
        double[] y = new double[w + startSteps + spanSteps]; // y[j] at time (j - (w - 1)) * hFine
        System.arraycopy(s, 0, y, 0, w);
        for (int i = 0; i < startSteps + spanSteps; i++) {
            fine.step(s);
            y[w + i] = s[w - 1];
        }
        int start = w - 1 + startSteps; // index of t = 100

        double[] hs = {0.1, 0.05, 0.025};
        double[] err = new double[hs.length];
        for (int q = 0; q < hs.length; q++) {
            var coarse = MG17.integrator(hs[q]);
            int stride = (int) Math.round(hs[q] / hFine);
            int cw = coarse.dimension();
            double[] c = new double[cw];
            for (int j = 0; j < cw; j++) {
                c[j] = y[start - (cw - 1 - j) * stride];
            }
            int stepsPerUnit = (int) Math.round(1 / hs[q]);
            for (int k = 1; k <= 50; k++) {
                for (int j = 0; j < stepsPerUnit; j++) {
                    coarse.step(c);
                }
                err[q] = Math.max(err[q], Math.abs(c[cw - 1] - y[start + k * perUnit]));
            }
        }
        for (int q = 0; q + 1 < hs.length; q++) {
            double order = Math.log(err[q] / err[q + 1]) / Math.log(2);
            assertTrue(order >= 3.5 && order <= 4.5,
                    "observed order " + order + " from errors " + Arrays.toString(err));
        }
        assertTrue(err[0] < 1e-6, "error at h = 0.1: " + err[0]);
    }

    /**
     * The documented limitation: a constant history has a kink at t = 0 which the centred
     * interpolation crosses once (around t = tau), a one-time O(h^2) error.
     */
    @Test
    void constantHistoryKinkCostsOneSecondOrderError() {
        double hFine = 0.1 / 16;
        double[] ref = endValues(hFine, 16 * 10, 50);
        double[] hs = {0.1, 0.05, 0.025};
        double[] err = new double[hs.length];
        for (int q = 0; q < hs.length; q++) {
            double[] v = endValues(hs[q], (int) Math.round(1 / hs[q]), 50);
            for (int k = 0; k < v.length; k++) {
                err[q] = Math.max(err[q], Math.abs(v[k] - ref[k]));
            }
        }
        for (int q = 0; q + 1 < hs.length; q++) {
            double order = Math.log(err[q] / err[q + 1]) / Math.log(2);
            assertTrue(order >= 1.7 && order <= 2.3,
                    "observed order " + order + " from errors " + Arrays.toString(err));
        }
        assertTrue(err[0] < 1e-4, "error at h = 0.1: " + err[0]);
    }

    /** y at integer times 1..units from the constant history 1.2. */
    private static double[] endValues(double h, int stepsPerUnit, int units) {
        var integrator = MG17.integrator(h);
        double[] s = integrator.initialHistory(MackeyGlass.INITIAL_VALUE);
        double[] out = new double[units];
        for (int k = 0; k < units; k++) {
            for (int j = 0; j < stepsPerUnit; j++) {
                integrator.step(s);
            }
            out[k] = s[s.length - 1];
        }
        return out;
    }

    // ---- invariants and known answers ---------------------------------------------------------

    @Test
    void fixedPointStaysFixed() {
        assertEquals(1.0, MG17.fixedPoint(), 0.0);
        var integrator = MG17.integrator(0.1);
        double[] s = integrator.initialHistory(MG17.fixedPoint());
        for (int i = 0; i < 1000; i++) {
            integrator.step(s);
        }
        for (double v : s) {
            assertEquals(1.0, v, 1e-12);
        }

        MackeyGlass other = new MackeyGlass(0.3, 0.1, 10, 17);
        double yStar = other.fixedPoint();
        assertEquals(Math.pow(2, 0.1), yStar, 1e-15);
        assertEquals(0.0, other.derivative(yStar, yStar), 1e-15);
        var it = other.integrator(0.1);
        double[] u = it.initialHistory(yStar);
        for (int i = 0; i < 1000; i++) {
            it.step(u);
        }
        assertEquals(yStar, u[u.length - 1], 1e-10);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new MackeyGlass(0.1, 0.2, 10, 17).fixedPoint());
        assertEquals("a positive fixed point requires beta > gamma, got beta = 0.1, gamma = 0.2", e.getMessage());
    }

    @Test
    void tau17AttractorHasItsKnownRangeAndMean() {
        TimeSeries ts = MG17.jaegerSeries(1000, 10_000, false);
        assertEquals(10_000, ts.rows());
        assertEquals(1, ts.cols());
        assertEquals(List.of("y"), ts.names());
        assertEquals(1000.0, ts.t0(), 1e-9);
        assertEquals(1.0, ts.dt(), 1e-12);
        double[] y = ts.column(0);
        double[] stats = stats(y);
        assertTrue(stats[0] > 0.2 && stats[1] < 1.4, "range [" + stats[0] + ", " + stats[1] + "]");
        assertTrue(stats[1] - stats[0] > 0.7, "range [" + stats[0] + ", " + stats[1] + "] too small for the attractor");
        assertEquals(0.9, stats[2], 0.05, "mean");

        TimeSeries squashed = MG17.jaegerSeries(1000, 10_000, true);
        assertEquals(List.of("tanh(y-1)"), squashed.names());
        for (int i = 0; i < y.length; i++) {
            assertEquals(MackeyGlass.squash(y[i]), squashed.get(i, 0), 0.0);
        }
    }

    @Test
    void tau30IsChaoticToo() {
        MackeyGlass mg30 = MackeyGlass.jaeger(30);
        TimeSeries ts = mg30.jaegerSeries(1000, 10_000, false).requireFinite("tau = 30 series");
        double[] stats = stats(ts.column(0));
        assertTrue(stats[0] > 0.1 && stats[1] < 1.5, "range [" + stats[0] + ", " + stats[1] + "]");
        assertEquals(0.9, stats[2], 0.05, "mean");
        assertTrue(stats[3] > 0.2, "standard deviation " + stats[3]);
        assertEquals(302, mg30.integrator(0.1).dimension());
        assertTrue(largestExponent(mg30, 100_000) > 0.002);
    }

    /** {min, max, mean, standard deviation}. */
    private static double[] stats(double[] y) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : y) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = sum / y.length;
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {min, max, mean, Math.sqrt(ss / y.length)};
    }

    // ---- tangent map --------------------------------------------------------------------------

    @Test
    void tangentMatchesCentralDifferences() {
        SplittableRandom random = new Seeds(17).stream("tangent");
        var integrator = MG17.integrator(0.1);
        double[] s = integrator.initialHistory(MackeyGlass.INITIAL_VALUE);
        for (int i = 0; i < 5000; i++) {
            integrator.step(s);
        }
        checkTangent(integrator, s, random, 1);
        checkTangent(integrator, s, random, 20);
        checkTangent(integrator, s, random, 200); // past tau: the delayed terms act

        // d = 2: the newest value is also the last point of the interpolation stencil.
        var shortDelay = MackeyGlass.jaeger(0.2).integrator(0.1);
        assertEquals(4, shortDelay.dimension());
        checkTangent(shortDelay, shortDelay.initialHistory(1.0, 0.3, random), random, 1);
        checkTangent(shortDelay, shortDelay.initialHistory(1.0, 0.3, random), random, 7);

        // a non-integer Hill exponent
        var hill = new MackeyGlass(0.25, 0.15, 9.65, 2).integrator(0.25);
        checkTangent(hill, hill.initialHistory(0.8, 0.2, random), random, 13);
    }

    /** Compares {@code steps} tangent steps with central differences of the state map. */
    private static void checkTangent(MackeyGlass.Integrator integrator, double[] x, SplittableRandom random,
                                     int steps) {
        int dim = integrator.dimension();
        int k = 3;
        double[][] v = new double[k][dim];
        for (double[] row : v) {
            for (int j = 0; j < dim; j++) {
                row[j] = 2 * random.nextDouble() - 1;
            }
        }
        double[][] v0 = new double[k][];
        for (int r = 0; r < k; r++) {
            v0[r] = v[r].clone();
        }
        double[] state = x.clone();
        for (int i = 0; i < steps; i++) {
            integrator.step(state, v);
        }
        double eps = 1e-6;
        for (int r = 0; r < k; r++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            for (int j = 0; j < dim; j++) {
                plus[j] += eps * v0[r][j];
                minus[j] -= eps * v0[r][j];
            }
            for (int i = 0; i < steps; i++) {
                integrator.step(plus);
                integrator.step(minus);
            }
            double diff = 0;
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                double fd = (plus[j] - minus[j]) / (2 * eps);
                diff += (fd - v[r][j]) * (fd - v[r][j]);
                norm += v[r][j] * v[r][j];
            }
            double fdNew = (plus[dim - 1] - minus[dim - 1]) / (2 * eps);
            assertEquals(fdNew, v[r][dim - 1], 1e-6 * Math.max(1, Math.abs(fdNew)),
                    "newest component, " + steps + " steps of " + integrator);
            assertTrue(Math.sqrt(diff) <= 1e-6 * Math.sqrt(norm),
                    "relative error " + Math.sqrt(diff / norm) + " after " + steps + " steps of " + integrator);
        }
    }

    @Test
    void tangentStepGivesTheSameStateBits() {
        var integrator = MG17.integrator(0.1);
        double[] a = integrator.initialHistory(MackeyGlass.INITIAL_VALUE, 0.1, new Seeds(3).stream("history"));
        double[] b = a.clone();
        double[][] tangents = new double[2][a.length];
        tangents[0][a.length - 1] = 1;
        tangents[1][0] = 1;
        for (int i = 0; i < 3000; i++) {
            integrator.step(a);
            integrator.step(b, tangents);
        }
        assertArrayEquals(a, b);
        assertThrows(IllegalArgumentException.class, () -> integrator.step(b, new double[][] {new double[3]}));
    }

    /**
     * At tau = 3 the fixed point y* = 1 is stable, and the largest exponent of the tangent map is the
     * real part of the leading root of the characteristic equation
     * lambda = -gamma + f_z(1) exp(-lambda tau), f_z(1) = beta (1 - (n - 1)) / 4 = -0.4;
     * at tau = 17 the largest exponent is positive.
     */
    @Test
    void largestExponentAtStableFixedPointAndOnTheAttractor() {
        double root = leadingCharacteristicRoot(3.0);
        assertEquals(-0.0927, root, 1e-4); // Newton's sanity
        assertEquals(root, largestExponent(MackeyGlass.jaeger(3), 100_000), 2e-3);
        double lambda17 = largestExponent(MG17, 100_000);
        assertTrue(lambda17 > 0.002 && lambda17 < 0.01, "largest exponent at tau = 17: " + lambda17);
    }

    /** Real part of the root near 0.53i of lambda + 0.1 + 0.4 exp(-tau lambda) = 0, by complex Newton. */
    private static double leadingCharacteristicRoot(double tau) {
        double re = -0.1;
        double im = 0.5;
        for (int i = 0; i < 100; i++) {
            double ex = Math.exp(-tau * re);
            double c = ex * Math.cos(tau * im);
            double sn = -ex * Math.sin(tau * im); // exp(-tau lambda) = c + i sn
            double fr = re + 0.1 + 0.4 * c;
            double fi = im + 0.4 * sn;
            double dr = 1 - 0.4 * tau * c;
            double di = -0.4 * tau * sn;
            double den = dr * dr + di * di;
            re -= (fr * dr + fi * di) / den;
            im -= (fi * dr - fr * di) / den;
        }
        return re;
    }

    /** One-vector Benettin estimate (per unit time) after a 1000-unit transient, h = 0.1. */
    private static double largestExponent(MackeyGlass mg, int steps) {
        var integrator = mg.integrator(0.1);
        double[] s = integrator.initialHistory(MackeyGlass.INITIAL_VALUE);
        for (int i = 0; i < 10_000; i++) {
            integrator.step(s);
        }
        double[][] v = new double[1][s.length];
        v[0][s.length - 1] = 1;
        double sum = 0;
        for (int i = 1; i <= steps; i++) {
            integrator.step(s, v);
            if (i % 10 == 0) {
                double norm = 0;
                for (double x : v[0]) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                sum += Math.log(norm);
                for (int j = 0; j < v[0].length; j++) {
                    v[0][j] /= norm;
                }
            }
        }
        return sum / (steps * integrator.timeStep());
    }

    // ---- API, determinism, errors -------------------------------------------------------------

    @Test
    void integratorShapes() {
        var integrator = MG17.integrator(0.1);
        assertEquals(170, integrator.delaySteps());
        assertEquals(172, integrator.dimension());
        assertEquals(0.1, integrator.timeStep());
        assertEquals(1, integrator.outputDimension());
        assertEquals(List.of("y"), integrator.outputNames());
        assertEquals(MG17, integrator.system());
        assertEquals(17.0, MG17.delay());
        double[] s = integrator.initialHistory(1.2);
        s[171] = 0.7;
        double[] out = new double[1];
        integrator.observe(s, out);
        assertEquals(0.7, out[0]);
        // tau a multiple of h up to rounding: 17 / 0.01 is not exactly 1700 in binary
        assertEquals(1702, MG17.integrator(0.01).dimension());
        assertEquals(new MackeyGlass(0.2, 0.1, 10, 17), MG17);
    }

    @Test
    void squashRoundTrips() {
        for (double y = 0.2; y <= 1.8; y += 0.05) {
            assertEquals(y, MackeyGlass.unsquash(MackeyGlass.squash(y)), 1e-12);
        }
        assertEquals(0.0, MackeyGlass.squash(1.0));
    }

    @Test
    void sameSeedSameBits() {
        assertArrayEquals(MG17.jaegerSeries(100, 2000, true).toArray(), MG17.jaegerSeries(100, 2000, true).toArray());

        var integrator = MG17.integrator(0.1);
        double[] h1 = integrator.initialHistory(1.2, 0.05, new Seeds(42).stream("history"));
        double[] h2 = integrator.initialHistory(1.2, 0.05, new Seeds(42).stream("history"));
        double[] h3 = integrator.initialHistory(1.2, 0.05, new Seeds(43).stream("history"));
        assertArrayEquals(h1, h2);
        assertFalse(Arrays.equals(h1, h3));
        double[] copy = h1.clone();
        TimeSeries a = MG17.sample(0.1, 10, 100, 1000, false, h1);
        TimeSeries b = MG17.sample(0.1, 10, 100, 1000, false, h2);
        assertArrayEquals(a.toArray(), b.toArray());
        assertArrayEquals(copy, h1, "sample must not modify the history");

        // transient 0: row 0 is the newest history value, at t = 0
        TimeSeries c = MG17.sample(0.1, 5, 0, 3, false, h1);
        assertEquals(h1[h1.length - 1], c.get(0, 0));
        assertEquals(0.0, c.t0());
        assertEquals(0.5, c.dt(), 1e-15);
    }

    @Test
    void badInputIsNamed() {
        assertMessage("tau must be positive and finite, got 0.0", () -> MackeyGlass.jaeger(0));
        assertMessage("tau must be positive and finite, got -17.0", () -> MackeyGlass.jaeger(-17));
        assertMessage("beta must be positive and finite, got NaN", () -> new MackeyGlass(Double.NaN, 0.1, 10, 17));
        assertMessage("gamma must be positive and finite, got Infinity",
                () -> new MackeyGlass(0.2, Double.POSITIVE_INFINITY, 10, 17));
        assertMessage("n must be positive and finite, got -1.0", () -> new MackeyGlass(0.2, 0.1, -1, 17));
        assertMessage("h must be positive and finite, got 0.0", () -> MG17.integrator(0));
        assertMessage("tau must be an integer multiple of h (within 1e-9 relative), got tau = 17.0, h = 0.3, "
                + "tau / h = " + (17 / 0.3), () -> MG17.integrator(0.3));
        assertMessage("tau / h must be at least 2 (the interpolation stencil needs it), got tau = 0.1, h = 0.1, "
                + "tau / h = 1", () -> MackeyGlass.jaeger(0.1).integrator(0.1));
        var integrator = MG17.integrator(0.1);
        assertMessage("state must have length 172, got 171", () -> integrator.step(new double[171]));
        assertMessage("y0 must be finite, got NaN", () -> integrator.initialHistory(Double.NaN));
        double[] good = integrator.initialHistory(1.2);
        assertMessage("history must have length 172, got 3", () -> MG17.sample(0.1, 10, 0, 10, false, new double[3]));
        assertMessage("subsample must be positive, got 0", () -> MG17.sample(0.1, 0, 0, 10, false, good));
        assertMessage("samples must be positive, got 0", () -> MG17.sample(0.1, 10, 0, 0, false, good));
        assertMessage("transientSamples must be non-negative, got -1", () -> MG17.sample(0.1, 10, -1, 10, false, good));
        double[] bad = good.clone();
        bad[5] = Double.NaN;
        assertMessage("history[5] must be finite, got NaN", () -> MG17.sample(0.1, 10, 0, 10, false, bad));
        assertMessage("s must be in (-1, 1), got 1.0", () -> MackeyGlass.unsquash(1.0));
    }

    @Test
    void nonFiniteSolutionNamesTheTime() {
        // a non-integer Hill exponent with a negative history: z^n is NaN
        MackeyGlass mg = new MackeyGlass(0.2, 0.1, 9.5, 17);
        double[] history = mg.integrator(0.1).initialHistory(-0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mg.sample(0.1, 10, 0, 10, false, history));
        assertTrue(e.getMessage().startsWith("Mackey-Glass solution became non-finite (NaN) at t = 0.1 (step 1 of h = 0.1)"),
                e.getMessage());
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(expected, e.getMessage());
    }
}
