package org.rclab.forecast;

import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;
import org.rclab.core.ZScore;
import org.rclab.readout.RidgeReadout;
import org.rclab.reservoir.EchoState;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.StateTransform;

/**
 * A trained echo state network, immutable: the network (a {@link Reservoir} or a deep one), state
 * transform, ridge readout and the input standardisation. In closed loop (generative mode) its own output is fed back as input:
 *
 * <pre>
 *   v(t) = W_out T(x(t)) + b,   x(t+1) = (1 - a) x(t) + a tanh(W x(t) + W_in v(t) + b_res)
 * </pre>
 *
 * All inputs and outputs are in physical units; standardisation happens inside.
 */
public final class TrainedModel implements Forecaster {

    private final EchoState network;
    private final StateTransform transform;
    private final RidgeReadout readout;
    private final ZScore zscore;
    private final double dt;
    private final double[] trainingEndState;

    /**
     * @param trainingEndState the reservoir state after the last training input (copied)
     */
    public TrainedModel(EchoState network, StateTransform transform, RidgeReadout readout, ZScore zscore, double dt,
                        double[] trainingEndState) {
        Checks.require(readout.features() == network.featureCount(), "readout must have " + network.featureCount()
                + " features (what the network exposes to the readout), got " + readout.features());
        Checks.require(readout.outputs() == network.inputDimension() && zscore.dimension() == readout.outputs(),
                "readout outputs, network inputs and standardisation must agree, got " + readout.outputs() + ", "
                        + network.inputDimension() + " and " + zscore.dimension());
        Checks.length("trainingEndState", trainingEndState, network.stateSize());
        this.network = network;
        this.transform = transform;
        this.readout = readout;
        this.zscore = zscore;
        this.dt = Checks.positive("dt", dt);
        this.trainingEndState = trainingEndState.clone();
    }

    /** The network: a {@link Reservoir} or a {@link org.rclab.reservoir.DeepReservoir}. */
    public EchoState network() {
        return network;
    }

    /** The single reservoir of this model; an error for a deep one (use {@link #network()}). */
    public Reservoir reservoir() {
        if (network instanceof Reservoir r) {
            return r;
        }
        throw new IllegalStateException("this model's network is a " + network.getClass().getSimpleName()
                + ", not a single Reservoir; use network()");
    }

    /** Writes the transformed readout features of state {@code x} into {@code features} (scratch {@code slice}). */
    void features(double[] x, double[] slice, double[] features) {
        System.arraycopy(x, network.featureOffset(), slice, 0, slice.length);
        transform.apply(slice, features);
    }

    public StateTransform transform() {
        return transform;
    }

    public RidgeReadout readout() {
        return readout;
    }

    public ZScore zscore() {
        return zscore;
    }

    /** Sampling step of the data the model was trained on. */
    @Override
    public double dt() {
        return dt;
    }

    /** Number of variables. */
    @Override
    public int dimension() {
        return network.inputDimension();
    }

    /** A copy of the reservoir state after the last training input. */
    public double[] trainingEndState() {
        return trainingEndState.clone();
    }

    /**
     * Drives the reservoir from {@code x = 0} with rows {@code [from, to)} of {@code data} (teacher
     * forcing) and returns the state that predicts row {@code to}.
     */
    public double[] synchronize(TimeSeries data, int from, int to) {
        return synchronize(new double[network.stateSize()], data, from, to);
    }

    /** Like {@link #synchronize(TimeSeries, int, int)} from a given state (not modified). */
    public double[] synchronize(double[] start, TimeSeries data, int from, int to) {
        checkData(data);
        Checks.require(from >= 0 && from <= to && to <= data.rows(),
                "rows [from, to) must lie in [0, " + data.rows() + "], got [" + from + ", " + to + ")");
        Checks.length("start", start, network.stateSize());
        data.requireFinite("data", from, to);
        double[] x = start.clone();
        double[] next = new double[x.length];
        double[] raw = new double[dimension()];
        double[] u = new double[dimension()];
        for (int t = from; t < to; t++) {
            zscore.apply(data.rowInto(t, raw), u);
            network.update(x, u, next);
            double[] swap = x;
            x = next;
            next = swap;
        }
        return x;
    }

