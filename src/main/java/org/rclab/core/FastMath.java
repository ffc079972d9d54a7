package org.rclab.core;

/**
 * Elementary functions faster than {@link Math} where the reservoir update needs them.
 *
 * <p>{@code Math.tanh} costs about 19 ns on Java 17 and dominates a sparse reservoir's update
 * (see shared/PERF-LIMITS.md). {@link #tanh(double)} is built from additions, multiplications,
 * fused multiply-adds, one division and exponent bits only, every step exactly rounded, so
 * {@code org.rclab.linalg.LeakyTanh}, which takes the same steps in loops the JIT vectorises
 * (making {@code 2^k} by exact arithmetic instead of exponent bits), gives the same bits. For
 * {@code y = 2|x|} (at most 40, where tanh is 1 in double precision):
 *
 * <pre>
 *   k = rint(y / ln 2),  r = y - k ln 2  (|r| &lt;= ln 2 / 2; ln 2 split in two, Cody and Waite 1980)
 *   expm1(r) = r + r^2 (1/2! + r/3! + ... + r^11/13!)     (Taylor, by Estrin's 1960 scheme; the
 *                                                          rest is below 2^-56 |r|)
 *   E = expm1(y) = 2^k expm1(r) + (2^k - 1)
 *   tanh x = sign(x) E / (E + 2)
 * </pre>
 *
 * (W. J. Cody and W. Waite, Software Manual for the Elementary Functions, Prentice-Hall 1980;
 * G. Estrin, Proc. Western Joint Computer Conference 1960, 33-40.) No cancellation anywhere
 * (E / (E + 2) is as accurate near 0 as elsewhere): the largest error seen is 2 ulp of the
 * exact value, over 300000 points checked against a 40-digit reference ({@code Math.tanh} is
 * within 2.5; the tests check 30000 points, densely where k = 1), about 5.5 ns a call, and
 * about 1.8 ns an element in {@code LeakyTanh}'s vectorised loops.
 */
public final class FastMath {

    /** y = 2|x| = 40 gives tanh within 1e-17 of 1, so every larger |x| rounds to +-1 as well. */
    public static final double TANH_Y_MAX = 40;
    /** 1 / ln 2, rounded. */
    public static final double LOG2E = 0x1.71547652b82fep0;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 32 significant bits, so k LN2_HI is exact for |k| &lt; 2^21 (fdlibm). */
    public static final double LN2_HI = 0x1.62e42feep-1;
    public static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** 1.5 * 2^52: adding and subtracting it rounds to an integer; its low bits then hold that integer. */
    public static final double ROUNDER = 0x1.8p52;
    /** 1/(k+2)! for k = 0 .. 11, the Taylor coefficients of (expm1(r) - r) / r^2. */
    private static final double[] EXPM1_TAYLOR = taylor();

    private static final double C0 = EXPM1_TAYLOR[0];
    private static final double C1 = EXPM1_TAYLOR[1];
    private static final double C2 = EXPM1_TAYLOR[2];
    private static final double C3 = EXPM1_TAYLOR[3];
    private static final double C4 = EXPM1_TAYLOR[4];
    private static final double C5 = EXPM1_TAYLOR[5];
    private static final double C6 = EXPM1_TAYLOR[6];
    private static final double C7 = EXPM1_TAYLOR[7];
    private static final double C8 = EXPM1_TAYLOR[8];
    private static final double C9 = EXPM1_TAYLOR[9];
    private static final double C10 = EXPM1_TAYLOR[10];
    private static final double C11 = EXPM1_TAYLOR[11];

    private FastMath() {
    }

    private static double[] taylor() {
        double[] c = new double[12];
        double factorial = 1;
        for (int k = 0; k < 12; k++) {
            factorial *= k + 2;
            c[k] = 1 / factorial;
        }
        return c;
    }

    /** The hyperbolic tangent (2 ulp at most seen); the same bits as {@code LeakyTanh}'s loops. */
    public static double tanh(double x) {
        double y = Math.min(2 * Math.abs(x), TANH_Y_MAX);
        double shifted = Math.fma(y, LOG2E, ROUNDER);
        double k = shifted - ROUNDER;
        double expm1r = expm1Reduced(y, k);
        // 2^k from the integer in the low bits of the shifted value (0 <= k <= 58)
        double twoK = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023) << 52);
        double e = Math.fma(twoK, expm1r, twoK - 1);
        double t = e / (e + 2);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(t) | (Double.doubleToRawLongBits(x) & Long.MIN_VALUE));
    }

    /**
     * {@code expm1(r)} of tanh's reduced argument {@code r = y - k ln 2} ({@code k = rint(y / ln 2)},
     * so {@code |r|} is ln 2 / 2 at most, up to rounding): the class comment's reduction and
     * polynomial, shared with {@code LeakyTanh}'s vectorised loops (small enough for the JIT to
     * inline there).
     */
    public static double expm1Reduced(double y, double k) {
        double r = Math.fma(-k, LN2_HI, y);
        r = Math.fma(-k, LN2_LO, r);
        // Estrin's scheme: four multiply-adds deep instead of eleven
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double q0 = Math.fma(Math.fma(C3, r, C2), r2, Math.fma(C1, r, C0));
        double q1 = Math.fma(Math.fma(C7, r, C6), r2, Math.fma(C5, r, C4));
        double q2 = Math.fma(Math.fma(C11, r, C10), r2, Math.fma(C9, r, C8));
        double h = Math.fma(q2, r8, Math.fma(q1, r4, q0));
        return Math.fma(r2, h, r);
    }
}
