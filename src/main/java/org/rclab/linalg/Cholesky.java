package org.rclab.linalg;

import java.util.Optional;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;

import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.rclab.core.Checks;

/**
 * Ridge solves {@code (G + beta I) W = B} for a symmetric positive definite {@code G} by a
 * blocked right-looking Cholesky factorisation {@code G + beta I = U^T U} (Golub and Van Loan,
 * Matrix Computations, 4th ed., Alg. 4.2.10) followed by the two triangular solves
 * {@code U^T Y = B}, {@code U W = Y}.
 *
 * <p>Shapes, row-major {@code double[]}: G is {@code n x n} and only its <b>upper triangle</b>
 * ({@code j >= i}) is read, as kept by {@link GramAccumulator}; B and W are {@code n x m}. Per
 * block of {@value #NB} rows the factorisation does a small unblocked Cholesky, a triangular
 * solve of the row panel (mostly {@code A^T B} products) and the symmetric trailing update
 * {@code A22 -= U12^T U12}; the latter two run on the same register-blocked kernel and
 * threads as the Gram accumulation, which is where nearly all of the {@code n^3 / 3}
 * multiply-adds go.
 *
 * <p>A pivot that is not positive throws {@link NotPositiveDefiniteException} with its index
 * and value; {@link #solveRidge} (and {@link #solveRidgeInPlace}, which factors the caller's
 * copy) catches it and falls back to a symmetric eigendecomposition (ojAlgo) with the
 * pseudo-inverse, which is slower but always defined.
 */
public final class Cholesky {

    /** Rows per block of the factorisation. */
    static final int NB = 128;
    /** Rows per sub-block of the panel's triangular solve. */
    private static final int SB = 16;

    private Cholesky() {
    }

    /**
     * Factors {@code A + beta I = U^T U} in place: reads the upper triangle of {@code a}
     * (row-major {@code n x n}), overwrites it with U and leaves the strict lower triangle
     * untouched. On failure the upper triangle is partly overwritten.
     *
     * @param threads parallel parts for the trailing updates (1 = serial)
     * @throws NotPositiveDefiniteException if a pivot is not positive (index and value given)
     */
    public static void factor(double[] a, int n, double beta, int threads) {
        checkSquare("a", a, n);
        checkBeta(beta);
        factorChecked(a, n, beta, threads);
    }

    /** {@link #factor} without the argument checks. */
    static void factorChecked(double[] a, int n, double beta, int threads) {
        Checks.positive("threads", threads);
        GramKernel kernel = GramKernel.best();
        TnEngine engine = new TnEngine(kernel, threads);
        TnEngine[] serial = new TnEngine[threads];
        for (int p = 0; p < threads; p++) {
            serial[p] = new TnEngine(kernel, 1);
        }
        if (beta != 0) {
            for (int i = 0; i < n; i++) {
                a[i * n + i] += beta;
            }
        }
        for (int k = 0; k < n; k += NB) {
            int kb = Math.min(NB, n - k);
            diagonalBlock(a, n, k, kb);
            int m = n - k - kb;
            if (m == 0) {
                break;
            }
            panelSolve(a, n, k, kb, m, serial);
            // A22 -= U12^T U12 (upper triangle only)
            engine.syrk(a, k * n + k + kb, n, kb, m, -1.0, a, (k + kb) * n + k + kb, n);
        }
    }

