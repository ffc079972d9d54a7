package org.rclab.io;

import java.util.Arrays;
import java.util.Objects;
import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;

/**
 * An n-dimensional array as held by a NumPy {@code .npy} file: an element type ({@link Dtype}), a
 * shape and the values in C order (row-major: the last index varies fastest).
 *
 * <p>Float arrays ({@code f8}, {@code f4}) keep their values as {@code double[]}; integer arrays
 * ({@code i8}, {@code i4}) keep them as {@code long[]}, so an int64 such as a 64-bit seed survives
 * exactly. {@link #data()} gives any array as doubles. A 0-D array (shape {@code ()}) holds one
 * value. Immutable: the factories copy their arguments and the accessors return copies.
 *
 * <pre>{@code
 * NpyArray w = NpyArray.matrix(new double[][] {{1, 2}, {3, 4}});   // '<f8', shape (2, 2)
 * NpyArray idx = NpyArray.ofInts(new int[] {3}, new int[] {0, 2, 5}); // '<i4', shape (3,)
 * }</pre>
 */
public final class NpyArray {

    /** Largest number of elements a Java array can reliably hold. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** Element types rclab reads and writes; written little-endian. */
    public enum Dtype {
        /** IEEE double, NumPy {@code float64}. */
        FLOAT64('f', 8),
        /** IEEE single, NumPy {@code float32}; values are widened exactly to double. */
        FLOAT32('f', 4),
        /** Signed 64-bit integer, NumPy {@code int64}. */
        INT64('i', 8),
        /** Signed 32-bit integer, NumPy {@code int32}. */
        INT32('i', 4);

        private final char kind;
        private final int itemSize;

        Dtype(char kind, int itemSize) {
            this.kind = kind;
            this.itemSize = itemSize;
        }

        /** Bytes per element. */
        public int itemSize() {
            return itemSize;
        }

        /** True for the integer types. */
        public boolean isInteger() {
            return kind == 'i';
        }

        /** NumPy type code without byte order, e.g. {@code f8}. */
        public String code() {
            return kind + Integer.toString(itemSize);
        }

        /** Little-endian NumPy descr, as written: e.g. {@code <f8}. */
        public String descr() {
            return "<" + code();
        }
    }

    private final Dtype dtype;
    private final int[] shape;
    private final double[] doubles;
    private final long[] longs;

