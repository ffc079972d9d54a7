package org.rclab.metrics;

import java.util.Arrays;

import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;

/**
 * Forecast accuracy: NRMSE, the normalised error curve and the valid prediction time (VPT).
 *
 * <p>The error curve follows Pathak et al. 2018 (PRL 120:024102) and Vlachas et al. 2020
 * (Neural Networks 126:191): {@code E(t) = sqrt( (1/D) sum_i ((u_i(t) - v_i(t)) / sigma_i)^2 )}
 * where {@code sigma_i} is the climate's (long-run) standard deviation of variable i. The VPT is
 * the time before E first exceeds a threshold (0.4 by default), in units of the Lyapunov time
 * {@code 1 / lambda_max}.
 */
public final class Metrics {

    /** The default VPT threshold. */
    public static final double VPT_THRESHOLD = 0.4;

    /** How NRMSE normalises. */
    public enum Normalization {
        /** by the standard deviation of the truth, per variable (Jaeger's NRMSE). */
        VARIANCE,
        /** by the range max - min of the truth, per variable. */
        RANGE
    }

    private Metrics() {
    }

    /**
     * {@code sqrt( mean over rows and variables of (v - u)^2 / s_i^2 )} with {@code s_i} the
     * standard deviation or range of the truth's column i.
     *
     * @throws IllegalArgumentException if a column of the truth is constant ({@code s_i = 0})
     */
    public static double nrmse(TimeSeries truth, TimeSeries predicted, Normalization normalization) {
        sameShape(truth, predicted);
        int d = truth.cols();
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double[] col = truth.column(j);
            boolean byStd = normalization == Normalization.VARIANCE;
            scale[j] = byStd ? std(col) : range(col);
            requireSpread("truth column " + j + " (" + truth.names().get(j) + ")", col, scale[j],
                    byStd ? "standard deviation" : "range");
        }
        double sum = 0;
        for (int i = 0; i < truth.rows(); i++) {
            for (int j = 0; j < d; j++) {
                double e = (predicted.get(i, j) - truth.get(i, j)) / scale[j];
                sum += e * e;
            }
        }
        return Math.sqrt(sum / ((double) truth.rows() * d));
    }

    /** NRMSE of one column normalised by a given variance (Jaeger 2001's NRMSE84 uses the signal's variance). */
    public static double nrmse(double[] truth, double[] predicted, double variance) {
        Checks.require(truth.length == predicted.length && truth.length > 0,
                "truth and predicted must have the same positive length, got " + truth.length + " and " + predicted.length);
        Checks.positive("variance", variance);
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = predicted[i] - truth[i];
            s += e * e;
        }
        return Math.sqrt(s / truth.length / variance);
    }

    /**
     * The normalised error {@code E(t)} of every row, with {@code sigma} the climate standard
     * deviations (each positive and finite).
     */
    public static double[] errorCurve(TimeSeries truth, TimeSeries predicted, double[] sigma) {
        sameShape(truth, predicted);
        int d = truth.cols();
        Checks.length("sigma", sigma, d);
        for (int j = 0; j < d; j++) {
            Checks.positive("sigma[" + j + "]", sigma[j]);
        }
        double[] e = new double[truth.rows()];
        for (int i = 0; i < e.length; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double z = (predicted.get(i, j) - truth.get(i, j)) / sigma[j];
                s += z * z;
            }
            e[i] = Math.sqrt(s / d);
        }
        return e;
    }

    /**
     * The number of leading rows whose error stays at or below {@code threshold} (all rows if it
     * never exceeds it; a NaN error counts as exceeded).
     */
    public static int validSteps(double[] errorCurve, double threshold) {
        for (int i = 0; i < errorCurve.length; i++) {
            if (!(errorCurve[i] <= threshold)) {
                return i;
            }
        }
        return errorCurve.length;
    }

    /**
     * The valid prediction time in Lyapunov times: {@code validSteps * dt * lambdaMax}. Row 0 of a
     * forecast is one step ahead of the last true input, so k valid rows are {@code k dt} time units.
     */
    public static double validPredictionTime(double[] errorCurve, double threshold, double dt, double lambdaMax) {
        Checks.positive("dt", dt);
        Checks.positive("lambdaMax", lambdaMax);
        return validSteps(errorCurve, threshold) * dt * lambdaMax;
    }

    /** Population standard deviation of each column. */
    public static double[] climateStd(TimeSeries series) {
        double[] s = new double[series.cols()];
        for (int j = 0; j < s.length; j++) {
            s[j] = std(series.column(j));
        }
        return s;
    }

    /** Mean of the values. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Median of the values (NaN for none). */
    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    /** Smallest value (+infinity for none). */
    public static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** Largest value (-infinity for none). */
    public static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Population standard deviation. */
    public static double std(double[] v) {
        double mean = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / v.length);
    }

    /**
     * Requires that {@code v}, whose {@code spread} (named {@code spreadName}) is about to divide a
     * distance, is not constant; {@code name} says which data it is, e.g. "truth column 1".
     */
    static void requireSpread(String name, double[] v, double spread, String spreadName) {
        double lo = min(v);
        double hi = max(v);
        if (lo == hi) {
            throw new IllegalArgumentException(name + " must not be constant (its " + spreadName
                    + " is the divisor), got all " + v.length + " values equal to " + lo);
        }
        if (spread == 0) {
            throw new IllegalArgumentException(name + " must have a positive " + spreadName
                    + " (it is the divisor), got " + spread + " for values in [" + lo + ", " + hi + "]");
        }
    }

    private static double range(double[] v) {
        return max(v) - min(v);
    }

    private static void sameShape(TimeSeries a, TimeSeries b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("truth and predicted must have the same shape, got " + a.rows() + " x "
                    + a.cols() + " and " + b.rows() + " x " + b.cols());
        }
    }
}
