package org.rclab.dynamics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;

/**
 * The Mackey-Glass delay differential equation
 * {@code dy/dt = beta y(t - tau) / (1 + y(t - tau)^n) - gamma y(t)}
 * (Mackey and Glass 1977, Science 197:287, doi:10.1126/science.267326).
 *
 * <p>With {@code beta = 0.2, gamma = 0.1, n = 10} ({@link #jaeger(double)}) it is chaotic for
 * {@code tau = 17} (a low-dimensional attractor) and {@code tau = 30}, the benchmarks of Jaeger 2001
 * (GMD Report 148) and Jaeger and Haas 2004 (Science 304:78, doi:10.1126/science.1091277): integrate
 * with {@code h = 0.1}, keep every 10th value (sampling step 1) and squash with
 * {@link #squash(double) tanh(y - 1)}; {@link #jaegerSeries} does exactly that.
 *
 * <pre>{@code
 * TimeSeries mg = MackeyGlass.jaeger(17).jaegerSeries(1000, 10_000, true); // 10000 x 1, dt = 1
 * }</pre>
 *
 * <p>{@code n} need not be an integer; then the history must stay non-negative (it does for a
 * non-negative initial history, as the equation keeps {@code y >= 0}). Immutable and thread-safe.
 *
 * @param beta  production rate, positive
 * @param gamma decay rate, positive
 * @param n     Hill exponent of the feedback nonlinearity, positive
 * @param tau   delay, positive
 */
public record MackeyGlass(double beta, double gamma, double n, double tau) implements DelaySystem {

    /** Integration step of Jaeger's protocol. */
    public static final double JAEGER_STEP = 0.1;

    /** Jaeger's protocol keeps every 10th integration step (sampling step 1). */
    public static final int JAEGER_SUBSAMPLE = 10;

    /** The customary constant initial history {@code y = 1.2}. */
    public static final double INITIAL_VALUE = 1.2;

    /** Validates: every parameter positive and finite. */
    public MackeyGlass {
        Checks.positive("beta", beta);
        Checks.positive("gamma", gamma);
        Checks.positive("n", n);
        Checks.positive("tau", tau);
    }

    /** The literature parameters {@code beta = 0.2, gamma = 0.1, n = 10} with the given delay. */
    public static MackeyGlass jaeger(double tau) {
        return new MackeyGlass(0.2, 0.1, 10, tau);
    }

    @Override
    public double delay() {
        return tau;
    }

    @Override
    public double derivative(double y, double yDelayed) {
        return beta * yDelayed / (1 + Math.pow(yDelayed, n)) - gamma * y;
    }

    /** {@code -gamma}. */
    @Override
    public double partialY(double y, double yDelayed) {
        return -gamma;
    }

    /** {@code beta (1 + (1 - n) z^n) / (1 + z^n)^2} with {@code z = yDelayed}. */
    @Override
    public double partialDelayed(double y, double yDelayed) {
        double zn = Math.pow(yDelayed, n);
        double d = 1 + zn;
        return beta * (1 + (1 - n) * zn) / (d * d);
    }

    /**
     * The positive fixed point {@code y* = (beta / gamma - 1)^(1/n)}; exists when {@code beta > gamma}
     * (otherwise 0 is the only one). Equal to 1 for the literature parameters.
     */
    public double fixedPoint() {
        if (!(beta > gamma)) {
            throw new IllegalStateException("a positive fixed point requires beta > gamma, got beta = "
                    + beta + ", gamma = " + gamma);
        }
        return Math.pow(beta / gamma - 1, 1 / n);
    }

    /**
     * Jaeger's squashing {@code tanh(y - 1)}, which maps the attractor into (-1, 1) for a tanh
     * reservoir.
     */
    public static double squash(double y) {
        return Math.tanh(y - 1);
    }

    /** The inverse of {@link #squash}: {@code 1 + atanh(s)}, for {@code s} in (-1, 1). */
    public static double unsquash(double s) {
        if (!(s > -1 && s < 1)) {
            throw new IllegalArgumentException("s must be in (-1, 1), got " + s);
        }
        return 1 + 0.5 * Math.log((1 + s) / (1 - s));
    }

    /** An RK4 integrator of this equation with fixed step {@code h}; see {@link Integrator}. */
    public Integrator integrator(double h) {
        return new Integrator(this, h);
    }