    private NpyArray(Dtype dtype, int[] shape, double[] doubles, long[] longs) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long size = checkedSize(this.shape);
        int length = doubles != null ? doubles.length : longs.length;
        if (size != length) {
            throw new IllegalArgumentException("data must have " + size + " entries for shape "
                    + shapeString(this.shape) + ", got " + length);
        }
        this.doubles = doubles;
        this.longs = longs;
    }

    /** Takes ownership of {@code data} (C order) as a FLOAT64 or FLOAT32 array. */
    static NpyArray wrapDoubles(Dtype dtype, int[] shape, double[] data) {
        Checks.require(!dtype.isInteger(), "dtype must be a float type for double data, got " + dtype);
        return new NpyArray(dtype, shape, Objects.requireNonNull(data, "data"), null);
    }

    /** Takes ownership of {@code data} (C order) as an INT64 or INT32 array. */
    static NpyArray wrapLongs(Dtype dtype, int[] shape, long[] data) {
        Checks.require(dtype.isInteger(), "dtype must be an integer type for long data, got " + dtype);
        return new NpyArray(dtype, shape, null, Objects.requireNonNull(data, "data"));
    }

    /** A float64 array of the given shape; {@code data} (C order) is copied. */
    public static NpyArray of(int[] shape, double[] data) {
        Objects.requireNonNull(shape, "shape");
        return wrapDoubles(Dtype.FLOAT64, shape, Objects.requireNonNull(data, "data").clone());
    }

    /** A 1-D float64 array. */
    public static NpyArray vector(double... values) {
        return of(new int[] {values.length}, values);
    }

    /** A 0-D float64 array holding one value. */
    public static NpyArray scalar(double value) {
        return wrapDoubles(Dtype.FLOAT64, new int[0], new double[] {value});
    }

    /** A 0-D int64 array holding one value (for example a seed). */
    public static NpyArray scalarLong(long value) {
        return wrapLongs(Dtype.INT64, new int[0], new long[] {value});
    }

    /** A 2-D float64 array {@code rows.length x rows[0].length}; rows must be rectangular. */
    public static NpyArray matrix(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        checkedSize(new int[] {r, c});
        double[] data = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("rows must be rectangular: row 0 has " + c
                        + " columns, row " + i + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, data, i * c, c);
        }
        return wrapDoubles(Dtype.FLOAT64, new int[] {r, c}, data);
    }

    /** A 2-D float64 array {@code rows x cols} with the values of {@code series}. */
    public static NpyArray of(TimeSeries series) {
        return wrapDoubles(Dtype.FLOAT64, new int[] {series.rows(), series.cols()}, series.toArray());
    }

    /** An int32 array of the given shape; {@code values} (C order) are copied. */
    public static NpyArray ofInts(int[] shape, int[] values) {
        Objects.requireNonNull(shape, "shape");
        long[] data = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i];
        }
        return wrapLongs(Dtype.INT32, shape, data);
    }

    /** An int64 array of the given shape; {@code values} (C order) are copied. */
    public static NpyArray ofLongs(int[] shape, long[] values) {
        Objects.requireNonNull(shape, "shape");
        return wrapLongs(Dtype.INT64, shape, Objects.requireNonNull(values, "values").clone());
    }

    /** Element type. */
    public Dtype dtype() {
        return dtype;
    }

    /** A copy of the shape; empty for a 0-D array. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Length along {@code axis}. */
    public int dim(int axis) {
        Checks.inRange("axis", axis, 0, shape.length - 1);
        return shape[axis];
    }

    /** Number of elements (1 for a 0-D array). */
    public int size() {
        return doubles != null ? doubles.length : longs.length;
    }

    /** A copy of the values as doubles in C order; int64 values beyond 2^53 are rounded. */
    public double[] data() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] out = new double[longs.length];
        for (int i = 0; i < longs.length; i++) {
            out[i] = longs[i];
        }
        return out;
    }

    /**
     * A copy of the values as longs in C order. Integer arrays are exact; float arrays must hold
     * whole numbers in the long range, else the message names the first bad index.
     */
    public long[] toLongArray() {
        if (longs != null) {
            return longs.clone();
        }
        long[] out = new long[doubles.length];
        for (int i = 0; i < doubles.length; i++) {
            double v = doubles[i];
            if (v != Math.rint(v) || !(v >= -0x1p63 && v < 0x1p63)) {
                throw new IllegalArgumentException(
                        "data[" + i + "] must be a whole number in the long range, got " + v);
            }
            out[i] = (long) v;
        }
        return out;
    }

    /** A copy of the values as ints in C order; each must be a whole number in the int range. */
    public int[] toIntArray() {
        int n = size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (longs != null) {
                long l = longs[i];
                if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("data[" + i + "] must be in the int range, got " + l);
                }
                out[i] = (int) l;
            } else {
                double v = doubles[i];
                if (v != Math.rint(v) || !(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException(
                            "data[" + i + "] must be a whole number in the int range, got " + v);
                }
                out[i] = (int) v;
            }
        }
        return out;
    }

    /** A copy of a 2-D array as {@code double[rows][cols]}. */
    public double[][] toMatrix() {
        requireNdim(2, "toMatrix");
        double[] all = data();
        double[][] m = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            m[i] = Arrays.copyOfRange(all, i * shape[1], (i + 1) * shape[1]);
        }
        return m;
    }

    /** The element at {@code index} (one index per dimension, none for 0-D) as a double. */
    public double get(int... index) {
        int k = flatIndex(index);
        return doubles != null ? doubles[k] : longs[k];
    }

    /** The element at {@code index} as a long; for float arrays it must be a whole number. */
    public long getLong(int... index) {
        int k = flatIndex(index);
        if (longs != null) {
            return longs[k];
        }
        double v = doubles[k];
        if (v != Math.rint(v) || !(v >= -0x1p63 && v < 0x1p63)) {
            throw new IllegalArgumentException("element " + Arrays.toString(index)
                    + " must be a whole number in the long range, got " + v);
        }
        return (long) v;
    }

    /** The only element of a one-element array (such as 0-D) as a double. */
    public double doubleValue() {
        requireSingle("doubleValue");
        return doubles != null ? doubles[0] : longs[0];
    }

    /** The only element of a one-element array (such as 0-D) as a long; exact for integer arrays. */
    public long longValue() {
        requireSingle("longValue");
        return toLongArray()[0];
    }

    /**
     * A time series sampled every {@code dt} from time 0: a 2-D array gives rows x cols, a 1-D array
     * one column.
     */
    public TimeSeries toTimeSeries(double dt) {
        Checks.positive("dt", dt);
        if (shape.length == 1) {
            return TimeSeries.wrap(data(), shape[0], 1, 0.0, dt);
        }
        requireNdim(2, "toTimeSeries");
        return TimeSeries.wrap(data(), shape[0], shape[1], 0.0, dt);
    }

    /** The backing doubles, or null for an integer array; not copied, do not modify. */
    double[] rawDoubles() {
        return doubles;
    }

    /** The backing longs, or null for a float array; not copied, do not modify. */
    long[] rawLongs() {
        return longs;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index must have " + shape.length + " entries for shape "
                    + shapeString(shape) + ", got " + Arrays.toString(index));
        }
        int k = 0;
        for (int a = 0; a < shape.length; a++) {
            if (index[a] < 0 || index[a] >= shape[a]) {
                throw new IllegalArgumentException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + shapeString(shape) + " at axis " + a);
            }
            k = k * shape[a] + index[a];
        }
        return k;
    }

    private void requireNdim(int n, String what) {
        if (shape.length != n) {
            throw new IllegalArgumentException(what + " needs a " + n + "-D array, got shape " + shapeString(shape));
        }
    }

    private void requireSingle(String what) {
        if (size() != 1) {
            throw new IllegalArgumentException(what + " needs exactly one element, got shape " + shapeString(shape));
        }
    }

    /** Number of elements of {@code shape}; dimensions must be non-negative and the total fit an array. */
    static long checkedSize(int[] shape) {
        long size = 1;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 0) {
                throw new IllegalArgumentException("shape[" + a + "] must be non-negative, got " + shape[a]
                        + " in shape " + shapeString(shape));
            }
            size *= shape[a];
            if (size > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements, more than a Java array can hold");
            }
        }
        return size;
    }

    /** Python's repr of a shape tuple: {@code ()}, {@code (3,)}, {@code (3, 2)}. */
    static String shapeString(int[] shape) {
        return shapeString(Arrays.stream(shape).asLongStream().toArray());
    }

    /** Python's repr of a shape tuple. */
    static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int a = 0; a < shape.length; a++) {
            if (a > 0) {
                sb.append(", ");
            }
            sb.append(shape[a]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /** Equal dtype, shape and values (doubles compared bit for bit, so NaN equals NaN). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray that && dtype == that.dtype && Arrays.equals(shape, that.shape)
                && Arrays.equals(doubles, that.doubles) && Arrays.equals(longs, that.longs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(doubles), Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + ", shape " + shapeString(shape) + "]";
    }
}
