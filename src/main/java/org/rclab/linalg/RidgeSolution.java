package org.rclab.linalg;

/**
 * Result of {@link Cholesky#solveRidge} and {@link Cholesky#solveRidgeInPlace}: the weights
 * {@code W} (row-major {@code n x m}) of {@code (G + beta I) W = B}, the method that produced
 * them ({@code "cholesky"} or {@code "eigen"}) and a note saying why a fallback was taken (empty
 * when it was not).
 * The array is the caller's to keep; records compare arrays by identity.
 */
public record RidgeSolution(double[] weights, int n, int m, String method, String note) {

    /** Validates the shape. */
    public RidgeSolution {
        if (weights.length != (long) n * m) {
            throw new IllegalArgumentException("weights must be n x m = " + n + " x " + m
                    + ", got length " + weights.length);
        }
    }

    /** True when Cholesky failed and the eigendecomposition fallback was used. */
    public boolean fellBack() {
        return !"cholesky".equals(method);
    }
}
