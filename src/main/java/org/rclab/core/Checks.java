package org.rclab.core;

/**
 * Argument checks that fail early with a message naming the parameter, the rule and the value,
 * for example {@code leakRate must be in (0, 1], got 1.3}.
 */
public final class Checks {

    private Checks() {
    }

    /** Requires {@code value > 0} and finite. */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }

    /** Requires {@code value > 0}. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0} and finite. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0}. */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative, got " + value);
        }
        return value;
    }

    /** Requires a finite value (no NaN or infinity). */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** Requires {@code low <= value <= high}. */
    public static int inRange(String name, int value, int low, int high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(
                    name + " must be in [" + low + ", " + high + "], got " + value);
        }
        return value;
    }

    /** Requires {@code low < value <= high}. */
    public static double inHalfOpen(String name, double value, double low, double high) {
        if (!(value > low && value <= high)) {
            throw new IllegalArgumentException(
                    name + " must be in (" + low + ", " + high + "], got " + value);
        }
        return value;
    }

    /** Requires an even, positive integer. */
    public static int positiveEven(String name, int value) {
        if (value <= 0 || value % 2 != 0) {
            throw new IllegalArgumentException(name + " must be a positive even number, got " + value);
        }
        return value;
    }

    /** Requires every entry finite; the message names the first bad index. */
    public static double[] finite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be finite, got " + values[i]);
            }
        }
        return values;
    }

    /** Requires {@code array.length == expected}. */
    public static double[] length(String name, double[] array, int expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(
                    name + " must have length " + expected + ", got " + array.length);
        }
        return array;
    }

    /** Requires that two arrays are distinct objects (a kernel's output must not alias its input). */
    public static void distinct(String outName, double[] out, String inName, double[] in) {
        if (out == in) {
            throw new IllegalArgumentException(outName + " must not be the same array as " + inName);
        }
    }

    /** Requires a true condition, with a ready-made message. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
