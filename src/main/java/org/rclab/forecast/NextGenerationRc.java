package org.rclab.forecast;

import java.util.List;

import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;
import org.rclab.core.ZScore;
import org.rclab.dynamics.TangentMap;
import org.rclab.readout.RidgeAccumulator;
import org.rclab.readout.RidgeReadout;

/**
 * A next-generation reservoir computer (nonlinear vector autoregression), trained and immutable
 * (Gauthier, Bollt, Griffith, Barbosa 2021, Nat. Commun. 12:5564, doi:10.1038/s41467-021-25801-2,
 * Eqs. 5-7):
 *
 * <pre>
 *   O_lin(t)   = [u(t), u(t - s), ..., u(t - (k-1) s)]
 *   O_total(t) = c (+) O_lin(t) (+) [unique quadratic (and, for order 3, cubic) monomials of O_lin(t)]
 *   u(t + 1)   = u(t) + W_out O_total(t)
 * </pre>
 *
 * {@link #train} fits W_out to the increments {@code u(t + 1) - u(t)} with a
 * {@link RidgeAccumulator} without a separate bias ({@code bias = false}): the constant c = 1 is an
 * explicit feature, so its weight is penalised like all the others, as in Gauthier's code. Data
 * stay in physical units unless {@link NgrcConfig#standardize()} asks for z-scored features; then
 * {@code u(t + 1) = u(t) + sigma o W_out O_total(z(t))} with {@code z = (u - mean) / sigma}.
 *
 * <p>Monomials are ordered as in Gauthier's code: {@code O_lin,i O_lin,j} for i = 0.., j = i..;
 * cubic ones {@code i <= j <= l} lexicographically. In closed loop the state is the delay buffer
 * {@code [u(t), u(t - 1), ..., u(t - (k-1) s)]}, {@code d ((k-1) s + 1)} values, newest first
 * (for s = 1 exactly the d k entries of O_lin).
 */
public final class NextGenerationRc implements Forecaster {

    private final NgrcConfig config;
    private final RidgeReadout readout;
    private final ZScore zscore;
    private final double dt;
    private final double[] trainingEndState;
    private final List<String> names;
    private final int d;

    /**
     * @param config           the configuration the readout was fitted with
     * @param readout          W_out, d outputs by {@code config.features(d)} features
     * @param zscore           the standardisation of the features and increments (identity if none)
     * @param dt               time per step
     * @param trainingEndState the delay buffer after the last training row (copied)
     * @param names            variable names
     */
    public NextGenerationRc(NgrcConfig config, RidgeReadout readout, ZScore zscore, double dt,
                            double[] trainingEndState, List<String> names) {
        Checks.require(config != null && readout != null && zscore != null && names != null,
                "config, readout, zscore and names must not be null");
        this.d = readout.outputs();
        int features = config.features(d);
        Checks.require(readout.features() == features, "readout must have " + features + " features (for d = " + d
                + ", delays = " + config.delays() + ", order = " + config.order() + ", constant = " + config.constant()
                + "), got " + readout.features());
        Checks.require(zscore.dimension() == d, "zscore must have " + d + " columns (the readout's outputs), got "
                + zscore.dimension());
        Checks.require(config.standardize() || isIdentity(zscore),
                "zscore must be the identity when config.standardize() is false");
        Checks.require(names.size() == d, "names must have " + d + " entries, got " + names.size());
        Checks.length("trainingEndState", trainingEndState, stateDimension(d, config));
        Checks.finite("trainingEndState", trainingEndState);
        this.config = config;
        this.readout = readout;
        this.zscore = zscore;
        this.dt = Checks.positive("dt", dt);
        this.trainingEndState = trainingEndState.clone();
        this.names = List.copyOf(names);
    }

    /** Trains on all rows of {@code data}: {@link #train(TimeSeries, int, int, NgrcConfig)} with from = window. */
    public static NextGenerationRc train(TimeSeries data, NgrcConfig config) {
        Checks.require(config != null, "config must not be null");
        return train(data, config.window(), data.rows(), config);
    }

