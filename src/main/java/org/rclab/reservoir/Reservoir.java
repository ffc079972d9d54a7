package org.rclab.reservoir;

import java.util.SplittableRandom;

import org.rclab.core.Checks;
import org.rclab.core.Seeds;
import org.rclab.linalg.CsrMatrix;
import org.rclab.linalg.LeakyTanh;
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
 * gives the same bits. The update allocates nothing once a thread has made its scratch arrays
 * (the dense input's drive here, the activation's two in {@link LeakyTanh}).
 */
public final class Reservoir implements EchoState {

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
    /** W_in has exactly one entry per row (Pathak's blocks): entry i is row i's. */
    private final boolean oneInputPerNode;
    /** W_in's columns (D of N each) when every node receives every input, else null. */
    private final double[][] inColumns;
    /** Each thread's b + W_in u for the dense input (its loops index every array alike, so C2 vectorises them). */
    private static final ThreadLocal<double[]> DRIVE = ThreadLocal.withInitial(() -> new double[0]);

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
        this.oneInputPerNode = oneEntryPerRow(win);
        this.inColumns = denseColumns(win);
    }

    private static boolean oneEntryPerRow(CsrMatrix m) {
        int[] start = m.rowStart();
        for (int i = 0; i <= m.rows(); i++) {
            if (start[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** W_in's columns when it is dense (so W_in u is D vectorisable axpys), else null. */
    private static double[][] denseColumns(CsrMatrix win) {
        if (win.nonZeros() != (long) win.rows() * win.cols()) {
            return null;
        }
        double[][] dense = win.toDense();
        double[][] cols = new double[win.cols()][win.rows()];
        for (int q = 0; q < win.cols(); q++) {
            for (int i = 0; i < win.rows(); i++) {
                cols[q][i] = dense[i][q];
            }
        }
        return cols;
    }

    /** Draws W, W_in and b for {@code inputDimension} inputs from the config's seed. */
    public static Reservoir create(ReservoirConfig config, int inputDimension) {
        return create(config, inputDimension, false);
    }

    /**
     * Draws W, W_in and b. With {@code leakAdjusted}, the spectral radius is imposed on the leaky
     * update's linear part {@code (1 - a) I + a W} instead of on W, as in Gallicchio and Micheli's
     * DeepESN code: {@code W = c W0 + (1 - a)(c - 1) / a I} with {@code c = rho / rho((1 - a) I + a W0)}.
     */
    public static Reservoir create(ReservoirConfig config, int inputDimension, boolean leakAdjusted) {
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
        double a = config.leakRate();
        CsrMatrix measured = leakAdjusted && a < 1 ? raw.scale(a).plusIdentity(1 - a) : raw;
        double rho = SpectralRadius.of(measured, seeds.stream("arnoldi"));
        if (!(rho > 0)) {
            throw new ArithmeticException("the random recurrent matrix has spectral radius " + rho
                    + " (too sparse: raise averageDegree or size)");
        }
        double c = config.spectralRadius() / rho;
        CsrMatrix w = leakAdjusted && a < 1 ? raw.scale(c).plusIdentity((1 - a) * (c - 1) / a) : raw.scale(c);
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
        Checks.require(win.cols() > 0, "W_in must have at least one column (one per input), got " + win.rows() + " x "
                + win.cols());
        Checks.length("bias", bias, n);
        Checks.finite("bias", bias);
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
    @Override
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

    @Override
    public int stateSize() {
        return config.size();
    }

    @Override
    public int featureOffset() {
        return 0;
    }

    @Override
    public int featureCount() {
        return config.size();
    }

    @Override
    public double leakRate() {
        return config.leakRate();
    }

    /**
     * One update {@code next = (1 - a) x + a tanh(W x + W_in u + b)}. Allocates nothing.
     *
     * @param x    current state, length N, not modified
     * @param u    input, length D, not modified
     * @param next next state, length N, overwritten; must not be {@code x} or {@code u}
     */
    @Override
    public void update(double[] x, double[] u, double[] next) {
        checkUpdate(config.size(), inputDimension, x, u, next);
        step(x, u, 0, next, 0, null);
    }

    /**
     * The update of {@link #update(double[], double[], double[])} that also writes the activation
     * slopes {@code slopes_i = 1 - tanh^2(z_i)}, {@code z = W x + W_in u + b}, which the tangent map
     * needs: {@code d next = (1 - a) dx + a diag(slopes) (W dx + W_in du)}. Allocates nothing.
     *
     * @param slopes length N, overwritten; must not be {@code x}, {@code u} or {@code next}
     */
    @Override
    public void update(double[] x, double[] u, double[] next, double[] slopes) {
        checkUpdate(config.size(), inputDimension, x, u, next, slopes);
        step(x, u, 0, next, 0, slopes);
    }

    /**
     * {@code dnext = (1 - a) dx + a diag(slopes) (W dx + W_in du)}. Allocates nothing.
     *
     * @param slopes from {@link #update(double[], double[], double[], double[])}, length N, not modified
     * @param dx     length N, not modified
     * @param du     length D, not modified
     * @param dnext  length N, overwritten; must not be {@code slopes}, {@code dx} or {@code du}
     * @param work   length N (not used by a single reservoir)
     */
    @Override
    public void tangent(double[] slopes, double[] dx, double[] du, double[] dnext, double[] work) {
        checkTangent(config.size(), inputDimension, slopes, dx, du, dnext, work);
        tangent(slopes, 0, dx, 0, du, 0, dnext, 0);
    }

    /** The checks of the public update of a network with state length n and d inputs (also {@link DeepReservoir}'s). */
    static void checkUpdate(int n, int d, double[] x, double[] u, double[] next) {
        if (x.length != n || next.length != n || u.length != d) {
            throw new IllegalArgumentException("update needs x and next of length " + n + " and u of length "
                    + d + ", got " + x.length + ", " + next.length + " and " + u.length);
        }
        Checks.distinct("next", next, "x", x);
        Checks.distinct("next", next, "u", u);
    }

    /** {@link #checkUpdate(int, int, double[], double[], double[])} and the slopes it also writes. */
    static void checkUpdate(int n, int d, double[] x, double[] u, double[] next, double[] slopes) {
        checkUpdate(n, d, x, u, next);
        Checks.length("slopes", slopes, n);
        Checks.distinct("slopes", slopes, "x", x);
        Checks.distinct("slopes", slopes, "u", u);
        Checks.distinct("slopes", slopes, "next", next);
    }

    /** The checks of the public tangent map of a network with state length n and d inputs. */
    static void checkTangent(int n, int d, double[] slopes, double[] dx, double[] du, double[] dnext, double[] work) {
        Checks.length("slopes", slopes, n);
        Checks.length("dx", dx, n);
        Checks.length("du", du, d);
        Checks.length("dnext", dnext, n);
        Checks.length("work", work, n);
        Checks.distinct("dnext", dnext, "dx", dx);
        Checks.distinct("dnext", dnext, "du", du);
        Checks.distinct("dnext", dnext, "slopes", slopes);
    }

    /**
     * The update on slices of a stacked state: reads {@code x[o..o+N)} and {@code u[uo..uo+D)},
     * writes {@code next[o..o+N)} and, when {@code slopes != null}, {@code slopes[o..o+N)}. The
     * kernel of both public updates and of {@link DeepReservoir}'s layers.
     */
    void step(double[] x, double[] u, int uo, double[] next, int o, double[] slopes) {
        final int n = config.size();
        final double a = config.leakRate();
        final int[] ws = wStart;
        final int[] wc = wCols;
        final double[] wv = wVals;
        final int[] is = inStart;
        final int[] ic = inCols;
        final double[] iv = inVals;
        final double[] b = bias;
        // pass 1: the pre-activations W x + W_in u + b, written into next
        if (inColumns != null) {
            // dense input: b + W_in u as D axpys over contiguous columns, into this thread's scratch
            // array (Java 17's C2 vectorises a loop only when its arrays share one index)
            double[] drive = DRIVE.get();
            if (drive.length < n) {
                drive = new double[n];
                DRIVE.set(drive);
            }
            System.arraycopy(b, 0, drive, 0, n);
            for (int q = 0; q < inputDimension; q++) {
                double uq = u[uo + q];
                double[] column = inColumns[q];
                for (int i = 0; i < n; i++) {
                    drive[i] += column[i] * uq;
                }
            }
            for (int i = 0; i < n; i++) {
                double s = drive[i];
                for (int p = ws[i], end = ws[i + 1]; p < end; p++) {
                    s += wv[p] * x[o + wc[p]];
                }
                next[o + i] = s;
            }
        } else if (oneInputPerNode) {
            // one input per node (Pathak's blocks): no inner loop of one iteration per row
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int p = ws[i], end = ws[i + 1]; p < end; p++) {
                    s += wv[p] * x[o + wc[p]];
                }
                next[o + i] = s + iv[i] * u[uo + ic[i]];
            }
        } else {
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int p = ws[i], end = ws[i + 1]; p < end; p++) {
                    s += wv[p] * x[o + wc[p]];
                }
                for (int p = is[i], end = is[i + 1]; p < end; p++) {
                    s += iv[p] * u[uo + ic[p]];
                }
                next[o + i] = s;
            }
        }
        // pass 2: the activation and the leak, in place (LeakyTanh's vectorised loops)
        LeakyTanh.apply(next, x, o, n, a, slopes);
    }

    /**
     * The tangent map on slices: {@code dnext = (1 - a) dx + a diag(slopes) (W dx + W_in du)}.
     */
    void tangent(double[] slopes, int so, double[] dx, int xo, double[] du, int uo, double[] dnext, int no) {
        final int n = config.size();
        final double a = config.leakRate();
        final double keep = 1 - a;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int p = wStart[i], end = wStart[i + 1]; p < end; p++) {
                s += wVals[p] * dx[xo + wCols[p]];
            }
            for (int p = inStart[i], end = inStart[i + 1]; p < end; p++) {
                s += inVals[p] * du[uo + inCols[p]];
            }
            dnext[no + i] = keep * dx[xo + i] + a * slopes[so + i] * s;
        }
    }
}
