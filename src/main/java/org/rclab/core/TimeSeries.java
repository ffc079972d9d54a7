package org.rclab.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A uniformly sampled multivariate time series: rows are times, columns are variables.
 *
 * <p>Row {@code i} holds the state at time {@code t0 + i * dt}. Values are stored row-major in
 * one {@code double[]}. Immutable: the constructor copies, {@link #wrap} takes ownership of an
 * array the caller promises not to change, and the accessors return copies or write into
 * caller-owned arrays.
 */
public final class TimeSeries {

    private final double[] data;
    private final int rows;
    private final int cols;
    private final double t0;
    private final double dt;
    private final List<String> names;

    private TimeSeries(double[] data, int rows, int cols, double t0, double dt, List<String> names) {
        Checks.nonNegative("rows", rows);
        Checks.positive("cols", cols);
        Checks.positive("dt", dt);
        Checks.finite("t0", t0);
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("data must have rows * cols = " + rows + " * " + cols
                    + " = " + ((long) rows * cols) + " entries, got " + data.length);
        }
        if (names.size() != cols) {
            throw new IllegalArgumentException(
                    "names must have " + cols + " entries (one per column), got " + names.size());
        }
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.t0 = t0;
        this.dt = dt;
        this.names = List.copyOf(names);
    }

    /** Takes ownership of {@code data} (row-major, rows x cols) without copying. */
    public static TimeSeries wrap(double[] data, int rows, int cols, double t0, double dt, List<String> names) {
        return new TimeSeries(data, rows, cols, t0, dt, names);
    }

    /** Takes ownership of {@code data} with default column names x0, x1, ... */
    public static TimeSeries wrap(double[] data, int rows, int cols, double t0, double dt) {
        return new TimeSeries(data, rows, cols, t0, dt, defaultNames(cols));
    }

    /** Copies {@code values[row][col]} into a new series sampled every {@code dt} from time 0. */
    public static TimeSeries of(double[][] values, double dt) {
        Checks.require(values.length > 0, "values must have at least one row, got 0");
        int cols = values[0].length;
        double[] data = new double[values.length * cols];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != cols) {
                throw new IllegalArgumentException("values must be rectangular: row 0 has " + cols
                        + " columns, row " + i + " has " + values[i].length);
            }
            System.arraycopy(values[i], 0, data, i * cols, cols);
        }
        return new TimeSeries(data, values.length, cols, 0.0, dt, defaultNames(cols));
    }

    /** Default column names {@code x0, x1, ...}. */
    public static List<String> defaultNames(int cols) {
        List<String> names = new ArrayList<>(cols);
        for (int j = 0; j < cols; j++) {
            names.add("x" + j);
        }
        return names;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Sampling step between rows. */
    public double dt() {
        return dt;
    }

    /** Time of row 0. */
    public double t0() {
        return t0;
    }

    /** Time of row {@code i}. */
    public double time(int i) {
        return t0 + i * dt;
    }

    public List<String> names() {
        return names;
    }

    public double get(int row, int col) {
        Checks.inRange("row", row, 0, rows - 1);
        Checks.inRange("col", col, 0, cols - 1);
        return data[row * cols + col];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return rowInto(i, new double[cols]);
    }

    /** Copies row {@code i} into {@code out} (length cols) and returns it. */
    public double[] rowInto(int i, double[] out) {
        Checks.inRange("row", i, 0, rows - 1);
        Checks.length("out", out, cols);
        System.arraycopy(data, i * cols, out, 0, cols);
        return out;
    }

    /** A copy of column {@code j}. */
    public double[] column(int j) {
        Checks.inRange("col", j, 0, cols - 1);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i * cols + j];
        }
        return out;
    }

    /** A copy of all values, row-major. */
    public double[] toArray() {
        return data.clone();
    }

    /** A copy as {@code double[rows][cols]}. */
    public double[][] toMatrix() {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
        }
        return m;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), with their times. */
    public TimeSeries slice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IllegalArgumentException(
                    "slice [from, to) must satisfy 0 <= from <= to <= " + rows + ", got [" + from + ", " + to + ")");
        }
        return new TimeSeries(Arrays.copyOfRange(data, from * cols, to * cols), to - from, cols,
                time(from), dt, names);
    }

    /** The same values with other column names. */
    public TimeSeries withNames(List<String> newNames) {
        return new TimeSeries(data, rows, cols, t0, dt, newNames);
    }

    /**
     * Throws if any value is NaN or infinite, naming the first bad row and column,
     * e.g. {@code data has a non-finite value NaN at row 12, column 2 (z)}.
     */
    public TimeSeries requireFinite(String what) {
        return requireFinite(what, 0, rows);
    }

    /**
     * Like {@link #requireFinite(String)} for rows {@code [from, to)} only.
     *
     * @throws IllegalArgumentException naming the first non-finite value by row and column
     */
    public TimeSeries requireFinite(String what, int from, int to) {
        Checks.require(from >= 0 && from <= to && to <= rows,
                "rows [from, to) must lie in [0, " + rows + "], got [" + from + ", " + to + ")");
        for (int k = from * cols, end = to * cols; k < end; k++) {
            if (!Double.isFinite(data[k])) {
                int i = k / cols;
                int j = k % cols;
                throw new IllegalArgumentException(what + " has a non-finite value " + data[k] + " at row " + i
                        + ", column " + j + " (" + names.get(j) + ")");
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "TimeSeries[" + rows + " x " + cols + ", t0=" + t0 + ", dt=" + dt + ", " + names + "]";
    }
}
