package org.rclab.linalg;

import org.rclab.core.FastMath;

/**
 * The activation half of the leaky-integrator echo state update (Jaeger, Lukosevicius, Popovici
 * and Siewert 2007, Neural Networks 20:335, doi:10.1016/j.neunet.2007.04.016), applied in place
 * to pre-activations {@code z = W x + W_in u + b}:
 *
 * <pre>
 *   z_i  &lt;-  (1 - a) x_i + a tanh(z_i),        slopes_i = 1 - tanh^2(z_i)  (when asked for)
 * </pre>
 *
 * The hyperbolic tangent is most of a sparse reservoir's step ({@code Math.tanh} costs about
 * 19 ns on Java 17, {@link FastMath#tanh} about 5.5). This kernel takes {@link FastMath#tanh}'s
 * steps in loops that C2's superword pass turns into vector code (3.5 us for 2000 elements in
 * {@code ReservoirBenchmark}, against 11 scalar): every operation in them is an addition,
 * multiplication, fused multiply-add, division, {@code Math.abs}, {@code Math.min} or
 * {@code Math.max}, all exactly rounded, so the interpreter, C1 and the vectorised loop give the
 * same bits as {@link FastMath#tanh}. Two things differ from it, neither in value:
 * <ul>
 *   <li>{@code 2^k} ({@code 0 <= k <= 58}) is not made from exponent bits (reinterpreting a
 *       double's bits stops Java 17's superword pass) but by arithmetic:
 *       {@code v ~ 2^((k + 0.085) / 64)} from a quadratic, squared six times, lies between
 *       {@code 2^(k - 0.04)} and {@code 2^(k + 0.21)}, and Veltkamp's split
 *       ({@code p = (2^52 + 1) v, p - (p - v)}; Dekker 1971) rounds it to one significant bit,
 *       which is exactly {@code 2^k} (checked for every k);</li>
 *   <li>the sign is put back with {@code max(min(z 2^1000, t), -t)}, which is {@code t} for
 *       {@code z >= +0}, {@code -t} for {@code z <= -0}, and NaN for NaN.</li>
 * </ul>
 * The superword pass of Java 17 vectorises a loop only if it is small (at most 60 nodes before
 * unrolling) and indexes every array alike, so the work is split into passes over
 * {@code [offset, offset + n)} with the same index in every array; {@code expm1} of the reduced
 * argument and {@code k} wait between the first two in scratch arrays of the calling thread.
 *
 * <p>Thread-safe; allocates only those scratch arrays, once per thread (and again when a larger
 * slice comes). {@code z}, {@code x} and {@code slopes} must be distinct arrays (the passes
 * write {@code z} before the leak reads {@code x}).
 */
public final class LeakyTanh {

    // FastMath.tanh's constants, as static finals the JIT folds into the loops
    private static final double TANH_Y_MAX = FastMath.TANH_Y_MAX;
    private static final double LOG2E = FastMath.LOG2E;
    private static final double ROUNDER = FastMath.ROUNDER;
    /** 2^w ~ P0 + P1 w + P2 w^2 on [0, 0.91] within 0.14%: least squares in the relative error. */
    private static final double P0 = 0x1.00535604f308cp+0;
    private static final double P1 = 0x1.544a27791ee1bp-1;
    private static final double P2 = 0x1.4e4fc170e802ep-2;
    /**
     * w = (k + 0.085) / 64: v^64 then lies in [2^(k - 0.04), 2^(k + 0.21)], inside the
     * [2^(k - 0.41), 2^(k + 0.58)) that rounds to 2^k.
     */
    private static final double W_SCALE = 0x1p-6;
    private static final double W_SHIFT = 0.085 * 0x1p-6;
    /** Veltkamp's splitter for one significant bit: 2^52 + 1. */
    private static final double SPLITTER = 0x1p52 + 1;
    /**
     * A factor that makes |z| 2^1000 >= tanh |z| for every nonzero z (tanh |z| is about |z| when
     * |z| &lt; 2^-1000) without changing its sign.
     */
    private static final double SIGN_SCALE = 0x1p1000;

    /** What pass 1 leaves for pass 2: expm1(r) and k, per element. */
    private static final class Scratch {
        final double[] expm1;
        final double[] k;

        Scratch(int length) {
            expm1 = new double[length];
            k = new double[length];
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(() -> new Scratch(0));

    private LeakyTanh() {
    }

    /** 2^k, exactly, for a whole k in [0, 58], by arithmetic alone (see the class comment). */
    static double powerOfTwo(double k) {
        double w = Math.fma(k, W_SCALE, W_SHIFT);
        double v = Math.fma(Math.fma(P2, w, P1), w, P0);
        v *= v;
        v *= v;
        v *= v;
        v *= v;
        v *= v;
        v *= v;
        double p = v * SPLITTER;
        return p - (p - v);
    }

    /**
     * For {@code i} in {@code [offset, offset + n)}: {@code z[i] = (1 - a) x[i] + a tanh(z[i])} and,
     * when {@code slopes != null}, {@code slopes[i] = 1 - tanh^2(z[i])} of the same
     * pre-activation. Every array is indexed alike (a DeepESN layer's slice of the stacked state).
     * The caller checks the slices (this is a kernel of {@code Reservoir}'s step).
     *
     * @throws IllegalArgumentException if two of {@code z}, {@code x}, {@code slopes} are the same array
     */
    public static void apply(double[] z, double[] x, int offset, int n, double a, double[] slopes) {
        if (z == x || z == slopes || x == slopes) {
            throw new IllegalArgumentException("z, x and slopes must be distinct arrays (z is written before x is read)");
        }
        int end = offset + n;
        Scratch scratch = SCRATCH.get();
        if (scratch.expm1.length < end) {
            scratch = new Scratch(end);
            SCRATCH.set(scratch);
        }
        double[] s = scratch.expm1;
        double[] ks = scratch.k;
        // pass 1: y = min(2|z|, 40) = k ln 2 + r, and expm1(r)
        for (int i = offset; i < end; i++) {
            double y = Math.min(2 * Math.abs(z[i]), TANH_Y_MAX);
            double k = Math.fma(y, LOG2E, ROUNDER) - ROUNDER;
            s[i] = FastMath.expm1Reduced(y, k);
            ks[i] = k;
        }
        // pass 2: 2^k, E = expm1(y) = 2^k expm1(r) + (2^k - 1), tanh z = sign(z) E / (E + 2)
        for (int i = offset; i < end; i++) {
            double twoK = powerOfTwo(ks[i]);
            double e = Math.fma(twoK, s[i], twoK - 1);
            double t = e / (e + 2);
            z[i] = Math.max(Math.min(z[i] * SIGN_SCALE, t), -t);
        }
        // pass 3: the slopes and the leak
        double keep = 1 - a;
        if (slopes == null) {
            for (int i = offset; i < end; i++) {
                z[i] = keep * x[i] + a * z[i];
            }
        } else {
            for (int i = offset; i < end; i++) {
                double t = z[i];
                slopes[i] = 1 - t * t;
                z[i] = keep * x[i] + a * t;
            }
        }
    }
}
