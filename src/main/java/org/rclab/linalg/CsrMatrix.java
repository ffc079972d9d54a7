package org.rclab.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rclab.core.Checks;

/**
 * A square or rectangular sparse matrix in compressed sparse row (CSR) form, immutable, with the
 * allocation-free product {@code y = A x} that is the reservoir update's hot loop.
 *
 * <p>Row {@code i}'s non-zeros are {@code values[p]} at column {@code columns[p]} for
 * {@code p in [rowStart[i], rowStart[i + 1])}, columns ascending. The random constructors draw
 * Erdos-Renyi matrices (each entry non-zero with probability {@code degree / cols}, as in
 * ReservoirPy and Pathak et al. 2017) or matrices with a fixed number of non-zeros per row
 * (fixed in-degree, as in Jaeger's and ReservoirComputing.jl's reservoirs), with values uniform in
 * [-1, 1].
 */
public final class CsrMatrix {

    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;

    /**
     * Wraps CSR arrays (copied). Columns within a row must be strictly ascending and in range.
     */
    public CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] values) {
        Checks.nonNegative("rows", rows);
        Checks.nonNegative("cols", cols);
        Checks.require(rowStart.length == rows + 1, "rowStart must have length rows + 1 = " + (rows + 1) + ", got "
                + rowStart.length);
        Checks.require(columns.length == values.length, "columns and values must have the same length, got "
                + columns.length + " and " + values.length);
        Checks.require(rowStart[0] == 0 && rowStart[rows] == values.length,
                "rowStart must run from 0 to nnz = " + values.length + ", got " + rowStart[0] + " .. " + rowStart[rows]);
        for (int i = 0; i < rows; i++) {
            Checks.require(rowStart[i] <= rowStart[i + 1], "rowStart must be non-decreasing, row " + i);
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                int c = columns[p];
                Checks.require(c >= 0 && c < cols, "column index must be in [0, " + cols + "), got " + c + " in row " + i);
                Checks.require(p == rowStart[i] || columns[p - 1] < c, "columns of row " + i + " must be strictly ascending");
            }
        }
        Checks.finite("values", values);
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart.clone();
        this.columns = columns.clone();
        this.values = values.clone();
    }

    private CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] values, boolean trusted) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * An Erdos-Renyi random matrix: each of the rows x cols entries is non-zero independently with
     * probability {@code averageDegree / cols} (so a row has {@code averageDegree} non-zeros on
     * average), values uniform in [-1, 1]. Draws O(nnz) numbers by skipping geometric gaps.
     */
    public static CsrMatrix erdosRenyi(int rows, int cols, double averageDegree, SplittableRandom random) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        Checks.require(averageDegree > 0 && averageDegree <= cols,
                "averageDegree must be in (0, " + cols + "], got " + averageDegree);
        double p = averageDegree / cols;
        int[] rowStart = new int[rows + 1];
        int capacity = (int) Math.min((long) rows * cols, (long) (rows * averageDegree * 1.2) + 16);
        int[] columns = new int[capacity];
        double[] values = new double[capacity];
        int nnz = 0;
        double logQ = Math.log1p(-p);
        for (int i = 0; i < rows; i++) {
            int c = -1;
            while (true) {
                if (p >= 1) {
                    c += 1;
                } else {
                    double u = random.nextDouble();
                    c += 1 + (int) Math.min(Integer.MAX_VALUE - 1L, (long) Math.floor(Math.log1p(-u) / logQ));
                }
                if (c >= cols || c < 0) {
                    break;
                }
                if (nnz == columns.length) {
                    columns = Arrays.copyOf(columns, columns.length * 2);
                    values = Arrays.copyOf(values, values.length * 2);
                }
                columns[nnz] = c;
                values[nnz] = 2 * random.nextDouble() - 1;
                nnz++;
            }
            rowStart[i + 1] = nnz;
        }
        return new CsrMatrix(rows, cols, rowStart, Arrays.copyOf(columns, nnz), Arrays.copyOf(values, nnz), true);
    }

    /**
     * A random matrix with exactly {@code degree} non-zeros in every row at distinct random
     * columns (fixed in-degree: every node receives {@code degree} connections), values uniform in
     * [-1, 1].
     */
    public static CsrMatrix fixedDegree(int rows, int cols, int degree, SplittableRandom random) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        Checks.inRange("degree", degree, 1, cols);
        int[] rowStart = new int[rows + 1];
        int[] columns = new int[Math.multiplyExact(rows, degree)];
        double[] values = new double[columns.length];
        int[] chosen = new int[degree];
        for (int i = 0; i < rows; i++) {
            // Floyd's algorithm for a uniform random subset of size degree
            int count = 0;
            for (int j = cols - degree; j < cols; j++) {
                int t = random.nextInt(j + 1);
                boolean seen = false;
                for (int q = 0; q < count; q++) {
                    if (chosen[q] == t) {
                        seen = true;
                        break;
                    }
                }
                chosen[count++] = seen ? j : t;
            }
            Arrays.sort(chosen);
            int base = i * degree;
            for (int q = 0; q < degree; q++) {
                columns[base + q] = chosen[q];
                values[base + q] = 2 * random.nextDouble() - 1;
            }
            rowStart[i + 1] = base + degree;
        }
        return new CsrMatrix(rows, cols, rowStart, columns, values, true);
    }

    /** A CSR copy of a dense {@code double[rows][cols]} (zeros dropped). */
    public static CsrMatrix fromDense(double[][] dense) {
        int rows = dense.length;
        int cols = rows == 0 ? 0 : dense[0].length;
        int[] rowStart = new int[rows + 1];
        int nnz = 0;
        for (double[] row : dense) {
            for (double v : row) {
                if (v != 0) {
                    nnz++;
                }
            }
        }
        int[] columns = new int[nnz];
        double[] values = new double[nnz];
        int p = 0;
        for (int i = 0; i < rows; i++) {
            Checks.require(dense[i].length == cols, "dense must be rectangular, row " + i + " has " + dense[i].length);
            for (int j = 0; j < cols; j++) {
                if (dense[i][j] != 0) {
                    columns[p] = j;
                    values[p++] = dense[i][j];
                }
            }
            rowStart[i + 1] = p;
        }
        return new CsrMatrix(rows, cols, rowStart, columns, values);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of stored non-zeros. */
    public int nonZeros() {
        return values.length;
    }

    /** A copy of the row pointers. */
    public int[] rowStart() {
        return rowStart.clone();
    }

    /** A copy of the column indices. */
    public int[] columns() {
        return columns.clone();
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    /** This matrix times {@code factor} (e.g. to impose a spectral radius). */
    public CsrMatrix scale(double factor) {
        Checks.finite("factor", factor);
        double[] scaled = values.clone();
        for (int p = 0; p < scaled.length; p++) {
            scaled[p] *= factor;
        }
        return new CsrMatrix(rows, cols, rowStart, columns, scaled, true);
    }

    /** {@code A + alpha I} for a square matrix (diagonal entries added where missing). */
    public CsrMatrix plusIdentity(double alpha) {
        Checks.require(rows == cols, "plusIdentity needs a square matrix, got " + rows + " x " + cols);
        Checks.finite("alpha", alpha);
        int[] start = new int[rows + 1];
        int[] cs = new int[values.length + rows];
        double[] vs = new double[values.length + rows];
        int q = 0;
        for (int i = 0; i < rows; i++) {
            boolean placed = false;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                if (!placed && columns[p] >= i) {
                    if (columns[p] == i) {
                        cs[q] = i;
                        vs[q++] = values[p] + alpha;
                        placed = true;
                        continue;
                    }
                    cs[q] = i;
                    vs[q++] = alpha;
                    placed = true;
                }
                cs[q] = columns[p];
                vs[q++] = values[p];
            }
            if (!placed) {
                cs[q] = i;
                vs[q++] = alpha;
            }
            start[i + 1] = q;
        }
        return new CsrMatrix(rows, cols, start, java.util.Arrays.copyOf(cs, q), java.util.Arrays.copyOf(vs, q), true);
    }

    /**
     * {@code y = A x}. Allocates nothing.
     *
     * @param x length cols, not modified
     * @param y length rows, overwritten; must not be {@code x}
     */
    public void multiply(double[] x, double[] y) {
        Checks.distinct("y", y, "x", x);
        if (x.length != cols || y.length != rows) {
            throw new IllegalArgumentException("multiply needs x of length " + cols + " and y of length " + rows
                    + ", got " + x.length + " and " + y.length);
        }
        final int[] rs = rowStart;
        final int[] cs = columns;
        final double[] vs = values;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int p = rs[i], end = rs[i + 1]; p < end; p++) {
                s += vs[p] * x[cs[p]];
            }
            y[i] = s;
        }
    }

    /**
     * {@code y = A^T x}. Allocates nothing.
     *
     * @param x length rows, not modified
     * @param y length cols, overwritten; must not be {@code x}
     */
    public void multiplyTransposed(double[] x, double[] y) {
        Checks.distinct("y", y, "x", x);
        if (x.length != rows || y.length != cols) {
            throw new IllegalArgumentException("multiplyTransposed needs x of length " + rows + " and y of length "
                    + cols + ", got " + x.length + " and " + y.length);
        }
        Arrays.fill(y, 0.0);
        for (int i = 0; i < rows; i++) {
            double xi = x[i];
            for (int p = rowStart[i], end = rowStart[i + 1]; p < end; p++) {
                y[columns[p]] += values[p] * xi;
            }
        }
    }

    /** A dense {@code double[rows][cols]} copy (for tests and small matrices). */
    public double[][] toDense() {
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                d[i][columns[p]] = values[p];
            }
        }
        return d;
    }
}
