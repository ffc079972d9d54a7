package org.rclab.linalg;

/**
 * QR factorisation of a set of vectors by modified Gram-Schmidt with one re-orthogonalisation
 * pass ("twice is enough", Giraud, Langou, Rozloznik 2005, Numer. Math. 101:87), in place.
 *
 * <p>The vectors are the rows {@code v[0..k-1]} (each of length n), i.e. the columns of
 * {@code V = Q R}. This is the re-orthonormalisation step of Benettin's algorithm, where only Q
 * and the logarithms of R's diagonal are needed. Allocates nothing.
 */
public final class GramSchmidt {

    private GramSchmidt() {
    }

    /**
     * Replaces the rows of {@code v} by an orthonormal basis of their span (Q) and writes
     * {@code log |R_jj|} into {@code logDiag[j]}.
     *
     * @throws ArithmeticException if a vector becomes zero or non-finite (rank loss)
     */
    public static void orthonormalize(double[][] v, double[] logDiag) {
        int k = v.length;
        if (logDiag.length < k) {
            throw new IllegalArgumentException("logDiag must have length >= " + k + ", got " + logDiag.length);
        }
        for (int j = 0; j < k; j++) {
            double[] vj = v[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double[] qi = v[i];
                    double dot = dot(qi, vj);
                    axpy(-dot, qi, vj);
                }
            }
            double norm = Math.sqrt(dot(vj, vj));
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new ArithmeticException("tangent vector " + j + " has norm " + norm
                        + " after orthogonalisation (rank loss or overflow)");
            }
            double inv = 1.0 / norm;
            for (int p = 0; p < vj.length; p++) {
                vj[p] *= inv;
            }
            logDiag[j] = Math.log(norm);
        }
    }

    /** Dot product of two equally long vectors (four interleaved partial sums). */
    public static double dot(double[] a, double[] b) {
        return ScalarGramKernel.INSTANCE.dot(a.length, a, 0, b, 0);
    }

    /** {@code y += alpha x}. */
    public static void axpy(double alpha, double[] x, double[] y) {
        ScalarGramKernel.INSTANCE.axpy(y.length, alpha, x, 0, y, 0);
    }
}
