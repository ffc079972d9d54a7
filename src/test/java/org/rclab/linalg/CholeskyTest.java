package org.rclab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

class CholeskyTest {

    /** A random SPD Gram matrix X^T X (rows = 2n + 3), upper triangle only, lower filled with garbage. */
    private static double[] spd(SplittableRandom r, int n) {
        int rows = 2 * n + 3;
        double[] x = new double[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        double[] g = new double[n * n];
        new GramAccumulator(n, 2).accumulate(x, rows, g);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[i * n + j] = 1e300; // must never be read
            }
        }
        return g;
    }

    private static double[] random(SplittableRandom r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        return a;
    }

    /** ||(G + beta I) W - B||_F / (||G + beta I||_F ||W||_F), G from its upper triangle. */
    private static double residual(double[] g, int n, double beta, double[] b, int m, double[] w) {
        double num = 0;
        double gn = 0;
        double wn = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                double s = beta * w[i * m + c];
                for (int j = 0; j < n; j++) {
                    double gij = i <= j ? g[i * n + j] : g[j * n + i];
                    s += gij * w[j * m + c];
                }
                num += (s - b[i * m + c]) * (s - b[i * m + c]);
            }
            for (int j = 0; j < n; j++) {
                double gij = (i <= j ? g[i * n + j] : g[j * n + i]) + (i == j ? beta : 0);
                gn += gij * gij;
            }
        }
        for (double v : w) {
            wn += v * v;
        }
        return Math.sqrt(num) / (Math.sqrt(gn) * Math.sqrt(wn));
    }

    @Test
    void solveHasTinyResidualAndMatchesOjAlgo() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {1, 5, 127, 128, 129, 300, 517}) {
            for (int m : new int[] {1, 3, 7}) {
                double beta = 1e-2;
                double[] g = spd(r, n);
                double[] b = random(r, n * m);
                double[] w = new double[n * m];
                Cholesky.solve(g, n, beta, b, m, w, 2);
                double res = residual(g, n, beta, b, m, w);
                assertTrue(res < 1e-14, "n=" + n + " m=" + m + " residual " + res);

                R064Store a = R064Store.FACTORY.make(n, n);
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        double v = g[i * n + j] + (i == j ? beta : 0);
                        a.set(i, j, v);
                        a.set(j, i, v);
                    }
                }
                org.ojalgo.matrix.decomposition.Cholesky<Double> oj =
                        org.ojalgo.matrix.decomposition.Cholesky.R064.make(a);
                assertTrue(oj.decompose(a) && oj.isSPD());
                MatrixStore<Double> ref = oj.getSolution(R064Store.wrap(b, m).transpose()); // b row-major n x m = column-major m x n
                double diff = 0;
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < m; c++) {
                        double d = w[i * m + c] - ref.doubleValue(i, c);
                        diff += d * d;
                        norm += ref.doubleValue(i, c) * ref.doubleValue(i, c);
                    }
                }
                assertTrue(Math.sqrt(diff / norm) < 1e-10,
                        "n=" + n + " m=" + m + " relative difference to ojAlgo " + Math.sqrt(diff / norm));
            }
        }
    }

    @Test
    void factorLeavesTheLowerTriangleAlone() {
        SplittableRandom r = new SplittableRandom(12);
        int n = 200;
        double[] g = spd(r, n);
        Cholesky.factor(g, n, 0.5, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(1e300, g[i * n + j], 0);
            }
        }
    }

    @Test
    void reusedWorkArrayGivesTheSameSolution() {
        SplittableRandom r = new SplittableRandom(14);
        int n = 260;
        double[] g = spd(r, n);
        double[] b = random(r, n * 2);
        double[] w1 = new double[n * 2];
        double[] w2 = new double[n * 2];
        double[] work = new double[n * n];
        Cholesky.solve(g, n, 0.1, b, 2, w1, 1);
        for (double beta : new double[] {10, 0.1}) { // the second call reuses a dirty work array
            Cholesky.solve(g, n, beta, b, 2, w2, work, 2);
        }
        for (int i = 0; i < w1.length; i++) {
            assertEquals(w1[i], w2[i], 1e-12 * (1 + Math.abs(w1[i])));
        }
        assertTrue(residual(g, n, 0.1, b, 2, w2) < 1e-14);
    }

    @Test
    void nonPositiveDefiniteNamesPivotIndexAndValue() {
        int n = 4;
        double[] g = {1, 0, 0, 0,
                      0, 2, 0, 0,
                      0, 0, -3, 0,
                      0, 0, 0, 4};
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> Cholesky.solve(g, n, 0, new double[4], 1, new double[4], 1));
        assertEquals(2, e.pivotIndex());
        assertEquals(-3, e.pivotValue(), 0);
        assertTrue(e.getMessage().contains("pivot 2 is -3.0"), e.getMessage());
        // beyond the first block: a negative pivot at 300 of a 400 x 400 matrix
        int big = 400;
        double[] h = new double[big * big];
        for (int i = 0; i < big; i++) {
            h[i * big + i] = i == 300 ? -1 : 1;
        }
        NotPositiveDefiniteException e2 = assertThrows(NotPositiveDefiniteException.class,
                () -> Cholesky.factor(h.clone(), big, 0.5, 2));
        assertEquals(300, e2.pivotIndex());
        assertEquals(-0.5, e2.pivotValue(), 1e-15);
    }

    @Test
    void solveRidgeFallsBackToThePseudoInverse() {
        // singular: [[1, 1], [1, 1]], pivot 1 is exactly 0; min-norm solution of G w = (1, 1) is (1/2, 1/2)
        RidgeSolution s = Cholesky.solveRidge(new double[] {1, 1, 1, 1}, 2, new double[] {1, 1}, 1, 0);
        assertTrue(s.fellBack());
        assertEquals("eigen", s.method());
        assertTrue(s.note().contains("pivot 1") && s.note().contains("1 eigenvalue"), s.note());
        assertEquals(0.5, s.weights()[0], 1e-14);
        assertEquals(0.5, s.weights()[1], 1e-14);

        // indefinite but invertible: the fallback gives the exact solve
        SplittableRandom r = new SplittableRandom(13);
        int n = 60;
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                g[i * n + j] = r.nextDouble(-1, 1) + (i == j ? (i % 2 == 0 ? 8 : -8) : 0);
            }
        }
        double[] b = random(r, n * 2);
        RidgeSolution t = Cholesky.solveRidge(g, n, b, 2, 0.1);
        assertTrue(t.fellBack());
        assertTrue(residual(g, n, 0.1, b, 2, t.weights()) < 1e-13);

        // SPD: no fallback, empty note
        double[] spd = spd(r, 50);
        double[] rhs = random(r, 50 * 3);
        RidgeSolution u = Cholesky.solveRidge(spd, 50, rhs, 3, 1e-6);
        assertFalse(u.fellBack());
        assertEquals("", u.note());
        assertTrue(residual(spd, 50, 1e-6, rhs, 3, u.weights()) < 1e-14);
    }

    @Test
    void solveRidgeInPlaceGivesTheBitsOfTheCopyingSolveAndRefillsForTheFallback() {
        SplittableRandom r = new SplittableRandom(17);
        int n = 300; // several 128-row blocks of the factorisation
        double[] spd = spd(r, n);
        double[] rhs = random(r, n * 3);
        RidgeSolution copying = Cholesky.solveRidge(spd, n, rhs, 3, 1e-6);
        double[] a = spd.clone();
        double[] rhsBefore = rhs.clone();
        RidgeSolution inPlace = Cholesky.solveRidgeInPlace(a, n, rhs, 3, 1e-6,
                copy -> { throw new AssertionError("refill asked for an SPD system"); });
        assertFalse(inPlace.fellBack());
        assertTrue(java.util.Arrays.equals(copying.weights(), inPlace.weights()), "same bits");
        assertTrue(java.util.Arrays.equals(rhsBefore, rhs), "B unchanged");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(1e300, a[i * n + j], "lower triangle untouched");
            }
        }

        // singular: the factor fails, refill writes the system back, the eigen fallback solves it
        double[] singular = {1, 1, 1, 1};
        int[] refills = {0};
        RidgeSolution s = Cholesky.solveRidgeInPlace(singular, 2, new double[] {1, 1}, 1, 0, copy -> {
            refills[0]++;
            copy[0] = 1;
            copy[1] = 1;
            copy[3] = 1;
        });
        assertEquals(1, refills[0]);
        assertTrue(s.fellBack());
        assertEquals(0.5, s.weights()[0], 1e-14);
        assertEquals(0.5, s.weights()[1], 1e-14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solveRidgeInPlace(new double[4], 2, new double[3], 1, 0, copy -> { }));
        assertTrue(e.getMessage().contains("2 x 1") && e.getMessage().contains("to match a (2 x 2)"), e.getMessage());
        // a non-finite entry (overflowed sums, say) fails the factorisation and is named once refilled
        double[] overflowed = {1, Double.POSITIVE_INFINITY, 0, 1};
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.solveRidgeInPlace(overflowed.clone(), 2,
                new double[] {1, 1}, 1, 0, copy -> copy[1] = Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("a must be finite, got Infinity at row 0, column 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.solveRidgeInPlace(new double[] {1, 0, 0, 1}, 2,
                new double[] {1, Double.NaN}, 1, 0, copy -> { }));
        assertTrue(e.getMessage().contains("b must be finite, got NaN at row 1, column 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.solveRidgeInPlace(new double[] {1, 0, 0, 1}, 2,
                new double[] {1, 1}, 1, 0, null));
        assertTrue(e.getMessage().contains("refill must not be null"), e.getMessage());
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solve(new double[9], 3, 0, new double[7], 2, new double[6], 1));
        assertTrue(e.getMessage().contains("3 x 2") && e.getMessage().contains("3 x 3")
                && e.getMessage().contains("7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solve(new double[8], 3, 0, new double[6], 2, new double[6], 1));
        assertTrue(e.getMessage().contains("3 x 3") && e.getMessage().contains("8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solveRidge(new double[4], 2, new double[2], 1, -1));
        assertTrue(e.getMessage().contains("beta must be non-negative and finite, got -1.0"), e.getMessage());
        double[] nan = new double[9];
        nan[5] = Double.NaN; // row 1, column 2 (upper triangle)
        e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solveRidge(nan, 3, new double[3], 1, 0));
        assertTrue(e.getMessage().contains("g must be finite, got NaN at row 1, column 2"), e.getMessage());
        double[] inf = {1, 2, Double.POSITIVE_INFINITY, 4};
        e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solve(new double[] {1, 0, 0, 1}, 2, 0, inf, 2, new double[4], 1));
        assertTrue(e.getMessage().contains("b must be finite, got Infinity at row 1, column 0"), e.getMessage());
        double[] b = new double[3];
        e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solve(new double[9], 3, 0, b, 1, b, 1));
        assertTrue(e.getMessage().contains("same array"), e.getMessage());
    }
}
