package org.rclab.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RidgeAccumulatorTest {

    /** Exact linear data y = A x + c is recovered (beta = 0), with rows spread over several blocks. */
    @Test
    void recoversAnExactLinearMapWithBias() {
        int f = 7;
        int m = 2;
        double[][] a = {{1, -2, 0.5, 0, 3, 0.1, -1}, {0.3, 0.3, -0.7, 2, 0, 1, 0.2}};
        double[] c = {0.5, -4};
        RidgeAccumulator acc = new RidgeAccumulator(f, m, true);
        SplittableRandom random = new SplittableRandom(1);
        for (int t = 0; t < 1300; t++) {
            double[] x = new double[f];
            for (int i = 0; i < f; i++) {
                x[i] = random.nextDouble() * 2 - 1 + (i == 3 ? 5 : 0);
            }
            double[] y = new double[m];
            for (int k = 0; k < m; k++) {
                y[k] = c[k];
                for (int i = 0; i < f; i++) {
                    y[k] += a[k][i] * x[i];
                }
            }
            acc.add(x, y);
        }
        RidgeReadout r = acc.solve(0.0);
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < f; i++) {
                assertEquals(a[k][i], r.weight(k, i), 1e-9);
            }
            assertEquals(c[k], r.bias()[k], 1e-8);
        }
        assertEquals("Cholesky", r.note());
    }

    /** Ridge solution equals (X^T X + beta I)^-1 X^T Y computed naively (no bias). */
    @Test
    void ridgeMatchesTheNormalEquations() {
        int f = 4;
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[30][f];
        double[] y = new double[30];
        RidgeAccumulator acc = new RidgeAccumulator(f, 1, false);
        for (int t = 0; t < 30; t++) {
            for (int i = 0; i < f; i++) {
                x[t][i] = random.nextDouble();
            }
            y[t] = random.nextDouble();
            acc.add(x[t], new double[] {y[t]});
        }
        double beta = 0.7;
        double[][] g = new double[f][f + 1];
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) {
                for (int t = 0; t < 30; t++) {
                    g[i][j] += x[t][i] * x[t][j];
                }
            }
            g[i][i] += beta;
            for (int t = 0; t < 30; t++) {
                g[i][f] += x[t][i] * y[t];
            }
        }
        double[] w = gauss(g);
        RidgeReadout r = acc.solve(beta);
        for (int i = 0; i < f; i++) {
            assertEquals(w[i], r.weight(0, i), 1e-12);
        }
        assertEquals(0.0, r.bias()[0]);
    }

    @Test
    void mergedAccumulatorsEqualOne() {
        SplittableRandom random = new SplittableRandom(3);
        RidgeAccumulator all = new RidgeAccumulator(5, 3, true);
        RidgeAccumulator a = new RidgeAccumulator(5, 3, true);
        RidgeAccumulator b = new RidgeAccumulator(5, 3, true);
        for (int t = 0; t < 900; t++) {
            double[] x = {random.nextDouble(), random.nextDouble(), random.nextDouble(), random.nextDouble(), 1 + t % 3};
            double[] y = {random.nextDouble(), x[0] * 2, x[4]};
            all.add(x, y);
            (t % 2 == 0 ? a : b).add(x, y);
        }
        RidgeReadout merged = a.merge(b).solve(1e-3);
        RidgeReadout single = all.solve(1e-3);
        assertEquals(900, a.count());
        assertArrayEquals(single.weights(), merged.weights(), 1e-10);
        assertArrayEquals(single.bias(), merged.bias(), 1e-10);
    }

    /**
     * More blocks than may be pending at once (the caller then waits for the folding thread), rows
     * added after a solve, and an interrupted caller: the sums stay exact and reproducible.
     */
    @Test
    void backgroundFoldingIsExactAndReproducible() {
        // 96 features: enough work per block that the final folds are split over the cores
        int f = 96;
        int rows = 70 * 512 + 100;
        double[][] w = new double[2][];
        for (int run = 0; run < 2; run++) {
            RidgeAccumulator acc = new RidgeAccumulator(f, 1, true);
            SplittableRandom random = new SplittableRandom(5);
            Thread.currentThread().interrupt();
            for (int t = 0; t < rows; t++) {
                double[] x = new double[f];
                for (int i = 0; i < f; i++) {
                    x[i] = random.nextDouble();
                }
                acc.add(x, new double[] {3 * x[0] - x[f - 1] + 0.25});
            }
            assertTrue(Thread.interrupted(), "the caller's interrupt flag is kept");
            RidgeReadout r = acc.solve(0.0);
            assertEquals(3.0, r.weight(0, 0), 1e-9);
            assertEquals(-1.0, r.weight(0, f - 1), 1e-9);
            assertEquals(0.25, r.bias()[0], 1e-9);
            w[run] = r.weights();
            // rows added after a solve are folded too
            for (int t = 0; t < 600; t++) {
                double[] unit = new double[f];
                unit[0] = 1;
                acc.add(unit, new double[] {1e6});
            }
            assertEquals(rows + 600, acc.count());
            assertTrue(Math.abs(acc.solve(0.0).weight(0, 0) - 3.0) > 1, "the new rows moved the fit");
        }
        assertArrayEquals(w[0], w[1], "same rows, same bits");
        RidgeAccumulator self = new RidgeAccumulator(2, 1, false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> self.merge(self)).getMessage().contains("itself"));
        // shapes that differ only in the bias are named as such
        String bias = assertThrows(IllegalArgumentException.class,
                () -> new RidgeAccumulator(3, 2, true).merge(new RidgeAccumulator(3, 2, false))).getMessage();
        assertTrue(bias.contains("3 x 2, without bias,") && bias.contains("3 x 2, with bias,"), bias);
    }

    @Test
    void singularSystemFallsBackOrSaysWhy() {
        // a duplicated column with beta = 0: not positive definite, minimum-norm solution
        RidgeAccumulator dup = new RidgeAccumulator(3, 1, false);
        SplittableRandom random = new SplittableRandom(4);
        for (int t = 0; t < 100; t++) {
            double p = random.nextDouble();
            double q = random.nextDouble();
            dup.add(new double[] {p, q, q}, new double[] {p + 2 * q});
        }
        RidgeReadout r = dup.solve(0.0);
        assertTrue(r.note().startsWith("Cholesky failed"), r.note());
        assertEquals(1.0, r.weight(0, 0), 1e-8);
        assertEquals(1.0, r.weight(0, 1), 1e-8);
        assertEquals(1.0, r.weight(0, 2), 1e-8);
        // with a bias, a constant feature centres to an exactly zero row: the factorisation fails,
        // the centred system is refilled for the fallback, whose minimum-norm solution gives that
        // feature no weight; the intercept comes from the means; a second solve agrees
        RidgeAccumulator centred = new RidgeAccumulator(3, 1, true);
        random = new SplittableRandom(4);
        for (int t = 0; t < 100; t++) {
            double p = random.nextDouble();
            double q = random.nextDouble();
            centred.add(new double[] {p, q, 1}, new double[] {p + 2 * q + 5});
        }
        RidgeReadout c = centred.solve(0.0);
        assertTrue(c.note().startsWith("Cholesky failed"), c.note());
        assertEquals(1.0, c.weight(0, 0), 1e-8);
        assertEquals(2.0, c.weight(0, 1), 1e-8);
        assertEquals(0.0, c.weight(0, 2), 1e-8);
        assertEquals(5.0, c.bias()[0], 1e-8);
        RidgeReadout again = centred.solve(0.0);
        assertEquals(c.weight(0, 1), again.weight(0, 1), 0.0);
        // all-zero features with beta = 0: nothing to solve
        RidgeAccumulator zero = new RidgeAccumulator(2, 1, false);
        zero.add(new double[] {0, 0}, new double[] {1});
        var e = assertThrows(ArithmeticException.class, () -> zero.solve(0.0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
    }

    @Test
    void badRowsNameRowAndColumn() {
        RidgeAccumulator acc = new RidgeAccumulator(3, 1, true);
        acc.add(new double[] {1, 2, 3}, new double[] {1});
        assertEquals("features have a non-finite value NaN at row 1, column 2", assertThrows(
                IllegalArgumentException.class, () -> acc.add(new double[] {1, 2, Double.NaN}, new double[] {1}))
                .getMessage());
        assertEquals("a row needs 3 features and 1 targets, got 2 and 1", assertThrows(IllegalArgumentException.class,
                () -> acc.add(new double[] {1, 2}, new double[] {1})).getMessage());
        assertEquals("the ridge system has no rows: add training rows before solve", assertThrows(
                IllegalArgumentException.class, () -> new RidgeAccumulator(2, 1, true).solve(1)).getMessage());
        assertEquals("beta must be non-negative and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> acc.solve(-1)).getMessage());
    }

    private static double[] gauss(double[][] a) {
        int n = a.length;
        for (int p = 0; p < n; p++) {
            for (int r = p + 1; r < n; r++) {
                double factor = a[r][p] / a[p][p];
                for (int c = p; c <= n; c++) {
                    a[r][c] -= factor * a[p][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
