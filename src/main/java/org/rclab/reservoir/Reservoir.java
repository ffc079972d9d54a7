package org.rclab.reservoir;

import java.util.SplittableRandom;

import org.rclab.core.Checks;
import org.rclab.core.FastMath;
import org.rclab.core.Seeds;
import org.rclab.linalg.CsrMatrix;
import org.rclab.linalg.SpectralRadius;

/**
 * A sparse echo state network reservoir, immutable and thread-safe:
 *
 * <pre>
 *   x(t+1) = (1 - a) x(t) + a tanh(W x(t) + W_in u(t) + b)
 * </pre>
 *
 * (Jaeger 2001, GMD Report 148; Jaeger &amp; Haas 2004, Science 304:78). W is N x N in CSR, scaled
 * to the configured spectral radius measured by Arnoldi iteration; W_in is N x D in CSR. Random
 * draws come from the named streams "W", "Win" and "bias" of the config's seed, so the same seed
 * gives the same bits. The update allocates nothing.
 */
public final class Reservoir {

    private final ReservoirConfig config;
    private final int inputDimension;
    private final CsrMatrix w;
    private final CsrMatrix win;
    private final double[] bias;
    private final double unscaledRadius;
    // CSR arrays cached for the hot loop (never exposed)
    private final int[] wStart;
    private final int[] wCols;
    private final double[] wVals;
    private final int[] inStart;
    private final int[] inCols;
    private final double[] inVals;

    private Reservoir(ReservoirConfig config, int inputDimension, CsrMatrix w, CsrMatrix win, double[] bias,
                      double unscaledRadius) {
        this.config = config;
        this.inputDimension = inputDimension;
        this.w = w;
        this.win = win;
        this.bias = bias;
        this.unscaledRadius = unscaledRadius;
        this.wStart = w.rowStart();
        this.wCols = w.columns();
        this.wVals = w.values();
        this.inStart = win.rowStart();
        this.inCols = win.columns();
        this.inVals = win.values();
    }

    /** Draws W, W_in and b for {@code inputDimension} inputs from the config's seed. */
    public static Reservoir create(ReservoirConfig config, int inputDimension) {
        Checks.positive("inputDimension", inputDimension);
        int n = config.size();
        if (config.inputConnectivity() == ReservoirConfig.InputConnectivity.BLOCKS && inputDimension > n) {
            throw new IllegalArgumentException("BLOCKS input needs size >= inputDimension, got size " + n
                    + " < inputDimension " + inputDimension);
        }
        Seeds seeds = new Seeds(config.seed());
        SplittableRandom rw = seeds.stream("W");
        CsrMatrix raw = config.topology() == ReservoirConfig.Topology.ERDOS_RENYI
                ? CsrMatrix.erdosRenyi(n, n, config.averageDegree(), rw)
                : CsrMatrix.fixedDegree(n, n, (int) Math.max(1, Math.round(config.averageDegree())), rw);
        double rho = SpectralRadius.of(raw, seeds.stream("arnoldi"));
        if (!(rho > 0)) {
            throw new ArithmeticException("the random recurrent matrix has spectral radius " + rho
                    + " (too sparse: raise averageDegree or size)");
        }
        CsrMatrix w = raw.scale(config.spectralRadius() / rho);
        CsrMatrix win = inputMatrix(config, inputDimension, seeds.stream("Win"));
        double[] b = new double[n];
        if (config.bias() > 0) {
            SplittableRandom rb = seeds.stream("bias");
            for (int i = 0; i < n; i++) {
                b[i] = config.bias() * (2 * rb.nextDouble() - 1);
            }
        }
        return new Reservoir(config, inputDimension, w, win, b, rho);
    }

    /** Builds a reservoir from given matrices (loading a saved model; tests). */
    public static Reservoir of(ReservoirConfig config, CsrMatrix w, CsrMatrix win, double[] bias) {
        int n = config.size();
        Checks.require(w.rows() == n && w.cols() == n, "W must be " + n + " x " + n + ", got " + w.rows() + " x " + w.cols());
        Checks.require(win.rows() == n, "W_in must have " + n + " rows, got " + win.rows() + " x " + win.cols());
        Checks.length("bias", bias, n);
        return new Reservoir(config, win.cols(), w, win, bias.clone(), Double.NaN);
    }

