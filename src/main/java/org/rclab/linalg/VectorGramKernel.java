package org.rclab.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GramKernel} on the Java 17 Vector API (JEP 414, incubating): with 512-bit vectors the
 * 8 x 16 tile is held in 16 registers (8 rows x 2 vectors) and each step is 2 loads, 8
 * broadcasts and 16 fused multiply-adds; with 256-bit vectors it is done in four 4 x 8 passes.
 *
 * <p>This is the only class that references {@code jdk.incubator.vector}; it is loaded by
 * reflection from {@link GramKernel#best()} and only when that module is in the boot layer.
 * The unrolled bodies follow one pattern per row: keep them regular when editing.
 */
final class VectorGramKernel extends GramKernel {

    private static final VectorSpecies<Double> S512 = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Double> S256 = DoubleVector.SPECIES_256;

    private final boolean wide;

    private VectorGramKernel(boolean wide) {
        this.wide = wide;
    }

    /** The kernel for this CPU's preferred vector width, or null if it is below 256 bits. */
    static GramKernel preferred() {
        int bits = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
        if (bits >= 512) {
            return new VectorGramKernel(true);
        }
        return bits >= 256 ? new VectorGramKernel(false) : null;
    }

    /** The kernel for a given width (tests run both on one machine). */
    static GramKernel of(int bits) {
        if (bits != 256 && bits != 512) {
            throw new IllegalArgumentException("bits must be 256 or 512, got " + bits);
        }
        return new VectorGramKernel(bits == 512);
    }

    @Override
    String name() {
        return wide ? "vector-512" : "vector-256";
    }

    @Override
    void tile(double[] pa, int aOff, double[] pb, int bOff, int kc,
              double[] c, int cOff, int ldc, int mValid, int nValid, int minDiff,
              double alpha, double[] tmp) {
        if (wide) {
            if (whole(mValid, nValid, minDiff)) {
                tile512(pa, aOff, pb, bOff, kc, c, cOff, ldc, alpha);
            } else {
                tile512(pa, aOff, pb, bOff, kc, tmp, -1, NR, 1.0);
                addMasked(tmp, c, cOff, ldc, mValid, nValid, minDiff, alpha);
            }
        } else {
            for (int a0 = 0; a0 < MR; a0 += 4) {
                for (int q0 = 0; q0 < NR; q0 += 8) {
                    block256(pa, aOff + a0, pb, bOff + q0, kc, tmp, a0 * NR + q0);
                }
            }
            addMasked(tmp, c, cOff, ldc, mValid, nValid, minDiff, alpha);
        }
    }


    // Species must be constants for C2 to intrinsify, hence one copy per width.

    @Override
    void axpy(int len, double alpha, double[] x, int xOff, double[] y, int yOff) {
        if (wide) {
            axpy512(len, alpha, x, xOff, y, yOff);
        } else {
            axpy256(len, alpha, x, xOff, y, yOff);
        }
    }

    @Override
    double dot(int len, double[] x, int xOff, double[] y, int yOff) {
        return wide ? dot512(len, x, xOff, y, yOff) : dot256(len, x, xOff, y, yOff);
    }

    @Override
    boolean allFinite(double[] a, int off, int len) {
        return wide ? allFinite512(a, off, len) : super.allFinite(a, off, len);
    }

    private static boolean allFinite512(double[] a, int off, int len) {
        DoubleVector s0 = DoubleVector.zero(S512);
        DoubleVector s1 = DoubleVector.zero(S512);
        DoubleVector zero = DoubleVector.zero(S512);
        int i = 0;
        for (int bound = len - 16; i <= bound; i += 16) {
            s0 = DoubleVector.fromArray(S512, a, off + i).fma(zero, s0);
            s1 = DoubleVector.fromArray(S512, a, off + i + 8).fma(zero, s1);
        }
        double s = DoubleVector.zero(S512).add(s0).add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += a[off + i] * 0.0;
        }
        return s == 0;
    }

    private static void axpy512(int len, double alpha, double[] x, int xOff, double[] y, int yOff) {
        int step = S512.length();
        DoubleVector al = DoubleVector.broadcast(S512, alpha);
        int i = 0;
        for (int bound = len - step; i <= bound; i += step) {
            DoubleVector.fromArray(S512, x, xOff + i).fma(al, DoubleVector.fromArray(S512, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    private static double dot512(int len, double[] x, int xOff, double[] y, int yOff) {
        int step = S512.length();
        DoubleVector s0 = DoubleVector.zero(S512);
        DoubleVector s1 = DoubleVector.zero(S512);
        int i = 0;
        for (int bound = len - 2 * step; i <= bound; i += 2 * step) {
            s0 = DoubleVector.fromArray(S512, x, xOff + i).fma(DoubleVector.fromArray(S512, y, yOff + i), s0);
            s1 = DoubleVector.fromArray(S512, x, xOff + i + step)
                    .fma(DoubleVector.fromArray(S512, y, yOff + i + step), s1);
        }
        double s = DoubleVector.zero(S512).add(s0).add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    private static void axpy256(int len, double alpha, double[] x, int xOff, double[] y, int yOff) {
        int step = S256.length();
        DoubleVector al = DoubleVector.broadcast(S256, alpha);
        int i = 0;
        for (int bound = len - step; i <= bound; i += step) {
            DoubleVector.fromArray(S256, x, xOff + i).fma(al, DoubleVector.fromArray(S256, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    private static double dot256(int len, double[] x, int xOff, double[] y, int yOff) {
        int step = S256.length();
        DoubleVector s0 = DoubleVector.zero(S256);
        DoubleVector s1 = DoubleVector.zero(S256);
        int i = 0;
        for (int bound = len - 2 * step; i <= bound; i += 2 * step) {
            s0 = DoubleVector.fromArray(S256, x, xOff + i).fma(DoubleVector.fromArray(S256, y, yOff + i), s0);
            s1 = DoubleVector.fromArray(S256, x, xOff + i + step)
                    .fma(DoubleVector.fromArray(S256, y, yOff + i + step), s1);
        }
        double s = DoubleVector.zero(S256).add(s0).add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    /**
     * The 8 x 16 tile with 512-bit vectors. If {@code cOff < 0} the tile is stored into
     * {@code c} (row stride 16, from 0); otherwise {@code alpha} times it is added at {@code cOff}.
     */
    // The stores take their receiver from a vector made from the constant species (al, zero): C2
    // has been seen to type the loop's accumulators inexactly in some compilations, and a store
    // whose receiver's species is not a constant is not intrinsified (every vector becomes a heap
    // object and the kernel runs several times slower). al * acc + c is acc * al + c to the bit.
    private static void tile512(double[] pa, int ai, double[] pb, int bi, int kc,
                                double[] c, int cOff, int ldc, double alpha) {
        DoubleVector c00 = DoubleVector.zero(S512);
        DoubleVector c01 = DoubleVector.zero(S512);
        DoubleVector c10 = DoubleVector.zero(S512);
        DoubleVector c11 = DoubleVector.zero(S512);
        DoubleVector c20 = DoubleVector.zero(S512);
        DoubleVector c21 = DoubleVector.zero(S512);
        DoubleVector c30 = DoubleVector.zero(S512);
        DoubleVector c31 = DoubleVector.zero(S512);
        DoubleVector c40 = DoubleVector.zero(S512);
        DoubleVector c41 = DoubleVector.zero(S512);
        DoubleVector c50 = DoubleVector.zero(S512);
        DoubleVector c51 = DoubleVector.zero(S512);
        DoubleVector c60 = DoubleVector.zero(S512);
        DoubleVector c61 = DoubleVector.zero(S512);
        DoubleVector c70 = DoubleVector.zero(S512);
        DoubleVector c71 = DoubleVector.zero(S512);
        int end = bi + kc * NR;
        for (; bi < end; bi += NR, ai += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S512, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(S512, pb, bi + 8);
            DoubleVector a;
            a = DoubleVector.broadcast(S512, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S512, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S512, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S512, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(S512, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(S512, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = DoubleVector.broadcast(S512, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = DoubleVector.broadcast(S512, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        if (cOff < 0) {
            DoubleVector zero = DoubleVector.zero(S512);
            zero.add(c00).intoArray(c, 0);
            zero.add(c01).intoArray(c, 8);
            zero.add(c10).intoArray(c, 16);
            zero.add(c11).intoArray(c, 24);
            zero.add(c20).intoArray(c, 32);
            zero.add(c21).intoArray(c, 40);
            zero.add(c30).intoArray(c, 48);
            zero.add(c31).intoArray(c, 56);
            zero.add(c40).intoArray(c, 64);
            zero.add(c41).intoArray(c, 72);
            zero.add(c50).intoArray(c, 80);
            zero.add(c51).intoArray(c, 88);
            zero.add(c60).intoArray(c, 96);
            zero.add(c61).intoArray(c, 104);
            zero.add(c70).intoArray(c, 112);
            zero.add(c71).intoArray(c, 120);
            return;
        }
        DoubleVector al = DoubleVector.broadcast(S512, alpha);
        int r = cOff;
        al.fma(c00, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c01, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
        r += ldc;
        al.fma(c10, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c11, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
        r += ldc;
        al.fma(c20, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c21, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
        r += ldc;
        al.fma(c30, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c31, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
        r += ldc;
        al.fma(c40, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c41, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
        r += ldc;
        al.fma(c50, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c51, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
        r += ldc;
        al.fma(c60, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c61, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
        r += ldc;
        al.fma(c70, DoubleVector.fromArray(S512, c, r)).intoArray(c, r);
        al.fma(c71, DoubleVector.fromArray(S512, c, r + 8)).intoArray(c, r + 8);
    }

    /** A 4 x 8 block with 256-bit vectors, stored into {@code out} (row stride 16) at {@code o}. */
    private static void block256(double[] pa, int ai, double[] pb, int bi, int kc,
                                 double[] out, int o) {
        DoubleVector c00 = DoubleVector.zero(S256);
        DoubleVector c01 = DoubleVector.zero(S256);
        DoubleVector c10 = DoubleVector.zero(S256);
        DoubleVector c11 = DoubleVector.zero(S256);
        DoubleVector c20 = DoubleVector.zero(S256);
        DoubleVector c21 = DoubleVector.zero(S256);
        DoubleVector c30 = DoubleVector.zero(S256);
        DoubleVector c31 = DoubleVector.zero(S256);
        int end = bi + kc * NR;
        for (; bi < end; bi += NR, ai += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S256, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(S256, pb, bi + 4);
            DoubleVector a;
            a = DoubleVector.broadcast(S256, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S256, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S256, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S256, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        DoubleVector zero = DoubleVector.zero(S256);
        zero.add(c00).intoArray(out, o + 0);
        zero.add(c01).intoArray(out, o + 4);
        zero.add(c10).intoArray(out, o + 16);
        zero.add(c11).intoArray(out, o + 20);
        zero.add(c20).intoArray(out, o + 32);
        zero.add(c21).intoArray(out, o + 36);
        zero.add(c30).intoArray(out, o + 48);
        zero.add(c31).intoArray(out, o + 52);
    }
}