    /**
     * Samples {@code y} every {@code subsample} steps of {@code h}, starting from {@code history}
     * (the integrator's state: {@code tau / h + 2} values ending at time 0, oldest first; not
     * modified). Samples {@code k = 0, 1, ...} are taken at {@code t = k * subsample * h}; the first
     * {@code transientSamples} are discarded, so row 0 is at {@code t0 = transientSamples * subsample * h}
     * and {@code dt = subsample * h}. With {@code squash} the values are {@code tanh(y - 1)}.
     *
     * @return a {@code samples x 1} series named {@code y} (or {@code tanh(y-1)} when squashed)
     * @throws IllegalArgumentException on bad arguments, or naming the time at which the solution
     *                                  became non-finite
     */
    public TimeSeries sample(double h, int subsample, int transientSamples, int samples, boolean squash,
                             double[] history) {
        Integrator integrator = integrator(h);
        Checks.positive("subsample", subsample);
        Checks.nonNegative("transientSamples", transientSamples);
        Checks.positive("samples", samples);
        Checks.length("history", history, integrator.dimension());
        Checks.finite("history", history);
        double[] state = history.clone();
        int last = state.length - 1;
        double[] out = new double[samples];
        long total = (long) transientSamples + samples;
        long step = 0;
        for (long k = 0; k < total; k++) {
            if (k >= transientSamples) {
                double y = state[last];
                out[(int) (k - transientSamples)] = squash ? squash(y) : y;
            }
            if (k == total - 1) {
                break;
            }
            for (int j = 0; j < subsample; j++) {
                integrator.step(state);
                step++;
                if (!Double.isFinite(state[last])) {
                    throw new IllegalArgumentException("Mackey-Glass solution became non-finite (" + state[last]
                            + ") at t = " + step * h + " (step " + step + " of h = " + h + ") for " + this
                            + "; check the history (non-negative for non-integer n) and h");
                }
            }
        }
        return TimeSeries.wrap(out, samples, 1, transientSamples * (double) subsample * h, subsample * h,
                List.of(squash ? "tanh(y-1)" : "y"));
    }

    /**
     * Jaeger's data set: {@code h = 0.1}, every 10th step (sampling step 1), constant initial
     * history {@code 1.2}, the first {@code transientSamples} samples discarded, optionally squashed.
     */
    public TimeSeries jaegerSeries(int transientSamples, int samples, boolean squash) {
        return sample(JAEGER_STEP, JAEGER_SUBSAMPLE, transientSamples, samples, squash,
                integrator(JAEGER_STEP).initialHistory(INITIAL_VALUE));
    }

    /**
     * Classical fourth-order Runge-Kutta with fixed step {@code h} for the Mackey-Glass equation,
     * a {@link TangentMap} on the sampled history.
     *
     * <p><b>State.</b> With {@code d = tau / h} (an integer, at least 2) the state is the window
     * {@code y(t - tau - h), y(t - tau), ..., y(t)} of {@code d + 2} values, oldest first;
     * {@link #step(double[])} computes {@code y(t + h)} and shifts the window by one. The observed
     * output is the newest value {@code y(t)}.
     *
     * <p><b>Scheme.</b> With {@code y_j = y(t_j)} and {@code f(y, z) = beta z / (1 + z^n) - gamma y}:
     * <pre>
     * k1 = f(y_i,              y_{i-d})
     * k2 = f(y_i + h/2 k1,     y_{i-d+1/2})
     * k3 = f(y_i + h/2 k2,     y_{i-d+1/2})
     * k4 = f(y_i + h k3,       y_{i-d+1})
     * y_{i+1} = y_i + h/6 (k1 + 2 k2 + 2 k3 + k4)
     * </pre>
     * where the delayed value at the half step is the cubic Lagrange interpolant
     * {@code y_{i-d+1/2} = (-y_{i-d-1} + 9 y_{i-d} + 9 y_{i-d+1} - y_{i-d+2}) / 16}, accurate to
     * {@code O(h^4)}, so the scheme is fourth order for a smooth solution. A history that does
     * not continue smoothly into the solution (a constant one: {@code y'} jumps at {@code t = 0})
     * is interpolated across that kink once, around {@code t = tau}, which costs a one-time
     * {@code O(h^2)} error; after a discarded transient this does not matter.
     *
     * <p><b>Tangent map.</b> {@link #step(double[], double[][])} applies the exact Jacobian of this
     * discrete step, so Benettin's algorithm on it gives the Lyapunov spectrum of the discretised
     * delay system (exponents per unit time = exponents per step / {@code h}).
     *
     * <p>Allocates nothing per step. Not thread-safe (the tangent step keeps scratch values).
     */
    public static final class Integrator implements TangentMap {

        private final MackeyGlass system;
        private final double h;
        private final int delaySteps;
        private final int length;

        // Scratch: partial derivatives of f at the four stages, set by advance(..., true).
        private double a1;
        private double a2;
        private double a3;
        private double a4;
        private double b1;
        private double b2;
        private double b3;
        private double b4;

        private Integrator(MackeyGlass system, double h) {
            Checks.positive("h", h);
            double ratio = system.tau / h;
            long d = Math.round(ratio);
            if (Math.abs(d * h - system.tau) > 1e-9 * system.tau) {
                throw new IllegalArgumentException("tau must be an integer multiple of h (within 1e-9 relative), got tau = "
                        + system.tau + ", h = " + h + ", tau / h = " + ratio);
            }
            if (d < 2) {
                throw new IllegalArgumentException("tau / h must be at least 2 (the interpolation stencil needs it), got tau = "
                        + system.tau + ", h = " + h + ", tau / h = " + d);
            }
            if (d > Integer.MAX_VALUE - 2) {
                throw new IllegalArgumentException("tau / h must be at most " + (Integer.MAX_VALUE - 2) + ", got " + d);
            }
            this.system = system;
            this.h = h;
            this.delaySteps = (int) d;
            this.length = (int) d + 2;
        }

