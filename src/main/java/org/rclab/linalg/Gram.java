package org.rclab.linalg;

/**
 * Gram matrices {@code G = X^T X} of reservoir states (rows = time, columns = the N units),
 * the left-hand side of the ridge normal equations {@code (X^T X + beta I) W = X^T Y}
 * (Lukosevicius 2012, doi:10.1007/978-3-642-35289-8_36). One-shot helpers; for streaming use a
 * {@link GramAccumulator}, which keeps its pack buffers between blocks.
 *
 * <p>Convention: G is row-major {@code n x n} and the accumulating kernels keep only its upper
 * triangle ({@code j >= i}); {@link #symmetrize(double[], int)} copies it to the lower one.
 */
public final class Gram {

    private Gram() {
    }

    /**
     * True when the Vector API kernel is in use (the JVM was started with
     * {@code --add-modules jdk.incubator.vector} on a CPU with 256-bit or wider vectors).
     */
    public static boolean vectorized() {
        return !(GramKernel.best() instanceof ScalarGramKernel);
    }

    /** Name of the micro-kernel this JVM uses ({@code "vector-512"}, {@code "vector-256"}, {@code "scalar"}). */
    public static String kernelName() {
        return GramKernel.best().name();
    }

    /**
     * {@code G += X^T X} (upper triangle) for one block, single-threaded; allocates pack
     * buffers per call, so prefer {@link GramAccumulator} in loops.
     *
     * @param x    row-major {@code rows x n}
     * @param g    row-major {@code n x n}, upper triangle modified
     */
    public static void accumulate(double[] x, int rows, int n, double[] g) {
        new GramAccumulator(n, 1).accumulate(x, rows, g);
    }

    /** {@code XtY += X^T Y} for one block, single-threaded ({@code x rows x n}, {@code y rows x m}, {@code xty n x m}). */
    public static void accumulateXtY(double[] x, int rows, int n, double[] y, int m, double[] xty) {
        new GramAccumulator(n, 1).accumulateXtY(x, rows, y, m, xty);
    }

    /**
     * Copies the upper triangle of the row-major {@code n x n} matrix {@code g} into its strict
     * lower triangle ({@code g[j][i] = g[i][j]} for {@code i < j}). Modifies {@code g}.
     */
    public static void symmetrize(double[] g, int n) {
        if (n < 0 || g.length != (long) n * n) {
            throw new IllegalArgumentException("g must be n x n = " + n + " x " + n
                    + " (length " + (long) n * n + "), got length " + g.length);
        }
        final int b = 64;
        for (int i0 = 0; i0 < n; i0 += b) {
            for (int j0 = i0; j0 < n; j0 += b) {
                int i1 = Math.min(n, i0 + b);
                int j1 = Math.min(n, j0 + b);
                for (int i = i0; i < i1; i++) {
                    for (int j = Math.max(j0, i + 1); j < j1; j++) {
                        g[j * n + i] = g[i * n + j];
                    }
                }
            }
        }
    }
}