    /** Unblocked right-looking Cholesky of the {@code kb x kb} block at (k, k). */
    private static void diagonalBlock(double[] a, int n, int k, int kb) {
        for (int j = 0; j < kb; j++) {
            int rj = (k + j) * n + k;
            double d = a[rj + j];
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new NotPositiveDefiniteException(k + j, d, n);
            }
            double u = Math.sqrt(d);
            a[rj + j] = u;
            double inv = 1.0 / u;
            for (int c = j + 1; c < kb; c++) {
                a[rj + c] *= inv;
            }
            for (int r = j + 1; r < kb; r++) {
                double f = a[rj + r];
                int rr = (k + r) * n + k;
                for (int c = r; c < kb; c++) {
                    a[rr + c] -= f * a[rj + c];
                }
            }
        }
    }

    /**
     * Row panel {@code X = A[k:k+kb, k+kb:n]} becomes {@code U11^{-T} X}. Its columns are
     * independent, so they are split into one range per engine (one fork/join round).
     */
    private static void panelSolve(double[] a, int n, int k, int kb, int m, TnEngine[] serial) {
        int parts = serial.length;
        if (parts == 1 || m < 64 * parts) {
            panelSolve(a, n, k, kb, 0, m, serial[0]);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts];
        for (int p = 0; p < parts; p++) {
            // column ranges on 16-column boundaries (whole packed panels)
            int c0 = (int) ((long) m * p / parts) / 16 * 16;
            int c1 = p == parts - 1 ? m : (int) ((long) m * (p + 1) / parts) / 16 * 16;
            TnEngine e = serial[p];
            tasks[p] = ForkJoinTask.adapt(() -> panelSolve(a, n, k, kb, c0, c1, e));
        }
        ForkJoinTask.invokeAll(tasks);
    }

    /**
     * Columns {@code [c0, c1)} of the row panel: left-looking over sub-blocks of {@value #SB}
     * rows, each first updated by the rows above it (an {@code A^T B} product on the kernel),
     * then solved against its small triangle.
     */
    private static void panelSolve(double[] a, int n, int k, int kb, int c0, int c1,
                                   TnEngine engine) {
        int x0 = k * n + k + kb + c0;
        int w = c1 - c0;
        GramKernel kernel = engine.kernel();
        for (int r0 = 0; r0 < kb; r0 += SB) {
            int rb = Math.min(SB, kb - r0);
            if (r0 > 0) {
                engine.gemmTN(a, k * n + k + r0, n, rb, a, x0, n, w, r0, -1.0,
                        a, x0 + r0 * n, n);
            }
            for (int s = r0; s < r0 + rb; s++) {
                int xs = x0 + s * n;
                double inv = 1.0 / a[(k + s) * n + k + s];
                for (int c = 0; c < w; c++) {
                    a[xs + c] *= inv;
                }
                for (int r = s + 1; r < r0 + rb; r++) {
                    kernel.axpy(w, -a[(k + s) * n + k + r], a, xs, a, x0 + r * n);
                }
            }
        }
    }

    /**
     * Solves {@code U^T U W = B} in place for a factor from {@link #factor}: {@code b}
     * (row-major {@code n x m}) is overwritten by W. Reads only U's upper triangle. Allocates
     * one {@code m x n} transposed copy of B, so that each right-hand side is a contiguous
     * vector: the forward solve {@code U^T Y = B} is then a sequence of row axpys and the
     * backward solve {@code U W = Y} of row dot products, both on U's rows.
     */
    public static void solveFactored(double[] u, int n, double[] b, int m) {
        checkSquare("u", u, n);
        checkRhs(b, n, m);
        Checks.distinct("b", b, "u", u);
        GramKernel kernel = GramKernel.best();
        double[] bt = new double[m * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                bt[c * n + i] = b[i * m + c];
            }
        }
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double inv = 1.0 / u[ri + i];
            for (int c = 0; c < m; c++) {
                int v = c * n;
                double y = bt[v + i] * inv;
                bt[v + i] = y;
                kernel.axpy(n - i - 1, -y, u, ri + i + 1, bt, v + i + 1);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * n;
            double inv = 1.0 / u[ri + i];
            for (int c = 0; c < m; c++) {
                int v = c * n;
                bt[v + i] = (bt[v + i] - kernel.dot(n - i - 1, u, ri + i + 1, bt, v + i + 1)) * inv;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                b[i * m + c] = bt[c * n + i];
            }
        }
    }

    /**
     * Solves {@code (G + beta I) W = B} by Cholesky on a copy of G, writing W into {@code w}.
     * Reads G's upper triangle; modifies only {@code w}. Allocates the {@code n x n} work copy;
     * use the overload with {@code work} to reuse one (for example over a sweep of beta).
     *
     * @throws NotPositiveDefiniteException if {@code G + beta I} is not numerically SPD
     */
    public static void solve(double[] g, int n, double beta, double[] b, int m, double[] w,
                             int threads) {
        checkSquare("g", g, n);
        solve(g, n, beta, b, m, w, new double[n * n], threads);
    }

    /**
     * As {@link #solve(double[], int, double, double[], int, double[], int)} with a
     * caller-owned {@code n x n} work array, which is overwritten by the factor U (upper
     * triangle; the lower one is left as it was). Modifies {@code w} and {@code work}.
     */
    public static void solve(double[] g, int n, double beta, double[] b, int m, double[] w,
                             double[] work, int threads) {
        checkSquare("g", g, n);
        checkSquare("work", work, n);
        checkRhs(b, n, m);
        checkBeta(beta);
        if (w.length != (long) n * m) {
            throw new IllegalArgumentException("w must be n x m = " + n + " x " + m
                    + " (length " + (long) n * m + "), got length " + w.length);
        }
        if (w == g || w == b) {
            throw new IllegalArgumentException("w must not be the same array as g or b");
        }
        if (work == g || work == b || work == w) {
            throw new IllegalArgumentException("work must not be the same array as g, b or w");
        }
        GramKernel kernel = GramKernel.best();
        for (int i = 0; i < n; i++) {
            checkRowFinite("g", g, n, i, kernel);
            System.arraycopy(g, i * n + i, work, i * n + i, n - i);
        }
        GramAccumulator.checkFinite("b", b, n, m, kernel);
        factorChecked(work, n, beta, threads);
        System.arraycopy(b, 0, w, 0, w.length);
        solveFactored(work, n, w, m);
    }

    /**
     * Ridge weights {@code W = (G + beta I)^{-1} B}: Cholesky first; if it finds a
     * non-positive pivot, the symmetric eigendecomposition {@code G + beta I = V diag(l) V^T}
     * (ojAlgo) with eigenvalues below {@code n eps max|l|} dropped (the pseudo-inverse), and the
     * result's note says so. Reads G's upper triangle; leaves G and B unchanged; uses all
     * available processors.
     *
     * @param g    row-major {@code n x n} (upper triangle read)
     * @param b    row-major {@code n x m} right-hand sides (for a readout, {@code X^T Y})
     * @param beta ridge parameter, {@code >= 0}
     */
    public static RidgeSolution solveRidge(double[] g, int n, double[] b, int m, double beta) {
        checkSquare("g", g, n);
        checkRhs(b, n, m);
        checkBeta(beta);
        double[] w = new double[n * m];
        try {
            solve(g, n, beta, b, m, w, Runtime.getRuntime().availableProcessors());
            return new RidgeSolution(w, n, m, "cholesky", "");
        } catch (NotPositiveDefiniteException e) {
            return eigenFallback(g, n, beta, b, m, w, e);
        }
    }

    /**
     * {@link #solveRidge} without the copy of G: the Cholesky factor overwrites the upper
     * triangle of {@code a} (one {@code n x n} array and one pass over it fewer, for a caller
     * that built {@code a} for this solve). If the factorisation fails, {@code refill} must
     * write the system back into {@code a}'s upper triangle; a non-finite entry is then named,
     * otherwise the eigendecomposition fallback solves it (a finite system never needs the scan
     * that {@link #solveRidge} makes first). Modifies {@code a}; leaves B unchanged.
     *
     * @throws IllegalArgumentException on a shape mismatch, a negative beta, a non-finite entry of
     *         B, or of {@code a}'s upper triangle once refilled (row and column named)
     */
    public static RidgeSolution solveRidgeInPlace(double[] a, int n, double[] b, int m, double beta,
                                                  Consumer<double[]> refill) {
        checkSquare("a", a, n);
        checkRhs(b, "a", n, m);
        checkBeta(beta);
        Checks.distinct("b", b, "a", a);
        Checks.require(refill != null, "refill must not be null");
        GramKernel kernel = GramKernel.best();
        GramAccumulator.checkFinite("b", b, n, m, kernel);
        double[] w = new double[n * m];
        try {
            factorChecked(a, n, beta, Runtime.getRuntime().availableProcessors());
            System.arraycopy(b, 0, w, 0, w.length);
            solveFactored(a, n, w, m);
            return new RidgeSolution(w, n, m, "cholesky", "");
        } catch (NotPositiveDefiniteException e) {
            refill.accept(a);
            for (int i = 0; i < n; i++) {
                checkRowFinite("a", a, n, i, kernel);
            }
            return eigenFallback(a, n, beta, b, m, w, e);
        }
    }

    private static RidgeSolution eigenFallback(double[] g, int n, double beta, double[] b, int m, double[] w,
                                               NotPositiveDefiniteException e) {
        int dropped = eigenSolve(g, n, beta, b, m, w);
        return new RidgeSolution(w, n, m, "eigen", "Cholesky failed (" + e.getMessage()
                + "); solved by symmetric eigendecomposition, " + dropped
                + " eigenvalue(s) below n eps max|l| dropped");
    }

    /**
     * Pseudo-inverse solve through ojAlgo's symmetric eigendecomposition; writes {@code w} and
     * returns the number of eigenvalues treated as zero.
     */
    static int eigenSolve(double[] g, int n, double beta, double[] b, int m, double[] w) {
        R064Store s = R064Store.FACTORY.make(n, n);
        for (int i = 0; i < n; i++) {
            s.set(i, i, g[i * n + i] + beta);
            for (int j = i + 1; j < n; j++) {
                double v = g[i * n + j];
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        Eigenvalue<Double> eig = Eigenvalue.R064.make(s, true);
        if (!eig.decompose(s)) {
            throw new ArithmeticException("eigendecomposition of G + beta I (" + n + " x " + n
                    + ") failed");
        }
        double[] lambda = new double[n];
        eig.getEigenvalues(lambda, Optional.empty());
        MatrixStore<Double> vs = eig.getV();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = vs.doubleValue(i, j);
            }
        }
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, Math.abs(l));
        }
        double tol = n * Math.ulp(1.0) * max;
        int dropped = 0;
        double[] t = new double[n * m]; // t = diag(1/l) V^T B
        for (int j = 0; j < n; j++) {
            if (Math.abs(lambda[j]) <= tol) {
                dropped++;
                continue;
            }
            for (int r = 0; r < n; r++) {
                double vr = v[r * n + j];
                for (int c = 0; c < m; c++) {
                    t[j * m + c] += vr * b[r * m + c];
                }
            }
            for (int c = 0; c < m; c++) {
                t[j * m + c] /= lambda[j];
            }
        }
        java.util.Arrays.fill(w, 0);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < n; j++) {
                double vr = v[r * n + j];
                if (vr != 0) {
                    for (int c = 0; c < m; c++) {
                        w[r * m + c] += vr * t[j * m + c];
                    }
                }
            }
        }
        return dropped;
    }

    private static void checkSquare(String name, double[] a, int n) {
        Checks.positive("n", n);
        if (a.length != (long) n * n) {
            throw new IllegalArgumentException(name + " must be n x n = " + n + " x " + n
                    + " (length " + (long) n * n + "), got length " + a.length);
        }
    }

    private static void checkRhs(double[] b, int n, int m) {
        checkRhs(b, "g", n, m);
    }

    private static void checkRhs(double[] b, String matrix, int n, int m) {
        Checks.positive("m", m);
        if (b.length != (long) n * m) {
            throw new IllegalArgumentException("b must be n x m = " + n + " x " + m
                    + " (length " + (long) n * m + ") to match " + matrix + " (" + n + " x " + n
                    + "), got length " + b.length);
        }
    }

    /** Throws, naming the entry, if row {@code i} of the upper triangle of {@code g} has a non-finite value. */
    private static void checkRowFinite(String name, double[] g, int n, int i, GramKernel kernel) {
        if (kernel.allFinite(g, i * n + i, n - i)) {
            return;
        }
        for (int j = i; j < n; j++) {
            if (!Double.isFinite(g[i * n + j])) {
                throw new IllegalArgumentException(name + " must be finite, got " + g[i * n + j]
                        + " at row " + i + ", column " + j);
            }
        }
    }

    private static void checkBeta(double beta) {
        Checks.nonNegative("beta", beta);
    }
}
