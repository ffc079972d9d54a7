package org.rclab.linalg;

import java.util.concurrent.RecursiveAction;

/**
 * Blocked, optionally two-threaded driver of the transposed products that the Gram matrix and
 * the blocked Cholesky need (BLAS {@code dsyrk} and {@code dgemm} with the first operand
 * transposed), on row-major arrays with offsets and leading dimensions:
 *
 * <pre>
 *   syrk:   C += alpha X^T X   (X rows x n, only C's upper triangle j >= i is touched)
 *   gemmTN: C += alpha A^T B   (A rows x m, B rows x n, C m x n)
 * </pre>
 *
 * Rows are taken in chunks of at most {@link #KC}; up to {@link #SUPER} rows of chunks are
 * packed per fork/join round into 16-column panels (see {@link GramKernel}), then the tiles are
 * computed in groups of {@link #NC} columns of C so that those B panels stay in the L2 cache
 * while one 16-row A panel (two 8-row tiles) sits in L1 and the tiles walk along C's rows
 * (Goto and van de Geijn 2008, doi:10.1145/1356052.1356053).
 *
 * <p>With {@code threads > 1}, packing and tiles are split into that many parts: part 0 runs on
 * the calling thread, the others are forked into {@link java.util.concurrent.ForkJoinPool#commonPool()}
 * (a busy pool degrades to running them on the caller). The symmetric update splits the
 * 16-column panels of C so that each part gets about the same number of tiles.
 *
 * <p>Not thread-safe: one engine per thread of callers. Pack buffers grow on first need and
 * are then reused; nothing is allocated per call once they are large enough.
 */
final class TnEngine {

    /** Rows per packed chunk (the depth of one micro-kernel call). */
    static final int KC = 128;
    /** Rows packed per fork/join round (a whole number of {@link #KC} chunks). */
    static final int SUPER = 4 * KC;
    /** Columns of B per L2-resident group of packed panels. */
    static final int NC = 512;

    /** Below this many multiply-adds per round the work is not split (a fork/join costs ~10 us). */
    private static final long PARALLEL_WORK = 1L << 20;

    private static final int NR = GramKernel.NR;
    private static final int MR = GramKernel.MR;

    private final GramKernel kernel;
    private final int threads;
    private final Part[] parts;
    private final double[][] tmp;

    private double[] packA = new double[0];
    private double[] packB = new double[0];
    private double[] packY = new double[0];

    // The operation in flight (read by the parts; written only between fork/join rounds).
    private int phase;
    private boolean symmetric;
    private double[] srcA;
    private int offA;
    private int ldA;
    private int colsA;
    private double[] srcB;
    private int offB;
    private int ldB;
    private int colsB;
    private int rowsNow;
    private double alpha;
    private double[] c;
    private int offC;
    private int ldC;
    // the fused syrkAndXtY's second operand and its outputs (null otherwise)
    private double[] srcY;
    private int offY;
    private int colsY;
    private double[] xty;
    private double[] sumX;
    private double[] sumY;

    TnEngine(GramKernel kernel, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.kernel = kernel;
        this.threads = threads;
        this.parts = new Part[threads];
        this.tmp = new double[threads][MR * NR];
        for (int p = 0; p < threads; p++) {
            parts[p] = new Part(this, p);
        }
    }

    GramKernel kernel() {
        return kernel;
    }

    int threads() {
        return threads;
    }

    /**
     * {@code C[i][j] += alpha sum_t X[t][i] X[t][j]} for {@code 0 <= i <= j < n}, X at
     * {@code x[xOff + t ldx + i]} ({@code t < rows}), C at {@code c[cOff + i ldc + j]}. Only the
     * upper triangle of C (with the diagonal) is read and written. X and C may share an array
     * only if their regions are disjoint.
     */
    void syrk(double[] x, int xOff, int ldx, int rows, int n, double alpha,
              double[] c, int cOff, int ldc) {
        if (rows == 0 || n == 0) {
            return;
        }
        symmetricRounds(x, xOff, ldx, rows, n, alpha, c, cOff, ldc);
    }

