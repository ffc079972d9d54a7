package org.rclab.linalg;

import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * Gram accumulation and symmetric positive (semi-)definite solves for ridge regression.
 * Cholesky first; when the matrix is not numerically positive definite, a symmetric eigenvalue
 * decomposition with a relative cut-off (a pseudo-inverse, i.e. the minimum-norm least-squares
 * solution), and the note says so.
 */
public final class RidgeSolver {

    private RidgeSolver() {
    }

    /** X^T X accumulation into the upper triangle of a row-major F x F array. Not thread-safe. */
    public interface Gram {
        /** {@code g[i][j] += sum_t x[t][i] x[t][j]} for {@code j >= i}; x is rows x F row-major. */
        void accumulate(double[] x, int rows, double[] g);
    }

    /** The solution and how it was obtained. */
    public record Solution(double[] x, String note) {
    }

    /** A Gram accumulator for F features. */
    public static Gram gram(int features) {
        return (x, rows, g) -> {
            int f = features;
            for (int t = 0; t < rows; t++) {
                int base = t * f;
                for (int i = 0; i < f; i++) {
                    double xi = x[base + i];
                    if (xi == 0) {
                        continue;
                    }
                    int row = i * f;
                    for (int j = i; j < f; j++) {
                        g[row + j] += xi * x[base + j];
                    }
                }
            }
        };
    }

    /**
     * Solves {@code A X = B} for symmetric A (n x n, row-major, full) and B (n x m, row-major).
     *
     * @throws ArithmeticException if A is zero or the solution is not finite
     */
    public static Solution solveSymmetric(double[] a, double[] b, int n, int m) {
        R064Store matrix = R064Store.FACTORY.make(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                matrix.set(i, j, a[i * n + j]);
            }
        }
        R064Store rhs = R064Store.FACTORY.make(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                rhs.set(i, j, b[i * m + j]);
            }
        }
        Cholesky<Double> cholesky = Cholesky.R064.make(matrix);
        if (cholesky.decompose(matrix) && cholesky.isSPD()) {
            MatrixStore<Double> x = cholesky.getSolution(rhs);
            double[] out = toArray(x, n, m);
            if (allFinite(out)) {
                return new Solution(out, "Cholesky");
            }
        }
        return eigenSolve(matrix, rhs, n, m);
    }

    private static Solution eigenSolve(R064Store matrix, R064Store rhs, int n, int m) {
        Eigenvalue<Double> evd = Eigenvalue.R064.make(matrix, true);
        if (!evd.decompose(matrix)) {
            throw new ArithmeticException("the ridge system could not be solved: Cholesky failed (not positive definite)"
                    + " and so did the symmetric eigenvalue decomposition");
        }
        double[] lambda = new double[n];
        evd.getEigenvalues(lambda, java.util.Optional.empty());
        MatrixStore<Double> v = evd.getV();
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, Math.abs(l));
        }
        if (!(max > 0)) {
            throw new ArithmeticException("the ridge system is singular: X^T X + beta I is zero"
                    + " (all features zero and beta = 0); use beta > 0 or other features");
        }
        double cutoff = max * n * 1e-15;
        int kept = 0;
        double[] out = new double[n * m];
        double[] coef = new double[m];
        for (int k = 0; k < n; k++) {
            if (lambda[k] <= cutoff) {
                continue;
            }
            kept++;
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += v.doubleValue(i, k) * rhs.doubleValue(i, j);
                }
                coef[j] = s / lambda[k];
            }
            for (int i = 0; i < n; i++) {
                double vik = v.doubleValue(i, k);
                for (int j = 0; j < m; j++) {
                    out[i * m + j] += vik * coef[j];
                }
            }
        }
        return new Solution(out, "not positive definite: minimum-norm solution from " + kept + " of " + n
                + " eigenvalues above " + String.format(java.util.Locale.ROOT, "%.2e", cutoff));
    }

    private static double[] toArray(MatrixStore<Double> x, int n, int m) {
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = x.doubleValue(i, j);
            }
        }
        return out;
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }
}
