package org.rclab.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rclab.core.FastMath;

/**
 * {@link LeakyTanh} on the Java 17 Vector API: {@link FastMath#tanh}'s steps lane by lane (the
 * same fused multiply-adds, the one division, the same exponent bits), so the same bits as the
 * scalar loop. Only exactly rounded operations are used, never the API's {@code TANH} or
 * {@code EXP}: those are Intel's SVML once C2 has compiled the loop but {@code Math}'s functions
 * before, so a run's bits would depend on when the JIT got there. The last partial vector is
 * done by the scalar twin. Loaded by reflection from {@link LeakyTanh#best()} only when the
 * module {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorLeakyTanh extends LeakyTanh {

    private static final VectorSpecies<Double> S512 = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Double> S256 = DoubleVector.SPECIES_256;
    // the Taylor coefficients as constants the JIT folds into the loop
    private static final double C0 = FastMath.EXPM1_TAYLOR[0];
    private static final double C1 = FastMath.EXPM1_TAYLOR[1];
    private static final double C2 = FastMath.EXPM1_TAYLOR[2];
    private static final double C3 = FastMath.EXPM1_TAYLOR[3];
    private static final double C4 = FastMath.EXPM1_TAYLOR[4];
    private static final double C5 = FastMath.EXPM1_TAYLOR[5];
    private static final double C6 = FastMath.EXPM1_TAYLOR[6];
    private static final double C7 = FastMath.EXPM1_TAYLOR[7];
    private static final double C8 = FastMath.EXPM1_TAYLOR[8];
    private static final double C9 = FastMath.EXPM1_TAYLOR[9];
    private static final double C10 = FastMath.EXPM1_TAYLOR[10];
    private static final double C11 = FastMath.EXPM1_TAYLOR[11];

    private final boolean wide;

    private VectorLeakyTanh(boolean wide) {
        this.wide = wide;
    }

    /** The implementation for this CPU's preferred vector width, or null if it is below 256 bits. */
    static LeakyTanh preferred() {
        int bits = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
        if (bits >= 512) {
            return new VectorLeakyTanh(true);
        }
        return bits >= 256 ? new VectorLeakyTanh(false) : null;
    }

    /** The implementation for a given width (tests run both on one machine). */
    static LeakyTanh of(int bits) {
        if (bits != 256 && bits != 512) {
            throw new IllegalArgumentException("bits must be 256 or 512, got " + bits);
        }
        return new VectorLeakyTanh(bits == 512);
    }

    @Override
    public String name() {
        return wide ? "vector-512" : "vector-256";
    }

    @Override
    public void apply(double[] z, int zo, double[] x, int xo, int n, double a, double[] slopes, int so) {
        int done = wide ? apply512(z, zo, x, xo, n, a, slopes, so) : apply256(z, zo, x, xo, n, a, slopes, so);
        super.apply(z, zo + done, x, xo + done, n - done, a, slopes, slopes == null ? 0 : so + done);
    }

    private static int apply512(double[] z, int zo, double[] x, int xo, int n, double a, double[] slopes, int so) {
        VectorSpecies<Double> s = S512;
        double keep = 1 - a;
        int bound = s.loopBound(n);
        for (int i = 0; i < bound; i += s.length()) {
            DoubleVector t = tanh(DoubleVector.fromArray(s, z, zo + i));
            DoubleVector.fromArray(s, x, xo + i).mul(keep).add(t.mul(a)).intoArray(z, zo + i);
            if (slopes != null) {
                t.mul(t).neg().add(1.0).intoArray(slopes, so + i);
            }
        }
        return bound;
    }

    private static int apply256(double[] z, int zo, double[] x, int xo, int n, double a, double[] slopes, int so) {
        VectorSpecies<Double> s = S256;
        double keep = 1 - a;
        int bound = s.loopBound(n);
        for (int i = 0; i < bound; i += s.length()) {
            DoubleVector t = tanh(DoubleVector.fromArray(s, z, zo + i));
            DoubleVector.fromArray(s, x, xo + i).mul(keep).add(t.mul(a)).intoArray(z, zo + i);
            if (slopes != null) {
                t.mul(t).neg().add(1.0).intoArray(slopes, so + i);
            }
        }
        return bound;
    }

    /** {@link FastMath#tanh} on every lane, step for step. */
    private static DoubleVector tanh(DoubleVector x) {
        DoubleVector y = x.abs().mul(2.0).min(FastMath.TANH_Y_MAX);
        DoubleVector shifted = y.fma(FastMath.LOG2E, FastMath.ROUNDER);
        DoubleVector k = shifted.sub(FastMath.ROUNDER);
        DoubleVector r = k.neg().fma(y.broadcast(FastMath.LN2_HI), y);
        r = k.neg().fma(y.broadcast(FastMath.LN2_LO), r);
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector q0 = r.fma(C3, C2).fma(r2, r.fma(C1, C0));
        DoubleVector q1 = r.fma(C7, C6).fma(r2, r.fma(C5, C4));
        DoubleVector q2 = r.fma(C11, C10).fma(r2, r.fma(C9, C8));
        DoubleVector h = q2.fma(r8, q1.fma(r4, q0));
        DoubleVector expm1r = r2.fma(h, r);
        LongVector bits = shifted.reinterpretAsLongs().add(1023).lanewise(VectorOperators.LSHL, 52);
        DoubleVector twoK = bits.reinterpretAsDoubles();
        DoubleVector e = twoK.fma(expm1r, twoK.sub(1.0));
        DoubleVector t = e.div(e.add(2.0));
        LongVector sign = x.reinterpretAsLongs().and(Long.MIN_VALUE);
        return t.reinterpretAsLongs().or(sign).reinterpretAsDoubles();
    }
}
