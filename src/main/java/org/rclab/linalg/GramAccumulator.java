package org.rclab.linalg;

import org.rclab.core.Checks;

/**
 * Streaming accumulation of the Gram matrix {@code G += X^T X} and of {@code X^T Y} over blocks
 * of reservoir states (rows = time), the normal equations of ridge regression
 * {@code (X^T X + beta I) W = X^T Y} (Lukosevicius 2012, doi:10.1007/978-3-642-35289-8_36).
 *
 * <p>Shapes, all row-major {@code double[]}: a block {@code X} is {@code rows x n} (row t is the
 * state at one time), {@code Y} is {@code rows x m}, {@code G} is {@code n x n} and
 * {@code X^T Y} is {@code n x m}. Only the <b>upper triangle</b> of G ({@code j >= i}, diagonal
 * included) is read and written; the strict lower triangle is never touched, so fill it with
 * {@link Gram#symmetrize(double[], int)} when the full matrix is needed. Summing the blocks in
 * any order gives the same G up to rounding.
 *
 * <p>The symmetric update is a blocked {@code dsyrk} on packed 16-column panels with a
 * register-blocked micro-kernel: on the Java 17 Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, in plain Java otherwise ({@link #kernel()} says
 * which). With {@code threads > 1} each block is split into that many balanced parts, run on
 * the caller and on {@link java.util.concurrent.ForkJoinPool#commonPool()}.
 *
 * <p>Not thread-safe (it owns the pack buffers: {@code 512 n} doubles for X, as many again once
 * {@link #accumulateXtY} has been used, {@code 512 m} rounded up to 16 once the fold's
 * {@code accumulate} or {@code accumulateFinite} has): use one per thread. Calls allocate
 * nothing once the buffers exist.
 */
public final class GramAccumulator {

    private final int n;
    private final TnEngine engine;

    /** An accumulator for {@code n} state columns using every available processor. */
    public GramAccumulator(int n) {
        this(n, Runtime.getRuntime().availableProcessors());
    }

    /** An accumulator for {@code n} state columns split over {@code threads} parts (1 = serial). */
    public GramAccumulator(int n, int threads) {
        this(n, threads, GramKernel.best());
    }

    GramAccumulator(int n, int threads, GramKernel kernel) {
        this.n = Checks.positive("n", n);
        Checks.positive("threads", threads);
        this.engine = new TnEngine(kernel, threads);
    }

    /** Number of state columns N. */
    public int n() {
        return n;
    }

    /** Number of parallel parts. */
    public int threads() {
        return engine.threads();
    }

    /** The micro-kernel in use: {@code "vector-512"}, {@code "vector-256"} or {@code "scalar"}. */
    public String kernel() {
        return engine.kernel().name();
    }

    /**
     * {@code G[i][j] += sum_{t < rows} X[t][i] X[t][j]} for {@code i <= j}. Reads the first
     * {@code rows * n} entries of {@code x}; modifies only the upper triangle of {@code g}.
     *
     * @param x    block of states, row-major {@code rows x n} (longer arrays allowed)
     * @param rows number of rows (time steps) in the block, {@code >= 0}
     * @param g    {@code n x n} row-major accumulator, modified
     * @throws IllegalArgumentException on a shape mismatch (both shapes named), aliasing, or a
     *         non-finite entry of {@code x} (its row and column named)
     */
    public void accumulate(double[] x, int rows, double[] g) {
        checkGramShapes(x, rows, g);
        checkFinite("x", x, rows, n, engine.kernel());
        engine.syrk(x, 0, n, rows, n, 1.0, g, 0, n);
    }