    private static CsrMatrix inputMatrix(ReservoirConfig config, int d, SplittableRandom r) {
        int n = config.size();
        double s = config.inputScaling();
        boolean dense = config.inputConnectivity() == ReservoirConfig.InputConnectivity.DENSE;
        int perRow = dense ? d : 1;
        int[] start = new int[n + 1];
        int[] cols = new int[n * perRow];
        double[] vals = new double[n * perRow];
        for (int i = 0; i < n; i++) {
            start[i + 1] = (i + 1) * perRow;
            if (dense) {
                for (int q = 0; q < d; q++) {
                    cols[i * d + q] = q;
                    vals[i * d + q] = s * (2 * r.nextDouble() - 1);
                }
            } else {
                cols[i] = (int) ((long) i * d / n);
                vals[i] = s * (2 * r.nextDouble() - 1);
            }
        }
        return new CsrMatrix(n, d, start, cols, vals);
    }

    public ReservoirConfig config() {
        return config;
    }

    /** N. */
    public int size() {
        return config.size();
    }

    /** D, the number of inputs. */
    public int inputDimension() {
        return inputDimension;
    }

    /** The scaled recurrent matrix W. */
    public CsrMatrix w() {
        return w;
    }

    /** The input matrix W_in (N x D). */
    public CsrMatrix win() {
        return win;
    }

    /** A copy of the bias b. */
    public double[] bias() {
        return bias.clone();
    }

    /** The spectral radius of W before scaling (NaN for a loaded reservoir). */
    public double unscaledSpectralRadius() {
        return unscaledRadius;
    }

    /**
     * One update {@code next = (1 - a) x + a tanh(W x + W_in u + b)}. Allocates nothing.
     *
     * @param x    current state, length N, not modified
     * @param u    input, length D, not modified
     * @param next next state, length N, overwritten; must not be {@code x}
     */
    public void update(double[] x, double[] u, double[] next) {
        int n = config.size();
        if (x.length != n || next.length != n || u.length != inputDimension) {
            throw new IllegalArgumentException("update needs x and next of length " + n + " and u of length "
                    + inputDimension + ", got " + x.length + ", " + next.length + " and " + u.length);
        }
        Checks.distinct("next", next, "x", x);
        final double a = config.leakRate();
        final double keep = 1 - a;
        final int[] ws = wStart;
        final int[] wc = wCols;
        final double[] wv = wVals;
        final int[] is = inStart;
        final int[] ic = inCols;
        final double[] iv = inVals;
        final double[] b = bias;
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int p = ws[i], end = ws[i + 1]; p < end; p++) {
                s += wv[p] * x[wc[p]];
            }
            for (int p = is[i], end = is[i + 1]; p < end; p++) {
                s += iv[p] * u[ic[p]];
            }
            next[i] = keep * x[i] + a * FastMath.tanh(s);
        }
    }

    /**
     * The update of {@link #update} that also writes the activation slopes
     * {@code slopes_i = 1 - tanh^2(z_i)}, {@code z = W x + W_in u + b}, which the tangent map needs:
     * {@code d next = (1 - a) dx + a diag(slopes) (W dx + W_in du)}. Allocates nothing.
     */
    public void update(double[] x, double[] u, double[] next, double[] slopes) {
        int n = config.size();
        if (x.length != n || next.length != n || slopes.length != n || u.length != inputDimension) {
            throw new IllegalArgumentException("update needs x, next and slopes of length " + n + " and u of length "
                    + inputDimension + ", got " + x.length + ", " + next.length + ", " + slopes.length + " and " + u.length);
        }
        Checks.distinct("next", next, "x", x);
        final double a = config.leakRate();
        final double keep = 1 - a;
        for (int i = 0; i < n; i++) {
            double s = bias[i];
            for (int p = wStart[i], end = wStart[i + 1]; p < end; p++) {
                s += wVals[p] * x[wCols[p]];
            }
            for (int p = inStart[i], end = inStart[i + 1]; p < end; p++) {
                s += inVals[p] * u[inCols[p]];
            }
            double t = FastMath.tanh(s);
            next[i] = keep * x[i] + a * t;
            slopes[i] = 1 - t * t;
        }
    }
}