    /**
     * {@link #syrk} ({@code alpha = 1}, row-major X of {@code n} columns into G, {@code n x n}) and,
     * from the same packed rows, {@code XtY[i][k] += sum_t X[t][i] Y[t][k]} (Y row-major
     * {@code rows x m}, XtY {@code n x m}) and the column sums {@code xSum[i] += sum_t X[t][i]},
     * {@code ySum[k] += sum_t Y[t][k]}. The same bits as {@code syrk}, then {@link #gemmTN} for
     * {@code X^T Y}, then summing the rows in order; but X is read and packed once, not twice, and
     * its sums come with the packing, split over the parts.
     */
    void syrkAndXtY(double[] x, int rows, int n, double[] y, int m, double[] g, double[] xty,
                    double[] xSum, double[] ySum) {
        if (rows == 0 || n == 0) {
            return;
        }
        if (packY.length < SUPER * roundUp(m)) {
            packY = new double[SUPER * roundUp(m)];
        }
        this.srcY = y;
        this.colsY = m;
        this.xty = xty;
        this.sumX = xSum;
        this.sumY = ySum;
        symmetricRounds(x, 0, n, rows, n, 1.0, g, 0, n);
    }

    /** The rounds of {@link #syrk} (and, when {@code srcY} is set, of {@link #syrkAndXtY}). */
    private void symmetricRounds(double[] x, int xOff, int ldx, int rows, int n, double alpha,
                                 double[] c, int cOff, int ldc) {
        ensure(0, n);
        this.symmetric = true;
        this.srcB = x;
        this.ldB = ldx;
        this.colsB = n;
        this.colsA = n;
        this.alpha = alpha;
        this.c = c;
        this.offC = cOff;
        this.ldC = ldc;
        try {
            for (int t0 = 0; t0 < rows; t0 += SUPER) {
                rowsNow = Math.min(SUPER, rows - t0);
                offB = xOff + t0 * ldx;
                offY = t0 * colsY;
                phase = 0;
                run();
                phase = 1;
                run();
            }
        } finally {
            clear();
        }
    }

    /**
     * {@code C[i][j] += alpha sum_t A[t][i] B[t][j]} for {@code i < m, j < n}, A at
     * {@code a[aOff + t lda + i]}, B at {@code b[bOff + t ldb + j]} ({@code t < rows}), C at
     * {@code c[cOff + i ldc + j]}. C must not overlap A or B.
     */
    void gemmTN(double[] a, int aOff, int lda, int m, double[] b, int bOff, int ldb, int n,
                int rows, double alpha, double[] c, int cOff, int ldc) {
        if (rows == 0 || n == 0 || m == 0) {
            return;
        }
        ensure(m, n);
        this.symmetric = false;
        this.srcA = a;
        this.ldA = lda;
        this.colsA = m;
        this.srcB = b;
        this.ldB = ldb;
        this.colsB = n;
        this.alpha = alpha;
        this.c = c;
        this.offC = cOff;
        this.ldC = ldc;
        try {
            for (int t0 = 0; t0 < rows; t0 += SUPER) {
                rowsNow = Math.min(SUPER, rows - t0);
                offA = aOff + t0 * lda;
                offB = bOff + t0 * ldb;
                phase = 0;
                run();
                phase = 1;
                run();
            }
        } finally {
            clear();
        }
    }

    private void clear() {
        srcA = null;
        srcB = null;
        c = null;
        srcY = null;
        xty = null;
        sumX = null;
        sumY = null;
    }

    private void ensure(int m, int n) {
        int needA = SUPER * roundUp(m);
        int needB = SUPER * roundUp(n);
        if (packA.length < needA) {
            packA = new double[needA];
        }
        if (packB.length < needB) {
            packB = new double[needB];
        }
    }

