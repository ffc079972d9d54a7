package org.rclab.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rclab.linalg.SpectralRadius;

class ReservoirTest {

    @Test
    void spectralRadiusIsImposed() {
        Reservoir r = Reservoir.create(ReservoirConfig.builder().size(800).spectralRadius(1.2).seed(3).build(), 3);
        assertEquals(1.2, SpectralRadius.dense(r.w().toDense()), 1e-6);
    }

    @Test
    void updateMatchesTheEquation() {
        var config = ReservoirConfig.builder().size(50).averageDegree(4).leakRate(0.3).bias(0.2).inputScaling(0.5)
                .seed(11).build();
        Reservoir r = Reservoir.create(config, 2);
        double[][] w = r.w().toDense();
        double[][] win = r.win().toDense();
        double[] b = r.bias();
        double[] x = new double[50];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            x[i] = random.nextDouble() - 0.5;
        }
        double[] u = {0.7, -1.1};
        double[] next = new double[50];
        r.update(x, u, next);
        for (int i = 0; i < 50; i++) {
            double s = b[i] + win[i][0] * u[0] + win[i][1] * u[1];
            for (int j = 0; j < 50; j++) {
                s += w[i][j] * x[j];
            }
            assertEquals(0.7 * x[i] + 0.3 * Math.tanh(s), next[i], 1e-14);
        }
    }

    /**
     * The update's bits, per input layout, against a plain loop in the same summation order: a
     * dense W_in is added to b first (its columns are vectorised axpys), a sparse one after W's row.
     */
    @Test
    void everyInputLayoutGivesThePlainLoopsBits() {
        var dense = ReservoirConfig.builder().size(64).averageDegree(5).leakRate(0.6).bias(0.3).seed(2).build();
        var blocks = dense.toBuilder().inputConnectivity(ReservoirConfig.InputConnectivity.BLOCKS).build();
        Reservoir sparseBase = Reservoir.create(blocks, 3);
        // a general sparse W_in: rows with no input, one, or two
        int[] start = new int[65];
        int[] cols = new int[96];
        double[] vals = new double[96];
        int nz = 0;
        for (int i = 0; i < 64; i++) {
            for (int q = 0; q < i % 3; q++) {
                cols[nz] = q == 0 ? i % 2 : 2; // ascending within a row
                vals[nz++] = 0.1 * (q + 1) - 0.01 * i;
            }
            start[i + 1] = nz;
        }
        Reservoir general = Reservoir.of(blocks, sparseBase.w(),
                new org.rclab.linalg.CsrMatrix(64, 3, start, java.util.Arrays.copyOf(cols, nz), java.util.Arrays.copyOf(vals, nz)),
                sparseBase.bias());
        SplittableRandom random = new SplittableRandom(4);
        double[] x = new double[64];
        for (int i = 0; i < 64; i++) {
            x[i] = random.nextDouble() - 0.5;
        }
        double[] u = {0.4, -0.9, 1.3};
        for (Reservoir r : new Reservoir[] {Reservoir.create(dense, 3), sparseBase, general}) {
            boolean denseInput = r.win().nonZeros() == 64L * 3;
            int[] ws = r.w().rowStart();
            int[] wc = r.w().columns();
            double[] wv = r.w().values();
            int[] is = r.win().rowStart();
            int[] ic = r.win().columns();
            double[] iv = r.win().values();
            double[] b = r.bias();
            double[] expected = new double[64];
            for (int i = 0; i < 64; i++) {
                double s = b[i];
                if (denseInput) {
                    for (int p = is[i]; p < is[i + 1]; p++) {
                        s += iv[p] * u[ic[p]];
                    }
                }
                for (int p = ws[i]; p < ws[i + 1]; p++) {
                    s += wv[p] * x[wc[p]];
                }
                if (!denseInput) {
                    for (int p = is[i]; p < is[i + 1]; p++) {
                        s += iv[p] * u[ic[p]];
                    }
                }
                expected[i] = (1 - 0.6) * x[i] + 0.6 * org.rclab.core.FastMath.tanh(s);
            }
            // every call, from the interpreter's first to C2's vectorised code
            for (int call = 0; call < 3000; call++) {
                double[] next = new double[64];
                r.update(x, u, next);
                assertArrayEquals(expected, next, 0.0, r.win().nonZeros() + " input weights, call " + call);
            }
        }
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherBits() {
        var config = ReservoirConfig.builder().size(300).seed(5).build();
        Reservoir a = Reservoir.create(config, 3);
        Reservoir b = Reservoir.create(config, 3);
        assertArrayEquals(a.w().values(), b.w().values(), 0.0);
        assertArrayEquals(a.win().values(), b.win().values(), 0.0);
        Reservoir c = Reservoir.create(config.toBuilder().seed(6).build(), 3);
        assertTrue(a.w().nonZeros() != c.w().nonZeros() || a.w().values()[0] != c.w().values()[0]);
    }

    @Test
    void blockInputGivesEachNodeOneInputInContiguousBlocks() {
        var config = ReservoirConfig.builder().size(12).averageDegree(2)
                .inputConnectivity(ReservoirConfig.InputConnectivity.BLOCKS).seed(1).build();
        Reservoir r = Reservoir.create(config, 3);
        int[] cols = r.win().columns();
        assertEquals(12, cols.length);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, cols);
    }

    @Test
    void fixedInDegreeTopology() {
        var config = ReservoirConfig.builder().size(200).averageDegree(3)
                .topology(ReservoirConfig.Topology.FIXED_IN_DEGREE).seed(1).build();
        assertEquals(600, Reservoir.create(config, 1).w().nonZeros());
    }

    @Test
    void invalidHyperparametersNameTheRule() {
        assertEquals("leakRate must be in (0.0, 1.0], got 1.3", assertThrows(IllegalArgumentException.class,
                () -> ReservoirConfig.builder().leakRate(1.3).build()).getMessage());
        assertEquals("spectralRadius must be positive and finite, got -0.5", assertThrows(IllegalArgumentException.class,
                () -> ReservoirConfig.builder().spectralRadius(-0.5).build()).getMessage());
        assertEquals("averageDegree must be in (0, size = 10], got 20.0", assertThrows(IllegalArgumentException.class,
                () -> ReservoirConfig.builder().size(10).averageDegree(20).build()).getMessage());
        assertEquals("size must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> ReservoirConfig.builder().size(0).build()).getMessage());
        Reservoir r = Reservoir.create(ReservoirConfig.builder().size(20).averageDegree(3).build(), 3);
        assertEquals("update needs x and next of length 20 and u of length 3, got 20, 20 and 2",
                assertThrows(IllegalArgumentException.class,
                        () -> r.update(new double[20], new double[2], new double[20])).getMessage());
    }

    @Test
    void tangentMatchesTheEquation() {
        var config = ReservoirConfig.builder().size(40).averageDegree(4).leakRate(0.4).bias(0.3).seed(12).build();
        Reservoir r = Reservoir.create(config, 2);
        double[][] w = r.w().toDense();
        double[][] win = r.win().toDense();
        SplittableRandom random = new SplittableRandom(2);
        double[] x = new double[40];
        double[] dx = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = random.nextDouble() - 0.5;
            dx[i] = random.nextDouble() - 0.5;
        }
        double[] u = {0.4, -0.9};
        double[] du = {-0.3, 0.6};
        double[] next = new double[40];
        double[] slopes = new double[40];
        r.update(x, u, next, slopes);
        double[] plain = new double[40];
        r.update(x, u, plain);
        assertArrayEquals(plain, next, 0.0);
        double[] dnext = new double[40];
        r.tangent(slopes, dx, du, dnext, new double[40]);
        for (int i = 0; i < 40; i++) {
            double z = win[i][0] * u[0] + win[i][1] * u[1] + r.bias()[i];
            double s = win[i][0] * du[0] + win[i][1] * du[1];
            for (int j = 0; j < 40; j++) {
                z += w[i][j] * x[j];
                s += w[i][j] * dx[j];
            }
            double t = Math.tanh(z);
            assertEquals(1 - t * t, slopes[i], 1e-14);
            assertEquals(0.6 * dx[i] + 0.4 * (1 - t * t) * s, dnext[i], 1e-14);
        }
    }

    @Test
    void slopesUpdateAndTangentCheckLengthsAndAliasing() {
        Reservoir r = Reservoir.create(ReservoirConfig.builder().size(20).averageDegree(3).seed(1).build(), 3);
        double[] x = new double[20];
        double[] u = new double[3];
        double[] next = new double[20];
        double[] slopes = new double[20];
        assertMessage("slopes must have length 20, got 19", () -> r.update(x, u, next, new double[19]));
        assertMessage("slopes must not be the same array as x", () -> r.update(x, u, next, x));
        assertMessage("slopes must not be the same array as next", () -> r.update(x, u, next, next));
        assertMessage("update needs x and next of length 20 and u of length 3, got 20, 21 and 3",
                () -> r.update(x, u, new double[21], slopes));
        double[] dx = new double[20];
        double[] du = new double[3];
        double[] dnext = new double[20];
        double[] work = new double[20];
        assertMessage("slopes must have length 20, got 21", () -> r.tangent(new double[21], dx, du, dnext, work));
        assertMessage("dx must have length 20, got 19", () -> r.tangent(slopes, new double[19], du, dnext, work));
        assertMessage("du must have length 3, got 2", () -> r.tangent(slopes, dx, new double[2], dnext, work));
        assertMessage("dnext must have length 20, got 3", () -> r.tangent(slopes, dx, du, new double[3], work));
        assertMessage("work must have length 20, got 0", () -> r.tangent(slopes, dx, du, dnext, new double[0]));
        assertMessage("dnext must not be the same array as dx", () -> r.tangent(slopes, dx, du, dx, work));
        assertMessage("dnext must not be the same array as slopes", () -> r.tangent(slopes, dx, du, slopes, work));
        // as many inputs as nodes: an input array could also be passed as the output
        Reservoir square = Reservoir.create(ReservoirConfig.builder().size(4).averageDegree(4).seed(1).build(), 4);
        double[] v = new double[4];
        double[] w = new double[4];
        double[] z = new double[4];
        assertMessage("next must not be the same array as u", () -> square.update(v, w, w));
        assertMessage("slopes must not be the same array as u", () -> square.update(v, w, z, w));
        assertMessage("dnext must not be the same array as du", () -> square.tangent(new double[4], v, w, w, z));
    }

    @Test
    void givenMatricesAreChecked() {
        Reservoir r = Reservoir.create(ReservoirConfig.builder().size(6).averageDegree(2).seed(1).build(), 2);
        var config = r.config();
        Reservoir back = Reservoir.of(config, r.w(), r.win(), r.bias());
        double[] x = {0.1, -0.2, 0.3, -0.4, 0.5, -0.6};
        double[] u = {0.7, -0.8};
        double[] a = new double[6];
        double[] b = new double[6];
        r.update(x, u, a);
        back.update(x, u, b);
        assertArrayEquals(a, b, 0.0);
        var noInputs = new org.rclab.linalg.CsrMatrix(6, 0, new int[7], new int[0], new double[0]);
        assertMessage("W_in must have at least one column (one per input), got 6 x 0",
                () -> Reservoir.of(config, r.w(), noInputs, r.bias()));
        double[] bias = r.bias();
        bias[4] = Double.NaN;
        assertMessage("bias[4] must be finite, got NaN", () -> Reservoir.of(config, r.w(), r.win(), bias));
        assertMessage("bias must have length 6, got 5",
                () -> Reservoir.of(config, r.w(), r.win(), new double[5]));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void transformsAndTheirDerivatives() {
        double[] x = {0.5, -0.3, 0.8, 0.1, -0.6, 0.2, 0.4};
        double[] out = new double[7];
        StateTransform.PATHAK_SQUARE.apply(x, out);
        assertArrayEquals(new double[] {0.5, 0.09, 0.8, 0.01, -0.6, 0.04, 0.4}, out, 1e-15);
        StateTransform.NLAT1.apply(x, out);
        assertArrayEquals(new double[] {0.25, -0.3, 0.64, 0.1, 0.36, 0.2, 0.16}, out, 1e-15);
        StateTransform.NLAT2.apply(x, out);
        assertArrayEquals(new double[] {0.5, -0.3, -0.3 * 0.5, 0.1, 0.1 * 0.8, 0.2, 0.4}, out, 1e-15);
        StateTransform.NLAT3.apply(x, out);
        assertArrayEquals(new double[] {0.5, -0.3, -0.3 * 0.1, 0.1, 0.1 * 0.2, 0.2, 0.4}, out, 1e-15);
        double[] v = {0.3, 0.1, -0.2, 0.5, 0.7, -0.4, 0.9};
        double eps = 1e-7;
        for (StateTransform t : StateTransform.values()) {
            double[] jv = new double[7];
            t.jacobianTimes(x, v, jv);
            double[] xp = x.clone();
            double[] xm = x.clone();
            for (int i = 0; i < 7; i++) {
                xp[i] += eps * v[i];
                xm[i] -= eps * v[i];
            }
            double[] fp = new double[7];
            double[] fm = new double[7];
            t.apply(xp, fp);
            t.apply(xm, fm);
            for (int i = 0; i < 7; i++) {
                assertEquals((fp[i] - fm[i]) / (2 * eps), jv[i], 1e-8, t + " component " + i);
            }
        }
        assertEquals(StateTransform.PATHAK_SQUARE, StateTransform.parse("pathak"));
        assertThrows(IllegalArgumentException.class, () -> StateTransform.parse("cube"));
    }
}
