package org.rclab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rclab.core.FastMath;

class LeakyTanhTest {

    /** Pre-activations over the range a reservoir sees, the cancellation zone near 0, and the edges. */
    private static double[] inputs(int n) {
        SplittableRandom r = new SplittableRandom(5);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = switch (i % 4) {
                case 0 -> r.nextGaussian() * 3;
                case 1 -> r.nextGaussian() * 0.03;
                case 2 -> r.nextGaussian() * 1e-9;
                default -> (r.nextDouble() - 0.5) * 60;
            };
        }
        // the edges (signed zeros, subnormals, the clamp, infinities, NaN) all over the array, so that
        // the compiled vector loops meet them too and not only their scalar lead-in
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, 0x1p-5, -0x1p-5, 19.06, 20.5, -20.5, 710, -710,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 0x1p-1022, -0x1p-1000,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int i = 0; i < n; i += 97) {
            System.arraycopy(edges, 0, z, i, Math.min(edges.length, n - i));
        }
        return z;
    }

    @Test
    void powerOfTwoIsExactForEveryExponentTheReductionGives() {
        // y = min(2|z|, 40) gives k = rint(y / ln 2) in 0 .. 58
        assertEquals(58, Math.rint(FastMath.TANH_Y_MAX * FastMath.LOG2E), 0.0);
        for (int k = 0; k <= 58; k++) {
            assertEquals(Math.scalb(1.0, k), LeakyTanh.powerOfTwo(k), 0.0, "2^" + k);
        }
    }

    @Test
    void theUpdateIsFastMathsTanhToTheBitOnceCompiledToo() {
        // enough calls for C2 to compile (and vectorise) the loops: every call gives the bits of the
        // plain loop over FastMath.tanh that the update was before
        int n = 4003;
        double a = 0.7;
        double[] z0 = inputs(n);
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[n];
        double[] update = new double[n];
        double[] slope = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() - 0.5;
            double t = FastMath.tanh(z0[i]);
            // FastMath's tanh is within 2 ulp of the exact value, so within 4 of Math's 2.5
            assertEquals(Math.tanh(z0[i]), t, Double.isFinite(t) ? 4 * Math.ulp(t) : 0.0, "tanh(" + z0[i] + ")");
            update[i] = (1 - a) * x[i] + a * t;
            slope[i] = 1 - t * t;
        }
        for (int call = 0; call < 300; call++) {
            double[] z = z0.clone();
            double[] slopes = new double[n];
            LeakyTanh.apply(z, x, 0, n, a, slopes);
            assertArrayEquals(update, z, "call " + call);
            assertArrayEquals(slope, slopes, "call " + call);
            double[] alone = z0.clone();
            LeakyTanh.apply(alone, x, 0, n, a, null);
            assertArrayEquals(update, alone, "call " + call + " without slopes");
        }
    }

    @Test
    void sharedArraysAreRejected() {
        double[] z = new double[4];
        double[] x = new double[4];
        assertThrows(IllegalArgumentException.class,
                () -> LeakyTanh.apply(z, z, 0, 4, 0.5, null));
        assertThrows(IllegalArgumentException.class,
                () -> LeakyTanh.apply(z, x, 0, 4, 0.5, x));
    }

    @Test
    void nonFiniteInputsGiveWhatMathTanhGives() {
        double[] z = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        LeakyTanh.apply(z, new double[3], 0, 3, 1.0, null);
        assertEquals(1.0, z[0], 0.0);
        assertEquals(-1.0, z[1], 0.0);
        assertTrue(Double.isNaN(z[2]));
    }

    @Test
    void leakAndSlicesFollowTheUpdate() {
        int n = 37;
        int o = 5;
        double a = 0.3;
        double[] z0 = inputs(o + n + 4);
        SplittableRandom r = new SplittableRandom(6);
        double[] x = new double[o + n + 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
        double[] z = z0.clone();
        double[] slopes = new double[o + n + 4];
        java.util.Arrays.fill(slopes, 42);
        LeakyTanh.apply(z, x, o, n, a, slopes);
        for (int i = 0; i < z.length; i++) {
            if (i < o || i >= o + n) { // outside the slice nothing moves
                assertEquals(z0[i], z[i], 0.0, "z at " + i);
                assertEquals(42, slopes[i], 0.0, "slopes at " + i);
            } else {
                double t = FastMath.tanh(z0[i]);
                assertEquals((1 - a) * x[i] + a * t, z[i], 0.0, "z at " + i);
                assertEquals(1 - t * t, slopes[i], 0.0, "slopes at " + i);
            }
        }
    }

    @Test
    void aValueGetsTheSameBitsWhereverItSitsAndOnAnyThread() throws InterruptedException {
        // a DeepESN layer's slice starts anywhere; the scratch array is per thread
        double[] z0 = inputs(64);
        double[] whole = z0.clone();
        LeakyTanh.apply(whole, new double[64], 0, 64, 1.0, null);
        for (int shift = 1; shift < 9; shift++) {
            double[] moved = new double[64 + shift];
            System.arraycopy(z0, 0, moved, shift, 64);
            LeakyTanh.apply(moved, new double[64 + shift], shift, 61, 1.0, null);
            for (int i = 0; i < 61; i++) {
                assertEquals(whole[i], moved[shift + i], 0.0, "shift " + shift + " at " + i);
            }
        }
        double[] other = z0.clone();
        Thread thread = new Thread(() -> LeakyTanh.apply(other, new double[64], 0, 64, 1.0, null));
        thread.start();
        thread.join();
        assertArrayEquals(whole, other);
    }
}
