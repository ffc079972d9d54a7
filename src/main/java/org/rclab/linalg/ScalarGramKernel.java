package org.rclab.linalg;

/**
 * Plain-Java {@link GramKernel}: the 8 x 16 tile as eight 4 x 4 register blocks, each a pass
 * over the packed panels. The fallback when the Vector API module is absent (about a sixth of
 * the vector kernel's speed).
 */
final class ScalarGramKernel extends GramKernel {

    static final ScalarGramKernel INSTANCE = new ScalarGramKernel();

    private ScalarGramKernel() {
    }

    @Override
    String name() {
        return "scalar";
    }

    @Override
    void tile(double[] pa, int aOff, double[] pb, int bOff, int kc,
              double[] c, int cOff, int ldc, int mValid, int nValid, int minDiff,
              double alpha, double[] tmp) {
        for (int a0 = 0; a0 < MR; a0 += 4) {
            if (a0 >= mValid) {
                break;
            }
            for (int q0 = 0; q0 < NR; q0 += 4) {
                if (q0 >= nValid || (minDiff != FULL && q0 + 3 - (a0) < minDiff)) {
                    // beyond the valid columns, or wholly below the kept triangle
                    for (int a = a0; a < a0 + 4; a++) {
                        for (int q = q0; q < q0 + 4; q++) {
                            tmp[a * NR + q] = 0;
                        }
                    }
                    continue;
                }
                block4x4(pa, aOff + a0, pb, bOff + q0, kc, tmp, a0 * NR + q0);
            }
        }
        addMasked(tmp, c, cOff, ldc, mValid, nValid, minDiff, alpha);
    }

    private static void block4x4(double[] pa, int ai, double[] pb, int bi, int kc,
                                 double[] out, int o) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int end = ai + kc * NR;
        for (; ai < end; ai += NR, bi += NR) {
            double a0 = pa[ai];
            double a1 = pa[ai + 1];
            double a2 = pa[ai + 2];
            double a3 = pa[ai + 3];
            double b0 = pb[bi];
            double b1 = pb[bi + 1];
            double b2 = pb[bi + 2];
            double b3 = pb[bi + 3];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        out[o] = c00;
        out[o + 1] = c01;
        out[o + 2] = c02;
        out[o + 3] = c03;
        o += NR;
        out[o] = c10;
        out[o + 1] = c11;
        out[o + 2] = c12;
        out[o + 3] = c13;
        o += NR;
        out[o] = c20;
        out[o + 1] = c21;
        out[o + 2] = c22;
        out[o + 3] = c23;
        o += NR;
        out[o] = c30;
        out[o + 1] = c31;
        out[o + 2] = c32;
        out[o + 3] = c33;
    }
}
