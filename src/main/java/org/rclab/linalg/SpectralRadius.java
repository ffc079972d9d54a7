package org.rclab.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.scalar.ComplexNumber;
import org.rclab.core.Checks;

/**
 * The spectral radius {@code rho(A) = max |lambda_i(A)|} of a sparse square matrix by Arnoldi
 * iteration with thick restarts (Stewart 2001, SIAM J. Matrix Anal. Appl. 23:601; Wu &amp; Simon
 * 2000): a Krylov basis V of up to {@code m} vectors, the Rayleigh quotient {@code H = V^T A V},
 * its eigenpairs by ojAlgo, and a restart that keeps the real and imaginary parts of the
 * {@code k} largest-modulus Ritz vectors. Stops when the leading Ritz pair's relative residual
 * {@code |A u - theta u| / (|theta| |u|)} is below the tolerance.
 *
 * <p>Random reservoir matrices have their eigenvalues spread over a disk (Girko's circular law),
 * so the largest one is poorly separated and plain power iteration crawls; the thick restart keeps
 * the whole outer ring of Ritz values and converges in a few restarts.
 */
public final class SpectralRadius {

    /** The result with its convergence measures. */
    public record Result(double radius, double residual, int matrixVectorProducts, boolean converged) {
    }

    private SpectralRadius() {
    }

    /** The spectral radius to a relative residual of 1e-10. */
    public static double of(CsrMatrix a, SplittableRandom random) {
        Result r = arnoldi(a, 1e-10, 64, 20, 200, random);
        if (!r.converged()) {
            throw new ArithmeticException("spectral radius did not converge: residual " + r.residual() + " after "
                    + r.matrixVectorProducts() + " products (estimate " + r.radius() + ")");
        }
        return r.radius();
    }

