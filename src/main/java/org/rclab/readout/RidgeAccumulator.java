package org.rclab.readout;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.rclab.core.Checks;
import org.rclab.linalg.Cholesky;
import org.rclab.linalg.GramAccumulator;
import org.rclab.linalg.RidgeSolution;

/**
 * Streaming ridge regression (Tikhonov 1963; Lukosevicius 2012, section 4): accumulates
 * {@code X^T X}, {@code X^T Y}, the column sums and the row count from rows of features X (F per
 * row) and targets Y (M per row), then solves
 *
 * <pre>
 *   W_out = (X_c^T X_c + beta I)^-1 X_c^T Y_c,   b = mean(Y) - W_out mean(X)
 * </pre>
 *
 * where {@code X_c, Y_c} are centred: the bias (when enabled) is fitted without penalty, which is
 * the same as an unpenalised column of ones. Rows are buffered into blocks and folded into the
 * Gram matrix by {@link GramAccumulator} (a Vector API SYRK kernel on both cores when the JVM has
 * {@code --add-modules jdk.incubator.vector}); the states never need to be held in memory at once.
 * The solve is {@link Cholesky#solveRidgeInPlace} on a centred copy: a blocked Cholesky, with an
 * eigendecomposition fallback when the system is not numerically positive definite. Full blocks
 * of rows are folded, in order, on one background thread while the caller fills the next ones, so
 * a reservoir run overlaps its own accumulation: the caller waits for a fold only when 256 MB of
 * blocks (at most an eighth of the heap) are pending; the folds use one core less than the machine
 * has while rows keep coming and every core once the caller asks for the sums. The sums do not
 * depend on that timing: every entry is summed in block order. Accumulators of disjoint rows can
 * be {@link #merge merged} (one per thread). Not thread-safe.
 */
public final class RidgeAccumulator {

    private static final int BLOCK = 512;
    /**
     * Blocks waiting to be folded hold at most this many bytes (but there are always two): enough
     * for a 2000-node reservoir to run ahead of its accumulation to the end of a 20000-step run.
     */
    private static final long PENDING_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final int features;
    private final int outputs;
    private final boolean bias;
    /**
     * Made on the folding thread (see the constructor); read by the folds and, after
     * {@link #flush}, by the caller. Volatile: the pool may run a later fold on a new thread.
     */
    private volatile double[] gram;
    private final double[] xty;
    private final double[] featureSum;
    private final double[] targetSum;
    private long count;

    /** A buffer of up to {@link #BLOCK} rows. */
    private static final class Block {
        final double[] x;
        final double[] y;
        int rows;

        Block(int features, int outputs) {
            x = new double[BLOCK * features];
            y = new double[BLOCK * outputs];
        }
    }

    /** The block being filled by {@link #add} (null until the first row). */
    private Block filling;
    /** Blocks folded and free to be filled again; {@code blocks} exist in all. */
    private final LinkedBlockingQueue<Block> free = new LinkedBlockingQueue<>();
    private final int maxBlocks;
    private int blocks;
    /** One thread folding full blocks in the order they were handed over (so the sums are reproducible). */
    private final ThreadPoolExecutor folder;
    private Future<?> lastFold;
    /** Set while the caller waits for the folds: they may then use every core. */
    private volatile boolean draining;
    private volatile Throwable foldFailure;
    /** The kernel while rows keep coming (one core less, left to the caller) and once they stop (all cores). */
    private final GramAccumulator beside;
    private final GramAccumulator alone;