    /**
     * Fits W_out so that {@code u(r) - u(r - 1) = W_out O_total(r - 1)} for every target row r in
     * {@code [from, to)}: {@code to - from} pairs, using rows {@code [from - (k-1) s - 1, to)}.
     * Rows before that are not read (Gauthier's warm-up). The model's dt is {@code data.dt()}.
     *
     * @throws IllegalArgumentException if {@code from < (k-1) s + 1}, {@code to <= from}, {@code to}
     *                                  exceeds the rows, or a used row holds a non-finite value
     *                                  (named by row and column)
     */
    public static NextGenerationRc train(TimeSeries data, int from, int to, NgrcConfig config) {
        Checks.require(config != null && data != null, "data and config must not be null");
        int d = data.cols();
        int window = config.window();
        if (from < window) {
            throw new IllegalArgumentException("from must be at least (delays - 1) * skip + 1 = " + window
                    + " (the delay taps of the first target row), got " + from);
        }
        if (to <= from || to > data.rows()) {
            throw new IllegalArgumentException("target rows [from, to) must be non-empty and within the data's "
                    + data.rows() + " rows, got [" + from + ", " + to + ")");
        }
        int n = stateDimension(d, config);
        int features = config.features(d);
        data.requireFinite("training data", from - window, to);
        ZScore zscore = config.standardize() ? ZScore.fit(data, from - window, to) : ZScore.identity(d);
        Kernel kernel = new Kernel(config, d, zscore);
        double[] state = new double[n];
        double[] feature = new double[features];
        double[] target = new double[d];
        double[] row = new double[d];
        double[] previous = new double[d];
        RidgeAccumulator accumulator = new RidgeAccumulator(features, d, false);
        for (int r = from; r < to; r++) {
            delayState(data, r - 1, window, row, state);
            kernel.features(state, feature);
            data.rowInto(r, row);
            data.rowInto(r - 1, previous);
            for (int j = 0; j < d; j++) {
                target[j] = (row[j] - previous[j]) * kernel.invStd[j];
            }
            accumulator.add(feature, target);
        }
        RidgeReadout readout = accumulator.solve(config.ridge());
        double[] end = new double[n];
        delayState(data, to - 1, window, row, end);
        return new NextGenerationRc(config, readout, zscore, data.dt(), end, data.names());
    }

    public NgrcConfig config() {
        return config;
    }

    /** W_out (d outputs by {@link #featureCount()} features; bias zero). */
    public RidgeReadout readout() {
        return readout;
    }