    private static int roundUp(int n) {
        return (n + NR - 1) / NR * NR;
    }

    /** Runs the current phase on all parts and waits for them. */
    private void run() {
        if (threads == 1 || (long) rowsNow * colsA * colsB < PARALLEL_WORK) {
            runPart(0, 1);
            return;
        }
        for (int p = 1; p < threads; p++) {
            parts[p].reinitialize();
            parts[p].fork();
        }
        Throwable failure = null;
        try {
            runPart(0, threads);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int p = threads - 1; p >= 1; p--) {
            try {
                parts[p].join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Runs part {@code index} of {@code parts} of the current phase. */
    private void runPart(int index, int parts) {
        if (phase == 0) {
            pack(index, parts);
        } else {
            compute(index, parts);
        }
    }

    private void pack(int index, int parts) {
        if (!symmetric) {
            int panelsA = (colsA + NR - 1) / NR;
            packRange(srcA, offA, ldA, colsA, packA, panelsA * index / parts,
                    panelsA * (index + 1) / parts, null);
        }
        int panelsB = (colsB + NR - 1) / NR;
        packRange(srcB, offB, ldB, colsB, packB, panelsB * index / parts,
                panelsB * (index + 1) / parts, sumX);
        if (srcY != null && index == 0) {
            packRange(srcY, offY, colsY, colsY, packY, 0, (colsY + NR - 1) / NR, sumY);
        }
    }

    /**
     * Packs panels {@code [p0, p1)} of every {@link #KC}-row chunk of the current rows into
     * {@code dst}: chunk q (rows {@code q KC ..}) starts at {@code q KC roundUp(cols)}, its panel
     * p at {@code + p kc 16}. With {@code sums}, adds each packed column's rows, in order, to
     * {@code sums[column]}.
     */
    private void packRange(double[] src, int off, int ld, int cols, double[] dst, int p0, int p1, double[] sums) {
        int width = roundUp(cols);
        for (int t0 = 0; t0 < rowsNow; t0 += KC) {
            int kc = Math.min(KC, rowsNow - t0);
            int base = t0 * width;
            for (int p = p0; p < p1; p++) {
                int j0 = p * NR;
                int w = Math.min(NR, cols - j0);
                int d = base + p * kc * NR;
                int s = off + t0 * ld + j0;
                if (w == NR) {
                    for (int t = 0; t < kc; t++, d += NR, s += ld) {
                        System.arraycopy(src, s, dst, d, NR);
                    }
                } else {
                    for (int t = 0; t < kc; t++, d += NR, s += ld) {
                        System.arraycopy(src, s, dst, d, w);
                        for (int q = w; q < NR; q++) {
                            dst[d + q] = 0;
                        }
                    }
                }
                if (sums != null) {
                    int first = base + p * kc * NR;
                    for (int t = 0; t < kc; t++) {
                        for (int q = 0; q < w; q++) {
                            sums[j0 + q] += dst[first + t * NR + q];
                        }
                    }
                }
            }
        }
    }

    private void compute(int index, int parts) {
        double[] scratch = tmp[index];
        int rowPanels = (colsA + NR - 1) / NR;
        int i0 = rowPanels * index / parts * NR;
        int i1 = Math.min(colsA, rowPanels * (index + 1) / parts * NR);
        if (symmetric) {
            int panels = (colsB + NR - 1) / NR;
            int p0 = symmetricSplit(index, parts, panels);
            int p1 = symmetricSplit(index + 1, parts, panels);
            for (int t0 = 0; t0 < rowsNow; t0 += KC) {
                tiles(packB, colsB, packB, colsB, c, offC, ldC, true, t0, 0, Math.min(colsB, p1 * NR), p0, p1, scratch);
            }
            if (srcY != null) {
                // X^T Y from the packed X, as gemmTN would compute it from its own packed copy
                for (int t0 = 0; t0 < rowsNow; t0 += KC) {
                    tiles(packB, colsB, packY, colsY, xty, 0, colsY, false, t0, i0, i1, 0, (colsY + NR - 1) / NR, scratch);
                }
            }
        } else {
            int panels = (colsB + NR - 1) / NR;
            for (int t0 = 0; t0 < rowsNow; t0 += KC) {
                tiles(packA, colsA, packB, colsB, c, offC, ldC, false, t0, i0, i1, 0, panels, scratch);
            }
        }
    }

    /**
     * First panel of part {@code index} of {@code parts} for the upper triangle: panel p has
     * about {@code p + 1} row tiles, so the cut is where the running total reaches the share.
     */
    private static int symmetricSplit(int index, int parts, int panels) {
        if (index <= 0) {
            return 0;
        }
        if (index >= parts) {
            return panels;
        }
        double total = (double) panels * (panels + 1) / 2;
        double share = total * index / parts;
        // smallest P with P (P + 1) / 2 >= share
        int p = (int) Math.ceil((-1 + Math.sqrt(1 + 8 * share)) / 2);
        return Math.max(0, Math.min(panels, p));
    }

    /**
     * Tiles of C rows {@code [i0, i1)} against B panels {@code [p0, p1)} for the chunk of rows
     * at {@code t0}: A packed from {@code mRows} columns, B from {@code nCols}; with {@code sym}
     * only the upper triangle. The B panels are taken in L2-sized groups of {@link #NC} columns;
     * within a group each 8-row A slice stays in L1 while the tiles walk along C's rows, so C is
     * read in sequential streams.
     */
    private void tiles(double[] pa, int mRows, double[] pb, int nCols, double[] c, int offC, int ldc, boolean sym,
                       int t0, int i0, int i1, int p0, int p1, double[] scratch) {
        int kc = Math.min(KC, rowsNow - t0);
        int aBase = t0 * roundUp(mRows);
        int bBase = t0 * roundUp(nCols);
        double alpha = this.alpha;
        int group = Math.max(1, NC / NR);
        for (int jc = p0; jc < p1; jc += group) {
            int jcEnd = Math.min(jc + group, p1);
            int iMax = sym ? Math.min(i1, jcEnd * NR) : i1;
            // Rows in pairs of 8-row tiles that share one packed 16-column panel: both halves
            // of its cache lines are used while it sits in L1, and each B panel is read twice
            // in a row (the second time from L1).
            for (int i = i0; i < iMax; i += NR) {
                int aOff = aBase + (i / NR) * kc * NR;
                int mValid = Math.min(MR, mRows - i);
                int mValid2 = Math.min(MR, Math.min(iMax, mRows) - i - MR);
                int pFirst = sym ? Math.max(jc, i / NR) : jc;
                int rowC = offC + i * ldc;
                int rowC2 = rowC + MR * ldc;
                for (int p = pFirst; p < jcEnd; p++) {
                    int j0 = p * NR;
                    int nValid = Math.min(NR, nCols - j0);
                    int bOff = bBase + p * kc * NR;
                    kernel.tile(pa, aOff, pb, bOff, kc, c, rowC + j0, ldc,
                            mValid, nValid, sym ? i - j0 : GramKernel.FULL, alpha, scratch);
                    if (mValid2 > 0) {
                        kernel.tile(pa, aOff + MR, pb, bOff, kc, c, rowC2 + j0, ldc,
                                mValid2, nValid, sym ? i + MR - j0 : GramKernel.FULL, alpha, scratch);
                    }
                }
            }
        }
    }

    /** One forkable part; preallocated and reinitialised for every round. */
    private static final class Part extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient TnEngine engine;
        private final int index;

        Part(TnEngine engine, int index) {
            this.engine = engine;
            this.index = index;
        }

        @Override
        protected void compute() {
            engine.runPart(index, engine.threads);
        }
    }
}
