package org.rclab.linalg;

/**
 * Thrown by {@link Cholesky} when a pivot {@code d_k} (the diagonal of the Schur complement at
 * step k) is not positive and finite, i.e. the matrix is not numerically positive definite.
 * Carries the pivot's index and value so that a caller can report them and fall back to a
 * rank-revealing solver ({@link Cholesky#solveRidge}).
 */
public final class NotPositiveDefiniteException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int pivotIndex;
    private final double pivotValue;

    /** A failure at pivot {@code pivotIndex} (0-based) of an {@code n x n} matrix. */
    public NotPositiveDefiniteException(int pivotIndex, double pivotValue, int n) {
        super("matrix (" + n + " x " + n + ") is not positive definite: pivot " + pivotIndex
                + " is " + pivotValue + " (must be positive and finite)");
        this.pivotIndex = pivotIndex;
        this.pivotValue = pivotValue;
    }

    /** 0-based index of the failing pivot. */
    public int pivotIndex() {
        return pivotIndex;
    }

    /** The failing pivot's value (zero, negative, NaN or infinite). */
    public double pivotValue() {
        return pivotValue;
    }
}