    /**
     * Thick-restart Arnoldi for the largest-modulus eigenvalue.
     *
     * @param tolerance    relative residual of the leading Ritz pair to stop at
     * @param basisSize    m, the largest basis
     * @param keep         k, Ritz vectors kept at a restart ({@code k < m})
     * @param maxRestarts  restarts before giving up (the result then says not converged)
     */
    public static Result arnoldi(CsrMatrix a, double tolerance, int basisSize, int keep, int maxRestarts,
                                 SplittableRandom random) {
        int n = a.rows();
        Checks.require(n == a.cols(), "matrix must be square, got " + a.rows() + " x " + a.cols());
        Checks.positive("tolerance", tolerance);
        if (n <= basisSize) {
            return new Result(dense(a.toDense()), 0.0, 0, true);
        }
        int m = basisSize;
        Checks.require(keep >= 2 && keep < m - 1, "keep must be in [2, basisSize - 1), got " + keep);
        double[][] v = new double[m][n];
        double[][] w = new double[m][n];
        for (int p = 0; p < n; p++) {
            v[0][p] = random.nextDouble() - 0.5;
        }
        normalize(v[0]);
        int size = 1;
        int products = 0;
        double theta = Double.NaN;
        double residual = Double.POSITIVE_INFINITY;
        double[] logDiag = new double[m];
        for (int restart = 0; restart <= maxRestarts; restart++) {
            // products for the vectors that lack them, then expand the Krylov basis to m
            for (int j = 0; j < size; j++) {
                a.multiply(v[j], w[j]);
                products++;
            }
            while (size < m) {
                double[] next = v[size];
                System.arraycopy(w[size - 1], 0, next, 0, n);
                if (!orthogonalize(v, size, next)) {
                    break;
                }
                a.multiply(next, w[size]);
                products++;
                size++;
            }
            // Rayleigh quotient H = V^T A V and its eigenpairs
            R064Store h = R064Store.FACTORY.make(size, size);
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    h.set(i, j, GramSchmidt.dot(v[i], w[j]));
                }
            }
            Eigenvalue<Double> evd = Eigenvalue.R064.make(h, false);
            evd.decompose(h);
            double[] re = new double[size];
            double[] im = new double[size];
            evd.getEigenvalues(re, java.util.Optional.of(im));
            MatrixStore<ComplexNumber> y = evd.getEigenvectors();
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> Double.compare(Math.hypot(re[q], im[q]), Math.hypot(re[p], im[p])));
            int lead = order[0];
            theta = Math.hypot(re[lead], im[lead]);
            residual = ritzResidual(v, w, size, y, lead, re[lead], im[lead], n);
            if (residual < tolerance || size < m) {
                return new Result(theta, residual, products, residual < tolerance);
            }
            // thick restart: real and imaginary parts of the k leading Ritz vectors
            double[][] u = new double[keep + 1][];
            boolean[] used = new boolean[size];
            int count = 0;
            for (int r = 0; r < size && count < keep; r++) {
                int idx = order[r];
                if (used[idx]) {
                    continue;
                }
                used[idx] = true;
                double[] ur = new double[n];
                double[] ui = new double[n];
                for (int j = 0; j < size; j++) {
                    ComplexNumber c = y.get(j, idx);
                    GramSchmidt.axpy(c.getReal(), v[j], ur);
                    GramSchmidt.axpy(c.getImaginary(), v[j], ui);
                }
                u[count++] = ur;
                if (im[idx] != 0) {
                    u[count++] = ui;
                    markConjugate(used, re, im, idx);
                }
            }
            for (int j = 0; j < count; j++) {
                System.arraycopy(u[j], 0, v[j], 0, n);
            }
            GramSchmidt.orthonormalize(Arrays.copyOf(v, count), logDiag);
            size = count;
        }
        return new Result(theta, residual, products, false);
    }

    /** The spectral radius of a small dense matrix by a full eigenvalue decomposition (ojAlgo). */
    public static double dense(double[][] a) {
        int n = a.length;
        R064Store store = R064Store.FACTORY.make(n, n);
        for (int i = 0; i < n; i++) {
            Checks.require(a[i].length == n, "matrix must be square, row " + i + " has " + a[i].length + " of " + n);
            for (int j = 0; j < n; j++) {
                store.set(i, j, a[i][j]);
            }
        }
        Eigenvalue<Double> evd = Eigenvalue.R064.make(store, false);
        if (!evd.computeValuesOnly(store)) {
            throw new ArithmeticException("eigenvalue decomposition failed for a " + n + " x " + n + " matrix");
        }
        double[] re = new double[n];
        double[] im = new double[n];
        evd.getEigenvalues(re, java.util.Optional.of(im));
        double rho = 0;
        for (int i = 0; i < n; i++) {
            rho = Math.max(rho, Math.hypot(re[i], im[i]));
        }
        return rho;
    }

    /** Marks the conjugate partner of eigenvalue idx as used: its vectors span the same real plane. */
    private static void markConjugate(boolean[] used, double[] re, double[] im, int idx) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < re.length; j++) {
            if (!used[j]) {
                double d = Math.hypot(re[j] - re[idx], im[j] + im[idx]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
        }
        if (best >= 0 && bestDistance <= 1e-8 * Math.hypot(re[idx], im[idx])) {
            used[best] = true;
        }
    }

    /** |A u - theta u| / (|theta| |u|) for the Ritz vector u = V y[:, idx] with A u = W y[:, idx]. */
    private static double ritzResidual(double[][] v, double[][] w, int size, MatrixStore<ComplexNumber> y, int idx,
                                       double thetaRe, double thetaIm, int n) {
        double[] cr = new double[size];
        double[] ci = new double[size];
        for (int j = 0; j < size; j++) {
            ComplexNumber c = y.get(j, idx);
            cr[j] = c.getReal();
            ci[j] = c.getImaginary();
        }
        double num = 0;
        double den = 0;
        for (int p = 0; p < n; p++) {
            double ur = 0;
            double ui = 0;
            double aur = 0;
            double aui = 0;
            for (int j = 0; j < size; j++) {
                ur += cr[j] * v[j][p];
                ui += ci[j] * v[j][p];
                aur += cr[j] * w[j][p];
                aui += ci[j] * w[j][p];
            }
            double rr = aur - (thetaRe * ur - thetaIm * ui);
            double ri = aui - (thetaRe * ui + thetaIm * ur);
            num += rr * rr + ri * ri;
            den += ur * ur + ui * ui;
        }
        return Math.sqrt(num / den) / Math.hypot(thetaRe, thetaIm);
    }

    /** Orthogonalises x against v[0..size-1] twice and normalises it; false if it vanished. */
    private static boolean orthogonalize(double[][] v, int size, double[] x) {
        double before = Math.sqrt(GramSchmidt.dot(x, x));
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < size; i++) {
                GramSchmidt.axpy(-GramSchmidt.dot(v[i], x), v[i], x);
            }
        }
        double norm = Math.sqrt(GramSchmidt.dot(x, x));
        if (!(norm > 1e-12 * before)) {
            return false;
        }
        double inv = 1 / norm;
        for (int p = 0; p < x.length; p++) {
            x[p] *= inv;
        }
        return true;
    }

    private static void normalize(double[] x) {
        double inv = 1 / Math.sqrt(GramSchmidt.dot(x, x));
        for (int p = 0; p < x.length; p++) {
            x[p] *= inv;
        }
    }
}