    /**
     * An empty accumulator. Its Gram matrix ({@code 8 F^2} bytes) is allocated on the folding
     * thread: if that fails (OutOfMemoryError), the error is thrown by the next {@link #add},
     * {@link #merge} or {@link #solve}.
     *
     * @param features F, the number of features per row
     * @param outputs  M, the number of targets per row
     * @param bias     fit an unpenalised bias b
     */
    public RidgeAccumulator(int features, int outputs, boolean bias) {
        this.features = Checks.positive("features", features);
        this.outputs = Checks.positive("outputs", outputs);
        this.bias = bias;
        int cells = Math.multiplyExact(features, features);
        this.xty = new double[features * outputs];
        this.featureSum = new double[features];
        this.targetSum = new double[outputs];
        long blockBytes = 8L * BLOCK * (features + outputs);
        this.maxBlocks = (int) Math.max(2, Math.min(64, PENDING_BYTES / blockBytes));
        this.blocks = 1; // the block made with the Gram matrix below (the first add takes it, or makes its own)
        int cores = Runtime.getRuntime().availableProcessors();
        this.beside = new GramAccumulator(features, Math.max(1, cores - 1));
        this.alone = new GramAccumulator(features, cores);
        this.folder = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "rclab-gram-fold");
            thread.setDaemon(true);
            return thread;
        });
        // The first block and the Gram matrix (40 MB for 2000 features: ~15 ms of zeroing and page
        // faults) are made on the folding thread, which has nothing to do until a block is full,
        // rather than on the caller's critical path; the block first, as the caller needs it first
        // (after its washout), the Gram matrix only for the first fold. flush() waits for this task
        // like for a fold.
        lastFold = folder.submit(() -> {
            try {
                free.add(new Block(features, outputs));
                gram = new double[cells];
            } catch (Throwable t) {
                foldFailure = t;
            }
        });
    }

    public int features() {
        return features;
    }

    public int outputs() {
        return outputs;
    }

    /** Rows added so far. */
    public long count() {
        return count;
    }

    /**
     * Adds one row. The arrays are copied into the block buffer.
     *
     * @throws IllegalArgumentException on a length mismatch or a non-finite value (naming row and column)
     */
    public void add(double[] x, double[] y) {
        rethrowFoldFailure();
        checkRow(x, y, features, outputs, count);
        if (filling == null) {
            filling = nextFreeBlock();
        }
        Block block = filling;
        System.arraycopy(x, 0, block.x, block.rows * features, features);
        System.arraycopy(y, 0, block.y, block.rows * outputs, outputs);
        block.rows++;
        count++;
        if (block.rows == BLOCK) {
            // hand the block to the folding thread and go on filling another: the reservoir run and
            // the Gram accumulation overlap, and the caller waits only when maxBlocks are pending
            lastFold = folder.submit(() -> {
                try {
                    if (foldFailure == null) {
                        fold(block, draining ? alone : beside);
                    }
                } catch (Throwable t) {
                    foldFailure = t;
                } finally {
                    block.rows = 0;
                    free.add(block);
                }
            });
            filling = nextFreeBlock();
        }
    }

    /** A folded block, or a new one while fewer than {@link #maxBlocks} exist. */
    private Block nextFreeBlock() {
        Block block = free.poll();
        if (block != null) {
            return block;
        }
        if (blocks < maxBlocks) {
            blocks++;
            return new Block(features, outputs);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return free.take();
                } catch (InterruptedException e) {
                    interrupted = true; // a fold takes milliseconds: finish waiting, keep the flag
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until every handed-over block is folded, then folds the partial one, on all cores. */
    private void flush() {
        if (lastFold != null) {
            draining = true;
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        lastFold.get(); // the task catches what the fold throws (foldFailure)
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw new AssertionError("a fold task cannot fail", e);
                    }
                }
            } finally {
                draining = false;
                lastFold = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        rethrowFoldFailure();
        if (filling != null && filling.rows > 0) {
            fold(filling, alone);
            filling.rows = 0;
        }
        // let the garbage collector have the folded blocks (up to 256 MB) back before whatever comes next
        blocks -= free.size();
        free.clear();
    }

    /**
     * Rethrows what a fold threw. The failure stays: the sums miss that block (and the ones after
     * it), so every later add, solve and merge throws too.
     */
    private void rethrowFoldFailure() {
        Throwable failure = foldFailure;
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("folding a block of rows failed; this accumulator's sums are"
                    + " incomplete", failure);
        }
    }

    /** Adds the rows of {@code block} to the sums ({@link #add} has checked that they are finite). */
    private void fold(Block block, GramAccumulator kernel) {
        double[] g = gram;
        kernel.accumulateFinite(block.x, block.rows, block.y, outputs, g, xty, featureSum, targetSum);
    }

    private static String describe(RidgeAccumulator a) {
        return a.features + " x " + a.outputs + (a.bias ? ", with bias," : ", without bias,");
    }

    /** Adds the sums of {@code other} (rows disjoint from this one's) into this accumulator. */
    public RidgeAccumulator merge(RidgeAccumulator other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge an accumulator into itself (its rows would count twice)");
        }
        if (other.features != features || other.outputs != outputs || other.bias != bias) {
            throw new IllegalArgumentException("cannot merge a " + describe(other) + " accumulator into a "
                    + describe(this) + " one");
        }
        flush();
        other.flush();
        double[] g = gram;
        double[] h = other.gram;
        for (int p = 0; p < g.length; p++) {
            g[p] += h[p];
        }
        for (int p = 0; p < xty.length; p++) {
            xty[p] += other.xty[p];
        }
        for (int f = 0; f < features; f++) {
            featureSum[f] += other.featureSum[f];
        }
        for (int m = 0; m < outputs; m++) {
            targetSum[m] += other.targetSum[m];
        }
        count += other.count;
        return this;
    }

    /**
     * Solves for the readout with ridge parameter {@code beta >= 0}. The accumulated sums are not
     * changed, so several betas can be tried on one accumulation.
     *
     * @throws IllegalArgumentException if no rows were added or beta is invalid
     * @throws ArithmeticException      if the system is singular even for the fallback solver
     */
    public RidgeReadout solve(double beta) {
        Checks.nonNegative("beta", beta);
        flush();
        if (count == 0) {
            throw new IllegalArgumentException("the ridge system has no rows: add training rows before solve");
        }
        int f = features;
        double[] a = new double[f * f];
        double[] rhs = new double[f * outputs];
        double n = count;
        double[] meanX = new double[f];
        double[] meanY = new double[outputs];
        if (bias) {
            for (int i = 0; i < f; i++) {
                meanX[i] = featureSum[i] / n;
            }
            for (int m = 0; m < outputs; m++) {
                meanY[m] = targetSum[m] / n;
            }
        }
        centre(a, meanX);
        for (int i = 0; i < f; i++) {
            double ci = n * meanX[i];
            for (int m = 0; m < outputs; m++) {
                rhs[i * outputs + m] = xty[i * outputs + m] - ci * meanY[m];
            }
        }
        boolean zero = true;
        for (int i = 0; i < f && zero; i++) {
            zero = a[i * f + i] == 0;
        }
        if (zero && beta == 0) {
            throw new ArithmeticException("the ridge system is singular: X^T X + beta I is zero"
                    + " (all features constant and beta = 0); use beta > 0 or other features");
        }
        // the factor overwrites the centred copy (a failed one gets it written again for the fallback)
        RidgeSolution solution = Cholesky.solveRidgeInPlace(a, f, rhs, outputs, beta, copy -> centre(copy, meanX));
        double[] w = new double[outputs * f];
        double[] x = solution.weights();
        for (int i = 0; i < f; i++) {
            for (int m = 0; m < outputs; m++) {
                w[m * f + i] = x[i * outputs + m];
            }
        }
        for (double v : w) {
            if (!Double.isFinite(v)) {
                throw new ArithmeticException("the ridge solution is not finite (" + solution.method() + "); the"
                        + " system is singular or badly scaled: raise beta");
            }
        }
        String note = solution.fellBack() ? solution.note() : "Cholesky";
        double[] b = new double[outputs];
        if (bias) {
            for (int m = 0; m < outputs; m++) {
                double s = meanY[m];
                for (int i = 0; i < f; i++) {
                    s -= w[m * f + i] * meanX[i];
                }
                b[m] = s;
            }
        }
        return new RidgeReadout(w, b, f, note);
    }

    /**
     * Writes the centred Gram matrix {@code X_c^T X_c = X^T X - n mean(X) mean(X)^T} into the
     * upper triangle of {@code a} (the one the kernel fills); the bias is fitted without penalty.
     */
    private void centre(double[] a, double[] meanX) {
        int f = features;
        double[] g = gram;
        double n = count;
        for (int i = 0; i < f; i++) {
            double ci = n * meanX[i];
            for (int j = i; j < f; j++) {
                a[i * f + j] = g[i * f + j] - ci * meanX[j];
            }
        }
    }

    /**
     * Checks one training row: the lengths, and that every value is finite (the error names the row
     * and the column). Shared with {@link QrRidgeAccumulator}.
     */
    static void checkRow(double[] x, double[] y, int features, int outputs, long row) {
        if (x.length != features || y.length != outputs) {
            throw new IllegalArgumentException("a row needs " + features + " features and " + outputs
                    + " targets, got " + x.length + " and " + y.length);
        }
        for (int f = 0; f < features; f++) {
            if (!Double.isFinite(x[f])) {
                throw new IllegalArgumentException("features have a non-finite value " + x[f] + " at row " + row
                        + ", column " + f);
            }
        }
        for (int m = 0; m < outputs; m++) {
            if (!Double.isFinite(y[m])) {
                throw new IllegalArgumentException("targets have a non-finite value " + y[m] + " at row " + row
                        + ", column " + m);
            }
        }
    }
}
