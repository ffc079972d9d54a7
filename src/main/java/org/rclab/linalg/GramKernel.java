package org.rclab.linalg;

/**
 * Register-blocked micro-kernel of the transposed product {@code C += alpha A^T B} on packed
 * panels: one call computes an {@link #MR} x {@link #NR} tile
 * {@code C[i][j] += alpha sum_{t < kc} a[t][i] b[t][j]} (Goto and van de Geijn 2008, ACM TOMS
 * 34(3):12, doi:10.1145/1356052.1356053).
 *
 * <p>Packed layout: a panel holds {@link #NR} = 16 consecutive columns of {@code kc} source rows,
 * {@code panel[t * 16 + q]}, zero-padded past the last column. The {@code B} tile is one whole
 * panel; the {@code A} tile is 8 of its 16 columns ({@code aOff} points at column 0 or 8 of row
 * 0 of a panel). So one packed copy of X serves both sides of {@code X^T X}.
 *
 * <p>Implementations are stateless and thread-safe; {@code tmp} (length {@code MR * NR}) is the
 * caller's per-thread scratch.
 */
abstract class GramKernel {

    /** Tile rows (entries of A broadcast per step). */
    static final int MR = 8;
    /** Tile columns (width of a packed panel). */
    static final int NR = 16;
    /** No triangle restriction: every valid entry of the tile is written. */
    static final int FULL = Integer.MIN_VALUE;

    /** Short name for reports ("vector-512", "scalar"). */
    abstract String name();

    /**
     * Computes the tile {@code acc[a][q] = sum_{t < kc} pa[aOff + 16 t + a] pb[bOff + 16 t + q]}
     * and adds {@code alpha acc[a][q]} to {@code c[cOff + a ldc + q]} for {@code a < mValid},
     * {@code q < nValid} and {@code q - a >= minDiff} (use {@link #FULL} for all entries;
     * {@code i0 - j0} keeps the upper triangle {@code j >= i}). Modifies {@code c} and
     * {@code tmp} only.
     */
    abstract void tile(double[] pa, int aOff, double[] pb, int bOff, int kc,
                       double[] c, int cOff, int ldc, int mValid, int nValid, int minDiff,
                       double alpha, double[] tmp);

    /** {@code y[yOff + i] += alpha x[xOff + i]} for {@code i < len}; modifies {@code y}. */
    void axpy(int len, double alpha, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** {@code sum_{i < len} x[xOff + i] y[yOff + i]}, in four interleaved partial sums. */
    double dot(int len, double[] x, int xOff, double[] y, int yOff) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += x[xOff + i] * y[yOff + i];
            s1 += x[xOff + i + 1] * y[yOff + i + 1];
            s2 += x[xOff + i + 2] * y[yOff + i + 2];
            s3 += x[xOff + i + 3] * y[yOff + i + 3];
        }
        for (; i < len; i++) {
            s0 += x[xOff + i] * y[yOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * True if {@code a[off .. off + len)} are all finite: {@code sum a_i * 0} is 0 unless an
     * entry is infinite or NaN (then it is NaN).
     */
    boolean allFinite(double[] a, int off, int len) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s0 += a[off + i] * 0.0;
            s1 += a[off + i + 1] * 0.0;
        }
        for (; i < len; i++) {
            s0 += a[off + i] * 0.0;
        }
        return s0 + s1 == 0;
    }

    /** Adds the masked tile {@code alpha tmp} into {@code c} (the edge and diagonal path). */
    static void addMasked(double[] tmp, double[] c, int cOff, int ldc, int mValid, int nValid,
                          int minDiff, double alpha) {
        for (int a = 0; a < mValid; a++) {
            int q0 = minDiff == FULL ? 0 : Math.max(0, minDiff + a);
            int row = cOff + a * ldc;
            for (int q = q0; q < nValid; q++) {
                c[row + q] += alpha * tmp[a * NR + q];
            }
        }
    }

    /** True when the whole 8 x 16 tile is written (no edge, no diagonal cut). */
    static boolean whole(int mValid, int nValid, int minDiff) {
        return mValid == MR && nValid == NR && (minDiff == FULL || minDiff <= -(MR - 1));
    }

    /**
     * The fastest kernel this JVM can run: the Vector API kernel when the module
     * {@code jdk.incubator.vector} is in the boot layer (JVM flag
     * {@code --add-modules jdk.incubator.vector}) and the CPU has 256- or 512-bit vectors,
     * otherwise the plain-Java kernel. The vector class is loaded by reflection only in the
     * first case, so the library runs without the flag. Chosen once per JVM.
     */
    static GramKernel best() {
        return Best.KERNEL;
    }

    /** Holder of {@link #best()}'s choice, made when it is first asked for. */
    private static final class Best {
        static final GramKernel KERNEL = choose();
    }

    private static GramKernel choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Class<?> k = Class.forName("org.rclab.linalg.VectorGramKernel");
                Object kernel = k.getDeclaredMethod("preferred").invoke(null);
                if (kernel != null) {
                    return (GramKernel) kernel;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                return ScalarGramKernel.INSTANCE;
            }
        }
        return ScalarGramKernel.INSTANCE;
    }
}