    /**
     * {@code XtY[i][k] += sum_{t < rows} X[t][i] Y[t][k]}. Reads the first {@code rows * n}
     * entries of {@code x} and {@code rows * m} of {@code y}; modifies {@code xty}.
     *
     * @param x   block of states, row-major {@code rows x n}
     * @param y   targets of the same time steps, row-major {@code rows x m}
     * @param m   number of target columns, {@code >= 1}
     * @param xty {@code n x m} row-major accumulator, modified
     */
    public void accumulateXtY(double[] x, int rows, double[] y, int m, double[] xty) {
        checkXtYShapes(x, rows, y, m, xty);
        checkFinite("x", x, rows, n, engine.kernel());
        checkFinite("y", y, rows, m, engine.kernel());
        engine.gemmTN(x, 0, n, n, y, 0, m, m, rows, 1.0, xty, 0, m);
    }

    /**
     * Everything the ridge readout's fold needs from one block: {@link #accumulate(double[], int,
     * double[])}, {@link #accumulateXtY} and the column sums {@code xSum[i] += sum_t X[t][i]},
     * {@code ySum[k] += sum_t Y[t][k]} (rows added in order). The same bits as those calls and
     * plain loops over the rows, in less time: X is checked for finiteness, read and packed once,
     * its column sums are taken while it is packed, on every part.
     *
     * @throws IllegalArgumentException as the two calls do, if {@code xSum} is not of length n or
     *         {@code ySum} of length m, or if an output aliases another array
     */
    public void accumulate(double[] x, int rows, double[] y, int m, double[] g, double[] xty,
                           double[] xSum, double[] ySum) {
        checkFoldShapes(x, rows, y, m, g, xty, xSum, ySum);
        checkFinite("x", x, rows, n, engine.kernel());
        checkFinite("y", y, rows, m, engine.kernel());
        engine.syrkAndXtY(x, rows, n, y, m, g, xty, xSum, ySum);
    }

    /**
     * {@link #accumulate(double[], int, double[], int, double[], double[], double[], double[])}
     * without its scan of X and Y for non-finite values, for a caller that has checked every row
     * as it arrived ({@code RidgeAccumulator} does, naming the row): the scan reads a 512-row,
     * 2000-column block from memory once more, 0.6 ms of the folding thread per block. A
     * non-finite value makes the sums non-finite. Shapes and aliasing are checked as there.
     */
    public void accumulateFinite(double[] x, int rows, double[] y, int m, double[] g, double[] xty,
                                 double[] xSum, double[] ySum) {
        checkFoldShapes(x, rows, y, m, g, xty, xSum, ySum);
        engine.syrkAndXtY(x, rows, n, y, m, g, xty, xSum, ySum);
    }

    private void checkFoldShapes(double[] x, int rows, double[] y, int m, double[] g, double[] xty,
                                 double[] xSum, double[] ySum) {
        checkGramShapes(x, rows, g);
        checkXtYShapes(x, rows, y, m, xty);
        Checks.length("xSum", xSum, n);
        Checks.length("ySum", ySum, m);
        double[][] arrays = {x, y, g, xty, xSum, ySum};
        String[] names = {"x", "y", "g", "xty", "xSum", "ySum"};
        for (int a = 2; a < arrays.length; a++) {
            for (int b = 0; b < a; b++) {
                Checks.distinct(names[a], arrays[a], names[b], arrays[b]);
            }
        }
    }

    private void checkGramShapes(double[] x, int rows, double[] g) {
        checkBlock("x", x, rows, n);
        if (g.length != (long) n * n) {
            throw new IllegalArgumentException("g must be n x n = " + n + " x " + n
                    + " (length " + (long) n * n + "), got length " + g.length);
        }
        Checks.distinct("g", g, "x", x);
    }

    private void checkXtYShapes(double[] x, int rows, double[] y, int m, double[] xty) {
        if (m <= 0) {
            throw new IllegalArgumentException("m must be positive, got " + m);
        }
        checkBlock("x", x, rows, n);
        checkBlock("y", y, rows, m);
        if (xty.length != (long) n * m) {
            throw new IllegalArgumentException("xty must be n x m = " + n + " x " + m
                    + " (length " + (long) n * m + "), got length " + xty.length);
        }
        if (xty == x || xty == y) {
            throw new IllegalArgumentException("xty must not be the same array as x or y");
        }
    }