    /**
     * Closed-loop forecast of {@code steps} rows from reservoir state {@code state} (not modified):
     * row k is the prediction {@code k + 1} steps after the last input that drove {@code state}.
     *
     * @param t0 time stamp of row 0 of the result
     * @throws ForecastDivergedException if the forecast turns non-finite, naming the step
     */
    public TimeSeries forecast(double[] state, int steps, double t0) {
        Checks.length("state", state, network.stateSize());
        Checks.positive("steps", steps);
        int d = dimension();
        double[] x = state.clone();
        double[] next = new double[x.length];
        double[] slice = new double[network.featureCount()];
        double[] features = new double[slice.length];
        double[] v = new double[d];
        double[] phys = new double[d];
        double[] out = new double[steps * d];
        for (int k = 0; k < steps; k++) {
            features(x, slice, features);
            readout.apply(features, v);
            zscore.invert(v, phys);
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(phys[j])) {
                    throw new ForecastDivergedException("closed-loop forecast turned non-finite (" + phys[j]
                            + " in variable " + j + ") at step " + k + " of " + steps, k,
                            k == 0 ? null : TimeSeries.wrap(java.util.Arrays.copyOf(out, k * d), k, d, t0, dt));
                }
            }
            System.arraycopy(phys, 0, out, k * d, d);
            network.update(x, v, next);
            double[] swap = x;
            x = next;
            next = swap;
        }
        return TimeSeries.wrap(out, steps, d, t0, dt);
    }

    /**
     * Synchronises on {@code sync} rows of {@code data} before row {@code start}, then forecasts
     * {@code steps} rows in closed loop: row k predicts {@code data} row {@code start + k}.
     */
    @Override
    public TimeSeries forecast(TimeSeries data, int start, int sync, int steps) {
        Checks.require(sync >= 1 && start - sync >= 0, "need sync rows before start: start = " + start + ", sync = "
                + sync);
        double[] x = synchronize(data, start - sync, start);
        return forecast(x, steps, data.time(start)).withNames(data.names());
    }

    /**
     * Teacher-forced one-step predictions: row k predicts {@code data} row {@code from + k + 1}
     * from the true rows up to {@code from + k}, after synchronising on rows {@code [0, from)}.
     *
     * @throws IllegalArgumentException if rows {@code [0, to)} hold a NaN or infinity, naming its row and column
     */
    public TimeSeries teacherForced(TimeSeries data, int from, int to) {
        checkData(data);
        Checks.require(from >= 0 && from < to && to < data.rows(),
                "rows must satisfy 0 <= from < to < " + data.rows() + ", got from = " + from + ", to = " + to);
        data.requireFinite("data", from, to); // synchronize checks rows [0, from)
        double[] x = synchronize(data, 0, from);
        int d = dimension();
        double[] next = new double[x.length];
        double[] slice = new double[network.featureCount()];
        double[] features = new double[slice.length];
        double[] raw = new double[d];
        double[] u = new double[d];
        double[] v = new double[d];
        double[] phys = new double[d];
        double[] out = new double[(to - from) * d];
        for (int t = from; t < to; t++) {
            zscore.apply(data.rowInto(t, raw), u);
            network.update(x, u, next);
            double[] swap = x;
            x = next;
            next = swap;
            features(x, slice, features);
            readout.apply(features, v);
            zscore.invert(v, phys);
            System.arraycopy(phys, 0, out, (t - from) * d, d);
        }
        return TimeSeries.wrap(out, to - from, d, data.time(from + 1), dt, data.names());
    }

    /** One row of teacher forcing is enough to start (longer synchronisation forgets x = 0 better). */
    @Override
    public int minimumHistory() {
        return 1;
    }

    /** The closed-loop reservoir as a map of its state, with its tangent map. */
    @Override
    public ClosedLoopMap closedLoop() {
        return new ClosedLoopMap(this);
    }

    /** The reservoir state after teacher forcing on rows {@code [start - history, start)} from x = 0. */
    @Override
    public double[] closedLoopState(TimeSeries data, int start, int history) {
        return synchronize(data, start - history, start);
    }

    private void checkData(TimeSeries data) {
        if (data.cols() != dimension()) {
            throw new IllegalArgumentException("data must have " + dimension() + " columns, got " + data.rows() + " x "
                    + data.cols());
        }
    }
}
