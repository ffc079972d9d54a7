package org.rclab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** CSR construction, products, and the Arnoldi spectral radius against a dense eigenvalue solve. */
class SparseTest {

    @Test
    void erdosRenyiHasTheRequestedAverageDegree() {
        CsrMatrix a = CsrMatrix.erdosRenyi(4000, 4000, 6, new SplittableRandom(1));
        double degree = a.nonZeros() / 4000.0;
        assertEquals(6.0, degree, 0.15, "average degree");
        for (double v : a.values()) {
            assertTrue(v >= -1 && v <= 1);
        }
    }

    @Test
    void fixedDegreeRowsHaveExactlyDegreeDistinctColumns() {
        CsrMatrix a = CsrMatrix.fixedDegree(500, 300, 7, new SplittableRandom(2));
        int[] start = a.rowStart();
        int[] cols = a.columns();
        for (int i = 0; i < 500; i++) {
            assertEquals(7, start[i + 1] - start[i]);
            for (int p = start[i] + 1; p < start[i + 1]; p++) {
                assertTrue(cols[p] > cols[p - 1]);
            }
        }
    }

    @Test
    void productsMatchDense() {
        CsrMatrix a = CsrMatrix.erdosRenyi(50, 40, 5, new SplittableRandom(3));
        double[][] d = a.toDense();
        double[] x = new double[40];
        double[] xt = new double[50];
        for (int j = 0; j < 40; j++) {
            x[j] = Math.sin(j);
        }
        for (int i = 0; i < 50; i++) {
            xt[i] = Math.cos(i);
        }
        double[] y = new double[50];
        double[] yt = new double[40];
        a.multiply(x, y);
        a.multiplyTransposed(xt, yt);
        for (int i = 0; i < 50; i++) {
            double s = 0;
            for (int j = 0; j < 40; j++) {
                s += d[i][j] * x[j];
            }
            assertEquals(s, y[i], 1e-13);
        }
        for (int j = 0; j < 40; j++) {
            double s = 0;
            for (int i = 0; i < 50; i++) {
                s += d[i][j] * xt[i];
            }
            assertEquals(s, yt[j], 1e-13);
        }
        assertArrayEquals(d[3], CsrMatrix.fromDense(d).toDense()[3], 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> a.multiply(new double[3], new double[50]));
        assertEquals("multiply needs x of length 40 and y of length 50, got 3 and 50", e.getMessage());
    }

    @Test
    void arnoldiSpectralRadiusMatchesDenseEigenvalues() {
        for (int n : new int[] {300, 1000}) {
            for (long seed = 1; seed <= 2; seed++) {
                CsrMatrix a = CsrMatrix.erdosRenyi(n, n, 6, new SplittableRandom(seed));
                double dense = SpectralRadius.dense(a.toDense());
                var r = SpectralRadius.arnoldi(a, 1e-10, 64, 20, 200, new SplittableRandom(9));
                assertTrue(r.converged(), "converged " + r);
                assertEquals(dense, r.radius(), 1e-6 * dense, "n = " + n + ", seed " + seed + ": " + r);
            }
        }
    }

    @Test
    void scalingImposesTheSpectralRadius() {
        CsrMatrix a = CsrMatrix.erdosRenyi(2000, 2000, 6, new SplittableRandom(5));
        double rho = SpectralRadius.of(a, new SplittableRandom(1));
        CsrMatrix scaled = a.scale(0.9 / rho);
        assertEquals(0.9, SpectralRadius.of(scaled, new SplittableRandom(2)), 1e-8);
    }
}