    /**
     * Gets the kernels compiled before the first real block arrives. A cold Vector API kernel runs
     * tens of times slower until C2 has compiled it (in the profiling tier every vector is an
     * object): the first 2000-column block then takes about 0.5 s instead of 20 ms. Here the Gram
     * kernels run on tiny blocks (a few rows deep) until they run at compiled speed, then on a few
     * blocks shaped like real ones, serially and split; the blocked Cholesky solves a 400 x 400 one.
     * A few tenths of a second of one core in a fresh JVM; call it once, on a spare thread, while
     * other set-up work goes on.
     */
    public static void warmUp() {
        int n = 64;
        int rows = 4;
        double[] x = new double[rows * n];
        double[] y = new double[rows * 3];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.sin(k);
        }
        double[] g = new double[n * n];
        double[] xty = new double[n * 3];
        double[] xSum = new double[n];
        double[] ySum = new double[3];
        GramAccumulator[] accumulators = {new GramAccumulator(n, 1), new GramAccumulator(n)};
        // until 50 rounds in a row take the time of compiled code (a few microseconds; before C2 every
        // vector is a heap object, a round takes hundreds and fills the young generation), or 2 s
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (int fast = 0; fast < 50 && System.nanoTime() < deadline; ) {
            long start = System.nanoTime();
            for (GramAccumulator accumulator : accumulators) {
                accumulator.accumulateFinite(x, rows, y, 3, g, xty, xSum, ySum);
            }
            fast = System.nanoTime() - start < 20_000 ? fast + 1 : 0;
        }
        // then blocks shaped like real ones (several row chunks and a remainder, work enough to be
        // split over the cores), so that no branch of the compiled drivers is still unseen: a branch
        // first taken by a real block deoptimises them back to the slow tier
        int wide = 256;
        int tall = TnEngine.SUPER + TnEngine.KC + 3;
        double[] big = new double[tall * wide];
        double[] bigY = new double[tall * 3];
        for (int k = 0; k < big.length; k++) {
            big[k] = Math.cos(k);
        }
        double[] bigG = new double[wide * wide];
        double[] bigXty = new double[wide * 3];
        double[] bigSum = new double[wide];
        GramAccumulator[] shaped = {new GramAccumulator(wide, 1), new GramAccumulator(wide)};
        for (int round = 0; round < 10; round++) {
            for (GramAccumulator accumulator : shaped) {
                accumulator.accumulateFinite(big, tall, bigY, 3, bigG, bigXty, bigSum, ySum);
            }
        }
        // and the blocked Cholesky solve of the readout (its panels, split over the cores as a
        // large system's are, and its trailing updates)
        int c = 400;
        double[] spd = new double[c * c];
        double[] rhs = new double[c * 3];
        for (int i = 0; i < c; i++) {
            spd[i * c + i] = c;
            for (int j = i + 1; j < c; j++) {
                spd[i * c + j] = Math.sin(i + 2.0 * j);
            }
            rhs[i * 3] = 1;
        }
        for (int round = 0; round < 12; round++) {
            Cholesky.solveRidge(spd, c, rhs, 3, 1e-6);
        }
    }

    /** Starts {@link #warmUp()} on a daemon thread and returns at once. */
    public static void warmUpInBackground() {
        Thread thread = new Thread(GramAccumulator::warmUp, "rclab-kernel-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    static void checkBlock(String name, double[] a, int rows, int cols) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be non-negative, got " + rows);
        }
        if (a.length < (long) rows * cols) {
            throw new IllegalArgumentException(name + " must hold rows x columns = " + rows + " x "
                    + cols + " (length >= " + (long) rows * cols + "), got length " + a.length);
        }
    }

    static void checkFinite(String name, double[] a, int rows, int cols, GramKernel kernel) {
        int len = rows * cols;
        if (kernel.allFinite(a, 0, len)) {
            return;
        }
        for (int k = 0; k < len; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException(name + " must be finite, got " + a[k]
                        + " at row " + k / cols + ", column " + k % cols);
            }
        }
    }
}
