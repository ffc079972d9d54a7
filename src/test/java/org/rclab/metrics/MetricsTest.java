package org.rclab.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rclab.core.TimeSeries;

class MetricsTest {

    @Test
    void validPredictionTimeCountsRowsBelowTheThreshold() {
        double[] e = {0.01, 0.1, 0.39, 0.4, 0.41, 0.2};
        assertEquals(4, Metrics.validSteps(e, 0.4));
        assertEquals(4 * 0.02 * 0.9056, Metrics.validPredictionTime(e, 0.4, 0.02, 0.9056), 1e-15);
        assertEquals(2, Metrics.validSteps(new double[] {0, 0, Double.NaN}, 0.4));
        assertEquals(3, Metrics.validSteps(new double[] {0, 0, 0}, 0.4));
    }

    @Test
    void errorCurveAndNrmseKnownAnswers() {
        TimeSeries truth = TimeSeries.of(new double[][] {{0, 0}, {1, 2}, {2, 4}, {3, 6}}, 1);
        TimeSeries pred = TimeSeries.of(new double[][] {{0, 0}, {1, 2}, {2, 5}, {3, 6}}, 1);
        double[] e = Metrics.errorCurve(truth, pred, new double[] {1, 2});
        assertArrayEquals(new double[] {0, 0, Math.sqrt(0.125), 0}, e, 1e-15);
        double std1 = Math.sqrt(5.0);
        assertEquals(Math.sqrt(1.0 / std1 / std1 / 8), Metrics.nrmse(truth, pred, Metrics.Normalization.VARIANCE), 1e-15);
        assertEquals(Math.sqrt(1.0 / 36 / 8), Metrics.nrmse(truth, pred, Metrics.Normalization.RANGE), 1e-15);
    }

