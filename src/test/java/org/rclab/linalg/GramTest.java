package org.rclab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GramTest {

    private static final int[] NS = {1, 7, 33, 257};
    private static final int[] ROWS = {1, 5, 300};
    private static final double SENTINEL = -12345.0;

    private static double[] random(SplittableRandom r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        return a;
    }

    private static boolean vectorModule() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Kernels to test: always the plain-Java one, and both vector widths when the module is present. */
    private static List<GramKernel> kernels() {
        List<GramKernel> ks = new ArrayList<>();
        ks.add(ScalarGramKernel.INSTANCE);
        if (vectorModule()) {
            ks.add(VectorGramKernel.of(512));
            ks.add(VectorGramKernel.of(256));
        }
        return ks;
    }

    /** Checks the upper triangle against the naive sum (relative to sum |x_ti x_tj|) and the lower against the sentinel. */
    private static void assertGram(double[] x, int rows, int n, double[] g, String what) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j < i) {
                    assertEquals(SENTINEL, g[i * n + j], 0, what + ": lower triangle touched at " + i + "," + j);
                    continue;
                }
                double s = 0;
                double scale = 0;
                for (int t = 0; t < rows; t++) {
                    s += x[t * n + i] * x[t * n + j];
                    scale += Math.abs(x[t * n + i] * x[t * n + j]);
                }
                assertEquals(s, g[i * n + j], 1e-12 * scale + 1e-300, what + " at " + i + "," + j);
            }
        }
    }

    private static double[] freshG(int n) {
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[i * n + j] = SENTINEL;
            }
        }
        return g;
    }

    @Test
    void gramMatchesNaiveForOddSizesOnEveryKernel() {
        SplittableRandom r = new SplittableRandom(42);
        for (GramKernel k : kernels()) {
            for (int n : NS) {
                for (int rows : ROWS) {
                    for (int threads = 1; threads <= 2; threads++) {
                        double[] x = random(r, rows * n);
                        double[] g = freshG(n);
                        new GramAccumulator(n, threads, k).accumulate(x, rows, g);
                        assertGram(x, rows, n, g, k.name() + " n=" + n + " rows=" + rows + " threads=" + threads);
                    }
                }
            }
        }
    }

    /** The sums must not depend on how many parts a block is split into (RidgeAccumulator switches). */
    @Test
    void serialAndSplitAccumulationGiveTheSameBits() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 600;
        int rows = TnEngine.SUPER + TnEngine.KC + 3;
        double[] x = random(r, rows * n);
        double[] y = random(r, rows * 3);
        for (GramKernel k : kernels()) {
            double[] g1 = freshG(n);
            double[] g2 = freshG(n);
            double[] xty1 = new double[n * 3];
            double[] xty2 = new double[n * 3];
            var serial = new GramAccumulator(n, 1, k);
            var split = new GramAccumulator(n, 2, k);
            for (int round = 0; round < 2; round++) {
                serial.accumulate(x, rows, g1);
                split.accumulate(x, rows, g2);
                serial.accumulateXtY(x, rows, y, 3, xty1);
                split.accumulateXtY(x, rows, y, 3, xty2);
            }
            assertArrayEquals(g1, g2, k.name());
            assertArrayEquals(xty1, xty2, k.name());
            // the fold's call (both products and the column sums): the same bits as the two calls
            // and as plain sums over the rows in order, serial or split
            double[] xSum = new double[n];
            double[] ySum = new double[3];
            for (int round = 0; round < 2; round++) {
                for (int t = 0; t < rows; t++) {
                    for (int i = 0; i < n; i++) {
                        xSum[i] += x[t * n + i];
                    }
                    for (int q = 0; q < 3; q++) {
                        ySum[q] += y[t * 3 + q];
                    }
                }
            }
            for (GramAccumulator acc : new GramAccumulator[] {serial, split}) {
                double[] g3 = freshG(n);
                double[] xty3 = new double[n * 3];
                double[] xSum3 = new double[n];
                double[] ySum3 = new double[3];
                for (int round = 0; round < 2; round++) {
                    acc.accumulate(x, rows, y, 3, g3, xty3, xSum3, ySum3);
                }
                assertArrayEquals(g1, g3, k.name());
                assertArrayEquals(xty1, xty3, k.name());
                assertArrayEquals(xSum, xSum3, k.name());
                assertArrayEquals(ySum, ySum3, k.name());
            }
        }
    }

    @Test
    void theFoldsCallMatchesTheSeparateCallsForManyTargets() {
        // m = 17 targets: Y spans two packed panels; n = 37 is not a whole number of panels
        SplittableRandom r = new SplittableRandom(13);
        int n = 37;
        int m = 17;
        int rows = TnEngine.SUPER + 5;
        double[] x = random(r, rows * n);
        double[] y = random(r, rows * m);
        for (GramKernel k : kernels()) {
            for (int threads = 1; threads <= 2; threads++) {
                var acc = new GramAccumulator(n, threads, k);
                double[] g1 = freshG(n);
                double[] xty1 = new double[n * m];
                acc.accumulate(x, rows, g1);
                acc.accumulateXtY(x, rows, y, m, xty1);
                double[] g2 = freshG(n);
                double[] xty2 = new double[n * m];
                double[] xSum = new double[n];
                double[] ySum = new double[m];
                acc.accumulate(x, rows, y, m, g2, xty2, xSum, ySum);
                assertArrayEquals(g1, g2, k.name());
                assertArrayEquals(xty1, xty2, k.name());
                // the unscanned entry point of the ridge fold: the same bits
                double[] g4 = freshG(n);
                double[] xty4 = new double[n * m];
                double[] xSum4 = new double[n];
                double[] ySum4 = new double[m];
                acc.accumulateFinite(x, rows, y, m, g4, xty4, xSum4, ySum4);
                assertArrayEquals(g2, g4, k.name());
                assertArrayEquals(xty2, xty4, k.name());
                assertArrayEquals(xSum, xSum4, k.name());
                assertArrayEquals(ySum, ySum4, k.name());
                for (int q = 0; q < m; q++) {
                    double s = 0;
                    for (int t = 0; t < rows; t++) {
                        s += y[t * m + q];
                    }
                    assertEquals(s, ySum[q], 0.0, k.name() + " ySum " + q);
                }
            }
        }
        var acc = new GramAccumulator(n, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.accumulate(x, rows,
                y, 0, freshG(n), new double[0], new double[n], new double[0]));
        assertTrue(e.getMessage().contains("m must be positive, got 0"), e.getMessage());
    }

    @Test
    void warmUpLeavesTheKernelsCorrect() {
        GramAccumulator.warmUp();
        GramAccumulator.warmUp();
        SplittableRandom r = new SplittableRandom(12);
        double[] x = random(r, 40 * 37);
        double[] g = freshG(37);
        new GramAccumulator(37).accumulate(x, 40, g);
        assertGram(x, 40, 37, g, "after warm-up");
    }

    @Test
    void largeBlockIsSplitIntoChunksAndParts() {
        // rows > KC and n large enough that both parts and several panel groups are used
        SplittableRandom r = new SplittableRandom(7);
        int n = 600;
        int rows = TnEngine.SUPER + TnEngine.KC + 3;
        double[] x = random(r, rows * n);
        double[] g = freshG(n);
        new GramAccumulator(n, 2).accumulate(x, rows, g);
        assertGram(x, rows, n, g, "n=600 rows=" + rows);
    }

    @Test
    void blocksSumToOneBigBlock() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 70;
        int[] blocks = {13, 1, 300, 0, 64};
        int total = 0;
        for (int b : blocks) {
            total += b;
        }
        double[] x = random(r, total * n);
        double[] y = random(r, total * 3);
        GramAccumulator acc = new GramAccumulator(n, 2);
        double[] g = freshG(n);
        double[] xty = new double[n * 3];
        int t0 = 0;
        for (int b : blocks) {
            double[] xb = java.util.Arrays.copyOfRange(x, t0 * n, (t0 + b) * n);
            double[] yb = java.util.Arrays.copyOfRange(y, t0 * 3, (t0 + b) * 3);
            acc.accumulate(xb, b, g);
            acc.accumulateXtY(xb, b, yb, 3, xty);
            t0 += b;
        }
        double[] g1 = freshG(n);
        double[] xty1 = new double[n * 3];
        acc.accumulate(x, total, g1);
        acc.accumulateXtY(x, total, y, 3, xty1);
        for (int i = 0; i < g.length; i++) {
            assertEquals(g1[i], g[i], 1e-12 * (1 + Math.abs(g1[i])), "G entry " + i);
        }
        for (int i = 0; i < xty.length; i++) {
            assertEquals(xty1[i], xty[i], 1e-12 * (1 + Math.abs(xty1[i])), "XtY entry " + i);
        }
    }

    @Test
    void xtyMatchesNaive() {
        SplittableRandom r = new SplittableRandom(5);
        for (GramKernel k : kernels()) {
            for (int n : NS) {
                for (int m : new int[] {1, 3, 17, 64}) {
                    int rows = 300;
                    double[] x = random(r, rows * n);
                    double[] y = random(r, rows * m);
                    double[] xty = new double[n * m];
                    java.util.Arrays.fill(xty, 1.0);
                    new GramAccumulator(n, 2, k).accumulateXtY(x, rows, y, m, xty);
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < m; c++) {
                            double s = 1.0;
                            double scale = 1.0;
                            for (int t = 0; t < rows; t++) {
                                s += x[t * n + i] * y[t * m + c];
                                scale += Math.abs(x[t * n + i] * y[t * m + c]);
                            }
                            assertEquals(s, xty[i * m + c], 1e-12 * scale,
                                    k.name() + " n=" + n + " m=" + m + " at " + i + "," + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void axpyAndDotMatchNaiveOnEveryKernel() {
        SplittableRandom r = new SplittableRandom(17);
        for (GramKernel k : kernels()) {
            for (int len : new int[] {0, 1, 3, 8, 15, 16, 17, 31, 100}) {
                double[] x = random(r, len + 5);
                double[] y = random(r, len + 7);
                double[] expected = y.clone();
                double dot = 0;
                double scale = 0;
                for (int i = 0; i < len; i++) {
                    expected[3 + i] += -0.7 * x[2 + i];
                    dot += x[2 + i] * y[3 + i];
                    scale += Math.abs(x[2 + i] * y[3 + i]);
                }
                assertEquals(dot, k.dot(len, x, 2, y, 3), 1e-14 * scale, k.name() + " dot len=" + len);
                k.axpy(len, -0.7, x, 2, y, 3);
                for (int i = 0; i < y.length; i++) {
                    assertEquals(expected[i], y[i], 1e-15, k.name() + " axpy len=" + len + " at " + i);
                }
            }
        }
    }

    @Test
    void allFiniteFindsEveryKindOfNonFiniteEntryOnEveryKernel() {
        for (GramKernel k : kernels()) {
            for (int len : new int[] {1, 7, 16, 17, 40}) {
                double[] a = new double[len + 2];
                java.util.Arrays.fill(a, -1e300);
                assertTrue(k.allFinite(a, 1, len), k.name());
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    for (int at : new int[] {1, len / 2 + 1, len}) {
                        double[] b = a.clone();
                        b[at] = bad;
                        assertTrue(!k.allFinite(b, 1, len), k.name() + " len=" + len + " " + bad + " at " + at);
                    }
                    double[] outside = a.clone();
                    outside[0] = bad;
                    outside[len + 1] = bad;
                    assertTrue(k.allFinite(outside, 1, len), k.name() + " looked outside the range");
                }
            }
        }
    }

    @Test
    void symmetrizeCopiesUpperToLower() {
        int n = 130;
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                g[i * n + j] = i * 1000 + j;
            }
        }
        Gram.symmetrize(g, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(Math.min(i, j) * 1000 + Math.max(i, j), g[i * n + j], 0);
            }
        }
    }

    @Test
    void staticHelpersAgreeWithAccumulator() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 33;
        int rows = 40;
        double[] x = random(r, rows * n);
        double[] y = random(r, rows * 2);
        double[] g = freshG(n);
        Gram.accumulate(x, rows, n, g);
        assertGram(x, rows, n, g, "Gram.accumulate");
        double[] a = new double[n * 2];
        double[] b = new double[n * 2];
        Gram.accumulateXtY(x, rows, n, y, 2, a);
        new GramAccumulator(n, 1).accumulateXtY(x, rows, y, 2, b);
        assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(a));
    }

    @Test
    void vectorKernelIsChosenWhenTheModuleIsPresent() {
        assumeTrue(vectorModule(), "run without --add-modules jdk.incubator.vector");
        assertTrue(Gram.vectorized(), "kernel " + Gram.kernelName());
        assertTrue(new GramAccumulator(4).kernel().startsWith("vector-"));
    }

    @Test
    void withoutTheModuleTheLibraryFallsBackToPlainJava() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KernelProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertEquals("scalar ok", out);
    }

    /** Main of the child JVM started without the vector module. */
    static final class KernelProbe {
        public static void main(String[] args) {
            double[] x = {1, 2, 3, 4, 5, 6};
            double[] g = new double[9];
            Gram.accumulate(x, 2, 3, g);
            boolean ok = g[0] == 17 && g[1] == 22 && g[2] == 27 && g[4] == 29 && g[5] == 36 && g[8] == 45;
            System.out.println(Gram.kernelName() + (ok ? " ok" : " wrong " + java.util.Arrays.toString(g)));
        }
    }

    @Test
    void badShapesNameBothShapes() {
        GramAccumulator acc = new GramAccumulator(4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.accumulate(new double[10], 3, new double[16]));
        assertTrue(e.getMessage().contains("3 x 4") && e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> acc.accumulate(new double[12], 3, new double[15]));
        assertTrue(e.getMessage().contains("4 x 4") && e.getMessage().contains("15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> acc.accumulateXtY(new double[12], 3, new double[6], 2, new double[7]));
        assertTrue(e.getMessage().contains("4 x 2") && e.getMessage().contains("7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> acc.accumulateXtY(new double[12], 3, new double[5], 2, new double[8]));
        assertTrue(e.getMessage().contains("3 x 2") && e.getMessage().contains("5"), e.getMessage());
        double[] same = new double[16];
        e = assertThrows(IllegalArgumentException.class, () -> acc.accumulate(same, 4, same));
        assertTrue(e.getMessage().contains("same array"), e.getMessage());
        double[] x = new double[12];
        x[6] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> acc.accumulate(x, 3, new double[16]));
        assertTrue(e.getMessage().contains("row 1, column 2"), e.getMessage());
        // the fold's call: sums of the wrong length, and outputs that alias each other
        e = assertThrows(IllegalArgumentException.class, () -> acc.accumulate(new double[12], 3, new double[6], 2,
                new double[16], new double[8], new double[3], new double[2]));
        assertTrue(e.getMessage().contains("xSum") && e.getMessage().contains("3"), e.getMessage());
        double[] sums = new double[4];
        e = assertThrows(IllegalArgumentException.class, () -> acc.accumulate(new double[12], 3, new double[12], 4,
                new double[16], new double[16], sums, sums));
        assertTrue(e.getMessage().contains("ySum must not be the same array as xSum"), e.getMessage());
        double[] g = new double[16];
        e = assertThrows(IllegalArgumentException.class, () -> acc.accumulate(new double[12], 3, new double[12], 4,
                g, g, new double[4], new double[4]));
        assertTrue(e.getMessage().contains("xty must not be the same array as g"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GramAccumulator(0));
        assertTrue(e.getMessage().contains("n must be positive, got 0"), e.getMessage());
    }
}
