package org.rclab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rclab.core.FastMath;

class LeakyTanhTest {

    private static List<LeakyTanh> implementations() {
        List<LeakyTanh> all = new ArrayList<>();
        all.add(LeakyTanh.scalar());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            all.add(VectorLeakyTanh.compiledForTests());
        }
        return all;
    }

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
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, 0x1p-5, -0x1p-5, 19.06, 20.5, -20.5, 710, -710,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE};
        System.arraycopy(edges, 0, z, 0, edges.length);
        return z;
    }

    @Test
    void theUpdateIsFastMathsTanhAndTheSlopesUseTheSameValue() {
        int n = 4003; // not a whole number of vectors: the scalar tail is checked too
        double[] z0 = inputs(n);
        for (LeakyTanh k : implementations()) {
            double[] z = z0.clone();
            double[] slopes = new double[n];
            k.apply(z, 0, new double[n], 0, n, 1.0, slopes, 0);
            for (int i = 0; i < n; i++) {
                double t = FastMath.tanh(z0[i]);
                assertEquals(t, z[i], 0.0, k.name() + ": tanh(" + z0[i] + ")");
                assertEquals(1 - t * t, slopes[i], 0.0, k.name() + ": slope at " + z0[i]);
                // and FastMath's tanh is within 2 ulp of the exact value, so within 4 of Math's 2.5
                assertEquals(Math.tanh(z0[i]), t, 4 * Math.ulp(t), "tanh(" + z0[i] + ")");
            }
        }
    }

    @Test
    void nonFiniteInputsGiveWhatMathTanhGives() {
        double[] z0 = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (LeakyTanh k : implementations()) {
            double[] z = z0.clone();
            k.apply(z, 0, new double[3], 0, 3, 1.0, null, 0);
            assertEquals(1.0, z[0], 0.0, k.name());
            assertEquals(-1.0, z[1], 0.0, k.name());
            assertTrue(Double.isNaN(z[2]), k.name());
        }
    }

    @Test
    void leakAndSlicesFollowTheUpdate() {
        int n = 37;
        double a = 0.3;
        double[] z0 = inputs(n + 5);
        SplittableRandom r = new SplittableRandom(6);
        double[] x = new double[n + 9];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
        for (LeakyTanh k : implementations()) {
            double[] z = z0.clone();
            double[] slopes = new double[n + 2];
            slopes[0] = 42;
            slopes[n + 1] = 43;
            k.apply(z, 5, x, 9, n, a, slopes, 1);
            // outside the slices nothing moves
            for (int i = 0; i < 5; i++) {
                assertEquals(z0[i], z[i], 0.0, k.name());
            }
            assertEquals(42, slopes[0], 0.0, k.name());
            assertEquals(43, slopes[n + 1], 0.0, k.name());
            for (int i = 0; i < n; i++) {
                double t = FastMath.tanh(z0[5 + i]);
                assertEquals((1 - a) * x[9 + i] + a * t, z[5 + i], 0.0, k.name() + " at " + i);
                assertEquals(1 - t * t, slopes[1 + i], 0.0, k.name() + " at " + i);
            }
        }
    }

    @Test
    void aValueGetsTheSameBitsWhereverItSits() {
        // the vector body and the scalar tail take the same steps, so a state's update does not
        // depend on its index (a DeepESN layer's slice starts anywhere)
        double[] z0 = inputs(64);
        for (LeakyTanh k : implementations()) {
            double[] whole = z0.clone();
            k.apply(whole, 0, new double[64], 0, 64, 1.0, null, 0);
            for (int shift = 1; shift < 9; shift++) {
                double[] moved = new double[64 + shift];
                System.arraycopy(z0, 0, moved, shift, 64);
                k.apply(moved, shift, new double[64 + shift], 0, 64 - 3, 1.0, null, 0);
                for (int i = 0; i < 61; i++) {
                    assertEquals(whole[i], moved[shift + i], 0.0, k.name() + " shift " + shift + " at " + i);
                }
            }
        }
    }

    @Test
    void everyImplementationGivesTheScalarLoopsBits() {
        // with and without the Vector API a run is the same to the bit
        int n = 100_003;
        double[] z0 = inputs(n);
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
        double[] z = z0.clone();
        double[] slopes = new double[n];
        LeakyTanh.scalar().apply(z, 0, x, 0, n, 0.7, slopes, 0);
        for (LeakyTanh k : implementations()) {
            double[] zk = z0.clone();
            double[] sk = new double[n];
            k.apply(zk, 0, x, 0, n, 0.7, sk, 0);
            assertArrayEquals(z, zk, k.name());
            assertArrayEquals(slopes, sk, k.name());
        }
    }

    @Test
    void theVectorLoopTakesOverAfterItsRentWithTheSameBits() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return;
        }
        // a threshold of 2000 elements: the second call of 1003 starts the warm-up thread
        VectorLeakyTanh k = VectorLeakyTanh.withRent(2000);
        int n = 1003;
        double[] z0 = inputs(n);
        double[] first = z0.clone();
        k.apply(first, 0, new double[n], 0, n, 1.0, null, 0);
        double[] second = z0.clone();
        k.apply(second, 0, new double[n], 0, n, 1.0, null, 0);
        k.warmUp(); // waits for the thread the second call started (or runs it), never fails
        double[] later = z0.clone();
        k.apply(later, 0, new double[n], 0, n, 1.0, null, 0);
        // whichever loop each call took (the vector one once the JIT has compiled it), the same bits
        assertArrayEquals(first, second);
        assertArrayEquals(first, later);
    }

    @Test
    void bestIsTheVectorOneWhenTheModuleIsThereAndVectorsAreWide() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && VectorLeakyTanh.preferred() != null;
        assertEquals(vector, LeakyTanh.best().name().startsWith("vector"), LeakyTanh.best().name());
    }
}