    @Test
    void wassersteinOfShiftedSampleIsTheShift() {
        SplittableRandom r = new SplittableRandom(1);
        double[] a = new double[5000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble();
        }
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += 0.25;
        }
        assertEquals(0.25 / Metrics.std(b), Climate.wasserstein(a, b), 1e-9);
        assertEquals(0.0, Climate.wasserstein(a, a.clone()), 0.0);
    }

    @Test
    void returnMapOfAPeriodicSignal() {
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 0.1) * (1 + 0.5 * ((i / 63) % 2));
        }
        double[][] map = Climate.returnMap(x);
        assertTrue(map.length > 20);
        assertEquals(0.0, Climate.returnMapDistance(map, map), 0.0);
        // a copy shifted by (0.1, 0.1): each point is at most sqrt(0.02) from its own original
        double[][] shifted = new double[map.length][];
        double[] firsts = new double[map.length];
        for (int i = 0; i < map.length; i++) {
            shifted[i] = new double[] {map[i][0] + 0.1, map[i][1] + 0.1};
            firsts[i] = map[i][0];
        }
        double d = Climate.returnMapDistance(shifted, map);
        assertTrue(d > 0 && d <= Math.sqrt(0.02) / Metrics.std(firsts) + 1e-12, "distance " + d);
    }

    @Test
    void powerSpectrumPeaksAtTheSineFrequencyAndKeepsTheVarianceForEvenAndOddSegments() {
        double dt = 0.05;
        double f0 = 1.5;
        double[] x = new double[8192];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * Math.sin(2 * Math.PI * f0 * i * dt);
        }
        for (int segment : new int[] {1024, 1023}) {
            double[][] s = Climate.powerSpectrum(x, dt, segment);
            // n / 2 + 1 one-sided bins, the last at Nyquist for an even n; (n + 1) / 2 and no Nyquist bin for an odd n
            assertEquals(segment / 2 + 1, s[0].length, "segment " + segment);
            assertEquals((s[0].length - 1) / (segment * dt), s[0][s[0].length - 1], 1e-12, "segment " + segment);
            int peak = 0;
            double total = 0;
            for (int k = 0; k < s[0].length; k++) {
                if (s[1][k] > s[1][peak]) {
                    peak = k;
                }
                total += s[1][k] * (s[0][1] - s[0][0]);
            }
            assertEquals(f0, s[0][peak], s[0][1], "segment " + segment);
            assertEquals(2.0, total, 0.05, "Parseval: integral of the PSD = variance = A^2 / 2; segment " + segment);
        }
    }

    @Test
    void powerSpectrumOfOneSegmentObeysParsevalExactlyForOddAndEvenLengths() {
        // one segment: sum_k PSD_k df = sum_i (w_i (x_i - mean))^2 / sum_i w_i^2, the windowed
        // variance, exactly when every bin but 0 (and Nyquist for even n) counts twice
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {5, 9, 63, 64, 255}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextDouble() - 0.5;
            }
            double dt = 0.1;
            double[][] s = Climate.powerSpectrum(x, dt, n);
            assertEquals(n / 2 + 1, s[0].length, "bins for n = " + n);
            double mean = Metrics.mean(x);
            double energy = 0;
            double wss = 0;
            for (int i = 0; i < n; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
                energy += w * w * (x[i] - mean) * (x[i] - mean);
                wss += w * w;
            }
            double total = 0;
            for (double p : s[1]) {
                total += p / (n * dt);
            }
            assertEquals(energy / wss, total, 1e-12 * energy / wss, "Parseval for n = " + n);
        }
    }

    @Test
    void nrmseRejectsAConstantTruthColumn() {
        TimeSeries truth = TimeSeries.of(new double[][] {{0, 3}, {1, 3}, {2, 3}, {3, 3}}, 1);
        TimeSeries pred = TimeSeries.of(new double[][] {{0, 3}, {1, 3}, {2, 4}, {3, 3}}, 1);
        for (Metrics.Normalization norm : Metrics.Normalization.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metrics.nrmse(truth, pred, norm));
            assertTrue(e.getMessage().contains("truth column 1") && e.getMessage().contains("constant")
                    && e.getMessage().contains("3.0"), e.getMessage());
        }
        // a constant column whose mean rounds (0.1 * 3 / 3 != 0.1): still constant, not a tiny std
        TimeSeries tenths = TimeSeries.of(new double[][] {{0, 0.1}, {1, 0.1}, {2, 0.1}}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.nrmse(tenths, tenths, Metrics.Normalization.VARIANCE));
        assertTrue(e.getMessage().contains("truth column 1"), e.getMessage());
        // not constant, but the squared deviations underflow to a standard deviation of 0
        TimeSeries tiny = TimeSeries.of(new double[][] {{0, 0}, {1, Double.MIN_VALUE}}, 1);
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> Metrics.nrmse(tiny, tiny, Metrics.Normalization.VARIANCE));
        assertTrue(u.getMessage().contains("truth column 1") && u.getMessage().contains("standard deviation"),
                u.getMessage());
        assertEquals(0.0, Metrics.nrmse(tiny, tiny, Metrics.Normalization.RANGE), 0.0);
    }

    @Test
    void errorCurveRejectsAZeroSigma() {
        TimeSeries truth = TimeSeries.of(new double[][] {{0, 0}, {1, 2}}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.errorCurve(truth, truth, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("sigma[1]"), e.getMessage());
    }

    @Test
    void climateDistancesRejectAConstantReference() {
        double[] a = {0.0, 1.0, 2.0};
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> Climate.wasserstein(a, new double[] {2.0, 2.0, 2.0, 2.0}));
        assertTrue(w.getMessage().startsWith("b ") && w.getMessage().contains("constant")
                && w.getMessage().contains("2.0"), w.getMessage());
        double[][] mapA = {{1.0, 2.0}, {2.0, 1.0}};
        double[][] mapB = {{1.5, 1.0}, {1.5, 2.0}, {1.5, 3.0}};
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> Climate.returnMapDistance(mapA, mapB));
        assertTrue(m.getMessage().contains("b's first coordinate") && m.getMessage().contains("constant")
                && m.getMessage().contains("1.5"), m.getMessage());
    }

    @Test
    void histogramIsADensity() {
        double[] h = Climate.histogram(new double[] {0.1, 0.2, 0.6, 1.0}, 0, 1, 2);
        assertArrayEquals(new double[] {1.0, 1.0}, h, 1e-15);
    }
}
