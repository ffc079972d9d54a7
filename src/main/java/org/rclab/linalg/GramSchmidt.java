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

    /** Dot product of two equally long vectors. */
    public static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int p = 0;
        for (; p + 3 < n; p += 4) {
            s0 += a[p] * b[p];
            s1 += a[p + 1] * b[p + 1];
            s2 += a[p + 2] * b[p + 2];
            s3 += a[p + 3] * b[p + 3];
        }
        for (; p < n; p++) {
            s0 += a[p] * b[p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y += alpha x}. */
    public static void axpy(double alpha, double[] x, double[] y) {
        for (int p = 0; p < y.length; p++) {
            y[p] += alpha * x[p];
        }
    }
}
