package org.rclab.core;

/**
 * Per-column standardisation {@code z = (u - mean) / std}, fitted on training data and applied to
 * inputs; {@link #invert} maps model outputs back to physical units. Immutable.
 *
 * @param mean column means
 * @param std  column standard deviations (population), all positive
 */
public record ZScore(double[] mean, double[] std) {

    public ZScore {
        Checks.require(mean.length == std.length, "mean and std must have the same length, got " + mean.length
                + " and " + std.length);
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0) || !Double.isFinite(std[j])) {
                throw new IllegalArgumentException("std[" + j + "] must be positive and finite (a constant column"
                        + " cannot be standardised), got " + std[j]);
            }
        }
        Checks.finite("mean", mean);
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** The identity transform for {@code d} columns (mean 0, std 1). */
    public static ZScore identity(int d) {
        double[] one = new double[d];
        java.util.Arrays.fill(one, 1.0);
        return new ZScore(new double[d], one);
    }

    /** Column means and standard deviations of rows {@code [from, to)} of {@code data}. */
    public static ZScore fit(TimeSeries data, int from, int to) {
        Checks.require(from >= 0 && to <= data.rows() && to - from >= 2,
                "fit needs at least 2 rows in [from, to) within 0.." + data.rows() + ", got [" + from + ", " + to + ")");
        int d = data.cols();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        double[] row = new double[d];
        int n = 0;
        for (int i = from; i < to; i++) {
            data.rowInto(i, row);
            n++;
            for (int j = 0; j < d; j++) {
                double delta = row[j] - mean[j];
                mean[j] += delta / n;
                m2[j] += delta * (row[j] - mean[j]);
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(m2[j] / n);
        }
        return new ZScore(mean, std);
    }

    /** Number of columns. */
    public int dimension() {
        return mean.length;
    }

    /** {@code out = (u - mean) / std}. */
    public void apply(double[] u, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = (u[j] - mean[j]) / std[j];
        }
    }

    /** {@code out = z std + mean}. */
    public void invert(double[] z, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = z[j] * std[j] + mean[j];
        }
    }
}
