package org.rclab.forecast;

import java.util.List;

import org.rclab.core.Checks;
import org.rclab.dynamics.TangentMap;
import org.rclab.readout.RidgeReadout;
import org.rclab.reservoir.EchoState;
import org.rclab.reservoir.StateTransform;

/**
 * A trained echo state network running in closed loop as a map of its reservoir state,
 * {@code r(t + dt) = F(r(t))}, with its tangent map (Pathak, Lu, Hunt, Girvan, Ott 2017, Chaos
 * 27:121102, arXiv:1710.07313, Eq. 7):
 *
 * <pre>
 *   v   = W_out T(r) + c                                  (the model's output, standardised)
 *   r'  = (1 - a) r + a tanh(W r + W_in v + b)
 *   dr' = (1 - a) dr + a diag(1 - tanh^2(.)) [ W dr + W_in W_out DT(r) dr ]
 * </pre>
 *
 * With Pathak's transform {@code DT(r) dr} doubles {@code r o dr} on the squared nodes, which is
 * the {@code 2 W_in W_out,2 (r o dr)} term of the paper; other transforms give their own
 * derivative. One step is {@code dt} time units, so Benettin's exponents are per unit time of the
 * learned system. W_in W_out has rank D (the number of variables), so it is applied as two thin
 * products. Deep reservoirs work the same way through {@link EchoState#tangent}. Not thread-safe.
 */
public final class ClosedLoopMap implements TangentMap {

    private final TrainedModel model;
    private final EchoState network;
    private final StateTransform transform;
    private final RidgeReadout readout;
    private final int n;
    private final int d;
    private final int offset;
    private final double[] slice;
    private final double[] dslice;
    private final double[] features;
    private final double[] v;
    private final double[] next;
    private final double[] slopes;
    private final double[] tdr;
    private final double[] g;
    private final double[] dnext;
    private final double[] work;

    public ClosedLoopMap(TrainedModel model) {
        this.model = model;
        this.network = model.network();
        this.transform = model.transform();
        this.readout = model.readout();
        this.n = network.stateSize();
        this.d = network.inputDimension();
        this.offset = network.featureOffset();
        int f = network.featureCount();
        slice = new double[f];
        dslice = new double[f];
        features = new double[f];
        tdr = new double[f];
        v = new double[d];
        g = new double[d];
        next = new double[n];
        slopes = new double[n];
        dnext = new double[n];
        work = new double[n];
    }

    public TrainedModel model() {
        return model;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double timeStep() {
        return model.dt();
    }

    /** The model's D outputs are observed (standardised units). */
    @Override
    public int outputDimension() {
        return d;
    }

    @Override
    public void observe(double[] state, double[] out) {
        model.features(state, slice, features);
        readout.apply(features, out);
    }

    @Override
    public List<String> outputNames() {
        return org.rclab.core.TimeSeries.defaultNames(d);
    }

    @Override
    public void step(double[] r) {
        Checks.length("state", r, n);
        model.features(r, slice, features);
        readout.apply(features, v);
        network.update(r, v, next);
        System.arraycopy(next, 0, r, 0, n);
    }

    @Override
    public void step(double[] r, double[][] tangents) {
        Checks.length("state", r, n);
        model.features(r, slice, features);
        readout.apply(features, v);
        network.update(r, v, next, slopes);
        for (double[] dr : tangents) {
            Checks.length("tangent", dr, n);
            System.arraycopy(dr, offset, dslice, 0, dslice.length);
            transform.jacobianTimes(slice, dslice, tdr);
            readout.applyWeights(tdr, g);
            network.tangent(slopes, dr, g, dnext, work);
            System.arraycopy(dnext, 0, dr, 0, n);
        }
        System.arraycopy(next, 0, r, 0, n);
    }
}