        /** The equation integrated. */
        public MackeyGlass system() {
            return system;
        }

        /** {@code d = tau / h}, the delay in steps. */
        public int delaySteps() {
            return delaySteps;
        }

        /** {@code d + 2}: the window {@code y(t - tau - h), ..., y(t)}. */
        @Override
        public int dimension() {
            return length;
        }

        /** {@code h}. */
        @Override
        public double timeStep() {
            return h;
        }

        /** A constant history {@code y0} (Mackey-Glass is usually started from {@code 1.2}). */
        public double[] initialHistory(double y0) {
            Checks.finite("y0", y0);
            double[] state = new double[length];
            Arrays.fill(state, y0);
            return state;
        }

        /**
         * A history {@code y0 + amplitude * u_j} with {@code u_j} independent and uniform in
         * [-1, 1), drawn oldest first from {@code random}: different seeds, different trajectories.
         */
        public double[] initialHistory(double y0, double amplitude, SplittableRandom random) {
            Checks.finite("y0", y0);
            Checks.nonNegative("amplitude", amplitude);
            double[] state = new double[length];
            for (int j = 0; j < length; j++) {
                state[j] = y0 + amplitude * (2 * random.nextDouble() - 1);
            }
            return state;
        }

        /** Advances the history window {@code state} by one step of {@code h}, in place. */
        @Override
        public void step(double[] state) {
            Checks.length("state", state, length);
            double next = advance(state, false);
            System.arraycopy(state, 1, state, 0, length - 1);
            state[length - 1] = next;
        }

        /**
         * Advances {@code state} as {@link #step(double[])} does (same bits) and each row of
         * {@code tangents} by the exact Jacobian of the step, in place.
         */
        @Override
        public void step(double[] state, double[][] tangents) {
            Checks.length("state", state, length);
            for (int r = 0; r < tangents.length; r++) {
                if (tangents[r].length != length) {
                    throw new IllegalArgumentException("tangents[" + r + "] must have length " + length
                            + ", got " + tangents[r].length);
                }
            }
            double next = advance(state, true);
            double half = 0.5 * h;
            double sixth = h / 6;
            int last = length - 1;
            for (double[] v : tangents) {
                double dy = v[last];
                double dk1 = a1 * dy + b1 * v[1];
                double dzh = midpoint(v[0], v[1], v[2], v[3]);
                double dk2 = a2 * (dy + half * dk1) + b2 * dzh;
                double dk3 = a3 * (dy + half * dk2) + b3 * dzh;
                double dk4 = a4 * (dy + h * dk3) + b4 * v[2];
                double dNext = dy + sixth * (dk1 + 2 * dk2 + 2 * dk3 + dk4);
                System.arraycopy(v, 1, v, 0, last);
                v[last] = dNext;
            }
            System.arraycopy(state, 1, state, 0, last);
            state[last] = next;
        }

        /** One RK4 step: {@code y(t + h)} from the window; optionally stores the stage partials. */
        private double advance(double[] s, boolean linearise) {
            MackeyGlass f = system;
            double y = s[length - 1];
            double z0 = s[1];
            double zh = midpoint(s[0], s[1], s[2], s[3]);
            double z1 = s[2];
            double half = 0.5 * h;
            double k1 = f.derivative(y, z0);
            double y2 = y + half * k1;
            double k2 = f.derivative(y2, zh);
            double y3 = y + half * k2;
            double k3 = f.derivative(y3, zh);
            double y4 = y + h * k3;
            double k4 = f.derivative(y4, z1);
            if (linearise) {
                a1 = f.partialY(y, z0);
                a2 = f.partialY(y2, zh);
                a3 = f.partialY(y3, zh);
                a4 = f.partialY(y4, z1);
                b1 = f.partialDelayed(y, z0);
                b2 = f.partialDelayed(y2, zh);
                b3 = f.partialDelayed(y3, zh);
                b4 = f.partialDelayed(y4, z1);
            }
            return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }

        /** Cubic Lagrange interpolation at the midpoint of four equispaced values. */
        private static double midpoint(double ym1, double y0, double y1, double y2) {
            return (9 * (y0 + y1) - (ym1 + y2)) * 0.0625;
        }

        @Override
        public int outputDimension() {
            return 1;
        }

        /** Writes the newest value {@code y(t)} into {@code out[0]}. */
        @Override
        public void observe(double[] state, double[] out) {
            out[0] = state[length - 1];
        }

        @Override
        public List<String> outputNames() {
            return List.of("y");
        }

        @Override
        public String toString() {
            return "MackeyGlass.Integrator[" + system + ", h=" + h + ", d=" + delaySteps + "]";
        }
    }
}