    /** The standardisation (the identity unless {@link NgrcConfig#standardize()}). */
    public ZScore zscore() {
        return zscore;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double dt() {
        return dt;
    }

    /** Variable names of the training data. */
    public List<String> names() {
        return names;
    }

    /** Length of O_total. */
    public int featureCount() {
        return readout.features();
    }

    /** Length of the closed-loop state, {@code d ((k-1) s + 1)}. */
    public int stateDimension() {
        return stateDimension(d, config);
    }

    /** The delay buffer after the last training row: it predicts the row after the training rows. */
    public double[] trainingEndState() {
        return trainingEndState.clone();
    }

    /** {@code (k-1) s + 1}: the rows before {@code start} that fill the delay taps. */
    @Override
    public int minimumHistory() {
        return config.window();
    }

    /** A new closed-loop map (with its own scratch buffers). */
    @Override
    public ClosedLoop closedLoop() {
        return new ClosedLoop(this);
    }

    /**
     * The delay buffer of rows {@code start - 1, start - 2, ..., start - (k-1) s - 1}, newest
     * first; all {@code history} rows before {@code start} are checked, only the last
     * {@link #minimumHistory()} are used (the model has no other memory).
     */
    @Override
    public double[] closedLoopState(TimeSeries data, int start, int history) {
        checkData(data);
        int window = config.window();
        if (history < window) {
            throw new IllegalArgumentException("history must be at least (delays - 1) * skip + 1 = " + window
                    + " rows (the delay taps), got " + history);
        }
        if (start - history < 0 || start > data.rows()) {
            throw new IllegalArgumentException("history rows [start - history, start) must lie in [0, " + data.rows()
                    + "], got [" + (start - history) + ", " + start + ")");
        }
        data.requireFinite("data", start - history, start);
        double[] state = new double[stateDimension()];
        delayState(data, start - 1, window, new double[d], state);
        return state;
    }

    /**
     * Closed-loop forecast: row k predicts {@code data} row {@code start + k} from the
     * {@link #minimumHistory()} rows before {@code start}.
     */
    @Override
    public TimeSeries forecast(TimeSeries data, int start, int history, int steps) {
        double[] state = closedLoopState(data, start, history);
        return forecast(state, steps, data.time(start)).withNames(data.names());
    }

    /**
     * Closed-loop forecast of {@code steps} rows from the delay buffer {@code state} (not modified):
     * row k is {@code u} after {@code k + 1} steps. Allocates the result, nothing per step.
     *
     * @param t0 time stamp of row 0 of the result
     * @throws ForecastDivergedException if the forecast turns non-finite, naming the step
     */
    public TimeSeries forecast(double[] state, int steps, double t0) {
        Checks.length("state", state, stateDimension());
        Checks.finite("state", state);
        Checks.positive("steps", steps);
        ClosedLoop map = closedLoop();
        double[] x = state.clone();
        double[] out = new double[Math.multiplyExact(steps, d)];
        for (int k = 0; k < steps; k++) {
            int bad = map.advance(x);
            if (bad >= 0) {
                throw new ForecastDivergedException("closed-loop forecast turned non-finite (" + x[bad]
                        + " in variable " + bad + ") at step " + k + " of " + steps, k,
                        k == 0 ? null : TimeSeries.wrap(java.util.Arrays.copyOf(out, k * d), k, d, t0, dt, names));
            }
            System.arraycopy(x, 0, out, k * d, d);
        }
        return TimeSeries.wrap(out, steps, d, t0, dt, names);
    }

    private static int stateDimension(int d, NgrcConfig config) {
        long n = (long) d * config.window();
        Checks.require(n <= Integer.MAX_VALUE, "the delay buffer d ((k-1) s + 1) is too long: " + n);
        return (int) n;
    }

    private void checkData(TimeSeries data) {
        if (data.cols() != d) {
            throw new IllegalArgumentException("data must have " + d + " columns (the model's variables), got "
                    + data.rows() + " x " + data.cols());
        }
    }

    /** Writes rows {@code newest, newest - 1, ..., newest - window + 1} of {@code data} into {@code state}, newest first. */
    private static void delayState(TimeSeries data, int newest, int window, double[] row, double[] state) {
        int d = data.cols();
        for (int lag = 0; lag < window; lag++) {
            data.rowInto(newest - lag, row);
            System.arraycopy(row, 0, state, lag * d, d);
        }
    }

    private static boolean isIdentity(ZScore z) {
        double[] mean = z.mean();
        double[] std = z.std();
        for (int j = 0; j < mean.length; j++) {
            if (mean[j] != 0 || std[j] != 1) {
                return false;
            }
        }
        return true;
    }

    /** O_total and its derivative from a delay buffer, with scratch for O_lin. Not thread-safe. */
    private static final class Kernel {
        final int d;
        final int k;
        final int skip;
        final int p;
        final boolean constant;
        final boolean cubic;
        final double[] mean;
        final double[] invStd;
        final double[] std;
        final double[] lin;
        final double[] dlin;

        Kernel(NgrcConfig config, int d, ZScore zscore) {
            this.d = d;
            this.k = config.delays();
            this.skip = config.skip();
            this.p = config.linearFeatures(d);
            this.constant = config.constant();
            this.cubic = config.order() == 3;
            this.mean = zscore.mean();
            this.std = zscore.std();
            this.invStd = new double[d];
            for (int j = 0; j < d; j++) {
                invStd[j] = 1.0 / std[j];
            }
            this.lin = new double[p];
            this.dlin = new double[p];
        }

        /** {@code out[i d + j] = (v[i s d + j] - shift_j) / sigma_j}: the taps of a buffer. */
        private void taps(double[] v, double[] out, boolean centre) {
            for (int i = 0; i < k; i++) {
                int src = i * skip * d;
                int dst = i * d;
                for (int j = 0; j < d; j++) {
                    out[dst + j] = (centre ? v[src + j] - mean[j] : v[src + j]) * invStd[j];
                }
            }
        }

        /** O_total of {@code state} into {@code out}; leaves O_lin in {@link #lin}. */
        void features(double[] state, double[] out) {
            taps(state, lin, true);
            int q = 0;
            if (constant) {
                out[q++] = 1.0;
            }
            System.arraycopy(lin, 0, out, q, p);
            q += p;
            for (int a = 0; a < p; a++) {
                double la = lin[a];
                for (int b = a; b < p; b++) {
                    out[q++] = la * lin[b];
                }
            }
            if (cubic) {
                for (int a = 0; a < p; a++) {
                    for (int b = a; b < p; b++) {
                        double lab = lin[a] * lin[b];
                        for (int c = b; c < p; c++) {
                            out[q++] = lab * lin[c];
                        }
                    }
                }
            }
        }

        /** {@code out = DO_total(state) v}, with O_lin of state already in {@link #lin}. */
        void derivative(double[] v, double[] out) {
            taps(v, dlin, false);
            int q = 0;
            if (constant) {
                out[q++] = 0.0;
            }
            System.arraycopy(dlin, 0, out, q, p);
            q += p;
            for (int a = 0; a < p; a++) {
                double la = lin[a];
                double da = dlin[a];
                for (int b = a; b < p; b++) {
                    out[q++] = da * lin[b] + la * dlin[b];
                }
            }
            if (cubic) {
                for (int a = 0; a < p; a++) {
                    double la = lin[a];
                    double da = dlin[a];
                    for (int b = a; b < p; b++) {
                        double lab = la * lin[b];
                        double dab = da * lin[b] + la * dlin[b];
                        for (int c = b; c < p; c++) {
                            out[q++] = dab * lin[c] + lab * dlin[c];
                        }
                    }
                }
            }
        }
    }

    /**
     * The trained NG-RC in closed loop as a map of its delay buffer
     * {@code x = [u(t), u(t - 1), ..., u(t - (k-1) s)]} (newest first), with its exact tangent map:
     *
     * <pre>
     *   u'  = u(t) + sigma o W_out O_total(x),            x' = [u', u(t), ..., u(t - (k-1) s + 1)]
     *   du' = du(t) + sigma o W_out DO_total(x) dx,       dx' = [du', du(t), ..., du(t - (k-1) s + 1)]
     * </pre>
     *
     * where {@code DO_total} differentiates the constant (0), the taps (identity, divided by sigma
     * when standardised) and the monomials (product rule). One step is {@code dt} time units, so
     * Benettin's exponents are per unit time. The first d entries are observed. Allocates nothing
     * per step; not thread-safe.
     */
    public static final class ClosedLoop implements TangentMap {

        private final NextGenerationRc model;
        private final RidgeReadout readout;
        private final Kernel kernel;
        private final int d;
        private final int n;
        private final double[] feature;
        private final double[] dfeature;
        private final double[] increment;
        private final double[] dincrement;
        private final double[] next;
        private long steps;

        ClosedLoop(NextGenerationRc model) {
            this.model = model;
            this.readout = model.readout;
            this.kernel = new Kernel(model.config, model.d, model.zscore);
            this.d = model.d;
            this.n = model.stateDimension();
            int f = model.featureCount();
            feature = new double[f];
            dfeature = new double[f];
            increment = new double[d];
            dincrement = new double[d];
            next = new double[d];
        }

        public NextGenerationRc model() {
            return model;
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public double timeStep() {
            return model.dt;
        }

        /** The newest d entries, u(t), are observed (physical units). */
        @Override
        public int outputDimension() {
            return d;
        }

        @Override
        public List<String> outputNames() {
            return model.names;
        }

        /**
         * O_total of the delay buffer {@code state} (not modified) into {@code out} (length
         * {@link NextGenerationRc#featureCount()}). Allocates nothing.
         */
        public void features(double[] state, double[] out) {
            Checks.length("state", state, n);
            Checks.length("out", out, feature.length);
            kernel.features(state, out);
        }

        /**
         * @throws ArithmeticException if the new u turns non-finite, naming the step (counted from
         *                             this map's creation)
         */
        @Override
        public void step(double[] state) {
            Checks.length("state", state, n);
            check(advance(state), state);
        }

        @Override
        public void step(double[] state, double[][] tangents) {
            Checks.length("state", state, n);
            kernel.features(state, feature);
            for (double[] v : tangents) {
                Checks.length("tangent", v, n);
                kernel.derivative(v, dfeature);
                readout.applyWeights(dfeature, dincrement);
                for (int j = 0; j < d; j++) {
                    next[j] = v[j] + kernel.std[j] * dincrement[j];
                }
                shiftIn(v);
            }
            check(finish(state), state);
        }

        /** One closed-loop step in place; returns the index of a non-finite new value or -1. */
        int advance(double[] state) {
            kernel.features(state, feature);
            return finish(state);
        }

        /** With O_total of {@code state} in {@link #feature}: u' = u + sigma o W_out O_total, then shift. */
        private int finish(double[] state) {
            readout.apply(feature, increment);
            int bad = -1;
            for (int j = 0; j < d; j++) {
                double u = state[j] + kernel.std[j] * increment[j];
                next[j] = u;
                if (bad < 0 && !Double.isFinite(u)) {
                    bad = j;
                }
            }
            shiftIn(state);
            steps++;
            return bad;
        }

        /** Moves the buffer one row older and writes {@link #next} as the newest row. */
        private void shiftIn(double[] x) {
            System.arraycopy(x, 0, x, d, n - d);
            System.arraycopy(next, 0, x, 0, d);
        }

        private void check(int bad, double[] state) {
            if (bad >= 0) {
                throw new ArithmeticException("closed-loop NG-RC turned non-finite (" + state[bad] + " in variable "
                        + bad + ") at step " + (steps - 1) + " of this map");
            }
        }
    }
}
