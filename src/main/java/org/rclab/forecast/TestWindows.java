package org.rclab.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;
import org.rclab.metrics.Metrics;

/**
 * Test windows for the valid prediction time (Pathak et al. 2018, PRL 120:024102; Vlachas et al.
 * 2020, Neural Networks 126:191): {@code count} closed-loop forecasts of {@code horizon} rows, window
 * {@code w} starting at row {@code start(w) = first + sync + w * stride} of the data, after the model
 * has been synchronised (teacher-forced) on the {@code sync} rows before it. {@code first} is
 * usually the number of training rows, so the first window's sync rows are the first unseen ones;
 * {@code stride} is {@code horizon} unless given (consecutive forecasts; each window then
 * synchronises on the end of the previous one's truth).
 *
 * <p>Each forecast {@code v} is scored against the truth {@code u} by the error curve
 * {@code E(t) = sqrt( (1/D) sum_i ((u_i(t) - v_i(t)) / sigma_i)^2 )} ({@link Metrics#errorCurve}) and
 * its valid prediction time {@code VPT = k dt lambdaMax} in Lyapunov times, k the number of leading
 * rows with {@code E <= threshold} ({@link Metrics#validPredictionTime}). Rows are time.
 *
 * @param first   row before which no window reads: the first window synchronises on rows
 *                {@code [first, first + sync)}; {@code >= 0}
 * @param count   number of windows, {@code >= 1}
 * @param sync    teacher-forced rows before each forecast, {@code >= 0} (the model asks for its
 *                {@link Forecaster#minimumHistory()})
 * @param horizon closed-loop rows of each forecast, {@code >= 1}
 * @param stride  rows from one window's start to the next, {@code >= 1}
 */
public record TestWindows(int first, int count, int sync, int horizon, int stride) {

    public TestWindows {
        Checks.nonNegative("first", first);
        Checks.positive("count", count);
        Checks.nonNegative("sync", sync);
        Checks.positive("horizon", horizon);
        Checks.positive("stride", stride);
        long rows = (long) first + sync + (long) (count - 1) * stride + horizon;
        Checks.require(rows <= Integer.MAX_VALUE, "test windows must end by row " + Integer.MAX_VALUE
                + ", got first + sync + (count - 1) * stride + horizon = " + first + " + " + sync + " + " + (count - 1)
                + " * " + stride + " + " + horizon + " = " + rows);
    }

    /** Consecutive windows: {@code stride = horizon}. */
    public TestWindows(int first, int count, int sync, int horizon) {
        this(first, count, sync, horizon, horizon);
    }

    /** The first forecast row of window {@code w}: {@code first + sync + w * stride}. */
    public int start(int w) {
        Checks.inRange("window", w, 0, count - 1);
        return first + sync + w * stride;
    }

    /** Rows of data the windows read: {@code start(count - 1) + horizon}. */
    public int rowsNeeded() {
        return start(count - 1) + horizon;
    }

    /** The true rows {@code [start(w), start(w) + horizon)} of window {@code w}. */
    public TimeSeries truth(TimeSeries data, int w) {
        requireRows(data);
        return data.slice(start(w), start(w) + horizon);
    }

    /**
     * Forecasts every window with {@code model} and scores it. A forecast that diverges
     * ({@link ForecastDivergedException}) keeps its finite rows and is padded with NaN, so its error
     * curve is NaN from the diverging step on and its VPT counts the valid part.
     *
     * @param data      the series, at least {@link #rowsNeeded()} rows; its dt is the time per row
     * @param sigma     the climate standard deviation of each variable (usually
     *                  {@link Metrics#climateStd} of the training rows)
     * @param threshold the VPT error threshold ({@link Metrics#VPT_THRESHOLD} = 0.4 by default)
     * @param lambdaMax the largest Lyapunov exponent: VPTs are in Lyapunov times {@code 1 / lambdaMax}
     */
    public Result forecast(Forecaster model, TimeSeries data, double[] sigma, double threshold, double lambdaMax) {
        requireRows(data);
        Checks.length("sigma", sigma, data.cols());
        Checks.positive("threshold", threshold);
        Checks.positive("lambdaMax", lambdaMax);
        Checks.require(sync >= model.minimumHistory(), "sync must be >= the model's minimum history "
                + model.minimumHistory() + ", got " + sync);
        Checks.require(Math.abs(data.dt() - model.dt()) <= 1e-9 * model.dt(), "data must be sampled at the model's"
                + " time step " + model.dt() + " (the VPT counts rows of data.dt()), got dt " + data.dt());
        List<TimeSeries> forecasts = new ArrayList<>(count);
        double[][] curves = new double[count][];
        double[] vpt = new double[count];
        for (int w = 0; w < count; w++) {
            TimeSeries forecast = forecastOrPartial(model, data, start(w));
            forecasts.add(forecast);
            curves[w] = Metrics.errorCurve(truth(data, w), forecast, sigma);
            vpt[w] = Metrics.validPredictionTime(curves[w], threshold, data.dt(), lambdaMax);
        }
        return new Result(forecasts, curves, vpt);
    }

    /**
     * The forecast, the error curve {@code E(t)} and the VPT (Lyapunov times) of each window, in
     * window order. The accessors return copies.
     */
    public record Result(List<TimeSeries> forecasts, double[][] errorCurves, double[] vpt) {

        public Result {
            forecasts = List.copyOf(forecasts);
            errorCurves = deepCopy(errorCurves);
            vpt = vpt.clone();
            Checks.require(errorCurves.length == forecasts.size() && vpt.length == forecasts.size(),
                    "forecasts, errorCurves and vpt must have one entry per window, got " + forecasts.size() + ", "
                            + errorCurves.length + " and " + vpt.length);
        }

        /** The forecast of window {@code w}. */
        public TimeSeries forecast(int w) {
            Checks.inRange("window", w, 0, vpt.length - 1);
            return forecasts.get(w);
        }

        /** The error curve of window {@code w}. */
        public double[] errorCurve(int w) {
            Checks.inRange("window", w, 0, vpt.length - 1);
            return errorCurves[w].clone();
        }

        @Override
        public double[][] errorCurves() {
            return deepCopy(errorCurves);
        }

        @Override
        public double[] vpt() {
            return vpt.clone();
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }

    private TimeSeries forecastOrPartial(Forecaster model, TimeSeries data, int start) {
        try {
            return model.forecast(data, start, sync, horizon);
        } catch (ForecastDivergedException e) {
            int d = data.cols();
            double[] values = new double[horizon * d];
            Arrays.fill(values, Double.NaN);
            if (e.partial() != null) {
                System.arraycopy(e.partial().toArray(), 0, values, 0, e.partial().rows() * d);
            }
            return TimeSeries.wrap(values, horizon, d, data.time(start), data.dt(), data.names());
        }
    }

    private void requireRows(TimeSeries data) {
        if (data.rows() < rowsNeeded()) {
            throw new IllegalArgumentException("data must have at least " + rowsNeeded() + " rows for " + this
                    + ", got " + data.rows());
        }
    }
}
