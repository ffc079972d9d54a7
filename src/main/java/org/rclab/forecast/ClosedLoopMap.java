package org.rclab.forecast;

import java.util.List;

import org.rclab.core.Checks;
import org.rclab.dynamics.TangentMap;
import org.rclab.linalg.CsrMatrix;
import org.rclab.readout.RidgeReadout;
import org.rclab.reservoir.Reservoir;
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
 * products. Not thread-safe.
 */
public final class ClosedLoopMap implements TangentMap {

    private final TrainedModel model;
    private final Reservoir reservoir;
    private final StateTransform transform;
    private final RidgeReadout readout;
    private final CsrMatrix w;
    private final CsrMatrix win;
    private final double leak;
    private final int n;
    private final int d;
    private final double[] features;
    private final double[] v;
    private final double[] next;
    private final double[] slopes;
    private final double[] wdr;
    private final double[] tdr;
    private final double[] g;
    private final double[] wing;

    public ClosedLoopMap(TrainedModel model) {
        this.model = model;
        this.reservoir = model.reservoir();
        this.transform = model.transform();
        this.readout = model.readout();
        this.w = reservoir.w();
        this.win = reservoir.win();
        this.leak = reservoir.config().leakRate();
        this.n = reservoir.size();
        this.d = reservoir.inputDimension();
        features = new double[n];
        v = new double[d];
        next = new double[n];
        slopes = new double[n];
        wdr = new double[n];
        tdr = new double[n];
        g = new double[d];
        wing = new double[n];
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
        transform.apply(state, features);
        readout.apply(features, out);
    }

    @Override
    public List<String> outputNames() {
        return org.rclab.core.TimeSeries.defaultNames(d);
    }

    @Override
    public void step(double[] r) {
        Checks.length("state", r, n);
        transform.apply(r, features);
        readout.apply(features, v);
        reservoir.update(r, v, next);
        System.arraycopy(next, 0, r, 0, n);
    }

    @Override
    public void step(double[] r, double[][] tangents) {
        Checks.length("state", r, n);
        transform.apply(r, features);
        readout.apply(features, v);
        reservoir.update(r, v, next, slopes);
        double keep = 1 - leak;
        for (double[] dr : tangents) {
            Checks.length("tangent", dr, n);
            w.multiply(dr, wdr);
            transform.jacobianTimes(r, dr, tdr);
            readout.applyWeights(tdr, g);
            win.multiply(g, wing);
            for (int i = 0; i < n; i++) {
                dr[i] = keep * dr[i] + leak * slopes[i] * (wdr[i] + wing[i]);
            }
        }
        System.arraycopy(next, 0, r, 0, n);
    }
}
