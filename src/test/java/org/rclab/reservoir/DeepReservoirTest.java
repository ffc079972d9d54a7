package org.rclab.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rclab.linalg.SpectralRadius;

class DeepReservoirTest {

    @Test
    void oneLayerIsTheSingleReservoir() {
        var config = ReservoirConfig.builder().size(80).bias(0.2).seed(4).build();
        DeepReservoir deep = DeepReservoir.create(List.of(config), 3, false, true);
        Reservoir single = Reservoir.create(config, 3);
        double[] x = random(80, 1);
        double[] u = {0.1, -0.4, 0.3};
        double[] a = new double[80];
        double[] b = new double[80];
        deep.update(x, u, a);
        single.update(x, u, b);
        assertArrayEquals(b, a, 0.0);
    }

    @Test
    void layerTwoIsDrivenByTheNewStateOfLayerOne() {
        var c1 = ReservoirConfig.builder().size(30).averageDegree(4).leakRate(0.5).seed(1).build();
        var c2 = ReservoirConfig.builder().size(20).averageDegree(4).leakRate(0.8).inputScaling(0.7).bias(0.1).seed(2).build();
        DeepReservoir deep = DeepReservoir.create(List.of(c1, c2), 2, false, false);
        assertEquals(50, deep.stateSize());
        assertEquals(30, deep.featureOffset());
        assertEquals(20, deep.featureCount());
        Reservoir l1 = deep.layers().get(0);
        Reservoir l2 = deep.layers().get(1);
        double[] x = random(50, 3);
        double[] u = {0.5, -0.2};
        double[] next = new double[50];
        deep.update(x, u, next);
        double[] x1 = java.util.Arrays.copyOfRange(x, 0, 30);
        double[] x2 = java.util.Arrays.copyOfRange(x, 30, 50);
        double[] n1 = new double[30];
        double[] n2 = new double[20];
        l1.update(x1, u, n1);
        l2.update(x2, n1, n2);
        assertArrayEquals(n1, java.util.Arrays.copyOfRange(next, 0, 30), 0.0);
        assertArrayEquals(n2, java.util.Arrays.copyOfRange(next, 30, 50), 0.0);
    }

    @Test
    void tangentMatchesCentralDifferences() {
        var base = ReservoirConfig.builder().averageDegree(5).leakRate(0.6).bias(0.3).seed(9).build();
        DeepReservoir deep = DeepReservoir.uniform(base, 3, 25, 2, true, true);
        double[] x = random(75, 5);
        double[] u = {0.3, 0.7};
        double[] dx = random(75, 6);
        double[] du = {0.2, -0.5};
        double[] next = new double[75];
        double[] slopes = new double[75];
        deep.update(x, u, next, slopes);
        double[] dnext = new double[75];
        deep.tangent(slopes, dx, du, dnext, new double[75]);
        double eps = 1e-6;
        double[] xp = x.clone();
        double[] xm = x.clone();
        double[] up = u.clone();
        double[] um = u.clone();
        for (int i = 0; i < 75; i++) {
            xp[i] += eps * dx[i];
            xm[i] -= eps * dx[i];
        }
        for (int i = 0; i < 2; i++) {
            up[i] += eps * du[i];
            um[i] -= eps * du[i];
        }
        double[] fp = new double[75];
        double[] fm = new double[75];
        deep.update(xp, up, fp);
        deep.update(xm, um, fm);
        for (int i = 0; i < 75; i++) {
            assertEquals((fp[i] - fm[i]) / (2 * eps), dnext[i], 1e-8, "component " + i);
        }
    }

    @Test
    void leakAdjustedRadiusIsImposedOnTheLeakyLinearPart() {
        var config = ReservoirConfig.builder().size(300).leakRate(0.3).spectralRadius(0.9).seed(2).build();
        Reservoir r = Reservoir.create(config, 1, true);
        double[][] w = r.w().toDense();
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 300; j++) {
                w[i][j] *= 0.3;
            }
            w[i][i] += 0.7;
        }
        assertEquals(0.9, SpectralRadius.dense(w), 1e-6);
    }

    @Test
    void layersMustChain() {
        Reservoir a = Reservoir.create(ReservoirConfig.builder().size(10).averageDegree(2).seed(1).build(), 3);
        Reservoir b = Reservoir.create(ReservoirConfig.builder().size(10).averageDegree(2).seed(2).build(), 7);
        var e = assertThrows(IllegalArgumentException.class, () -> DeepReservoir.of(List.of(a, b), false, true));
        assertEquals("layer 2 must have 10 inputs (the size of layer 1), got 7", e.getMessage());
    }

    @Test
    void noLayersIsRejected() {
        assertMessage("a deep reservoir needs at least one layer, got 0", () -> DeepReservoir.of(List.of(), false, true));
        assertMessage("a deep reservoir needs at least one layer, got 0",
                () -> DeepReservoir.create(List.of(), 3, false, true));
        var base = ReservoirConfig.builder().averageDegree(2).seed(1).build();
        assertMessage("layers must be positive, got 0", () -> DeepReservoir.uniform(base, 0, 10, 3, false, true));
        // one given layer is a network of its own
        Reservoir a = Reservoir.create(base.toBuilder().size(10).build(), 3);
        DeepReservoir one = DeepReservoir.of(List.of(a), false, true);
        assertEquals(10, one.stateSize());
        assertEquals(3, one.inputDimension());
    }

    @Test
    void slopesUpdateAndTangentCheckLengthsAndAliasing() {
        var base = ReservoirConfig.builder().averageDegree(3).seed(3).build();
        DeepReservoir deep = DeepReservoir.uniform(base, 2, 10, 3, false, true);
        double[] x = new double[20];
        double[] u = new double[3];
        double[] next = new double[20];
        double[] slopes = new double[20];
        assertMessage("slopes must have length 20, got 10", () -> deep.update(x, u, next, new double[10]));
        assertMessage("slopes must not be the same array as x", () -> deep.update(x, u, next, x));
        assertMessage("slopes must not be the same array as next", () -> deep.update(x, u, next, next));
        assertMessage("update needs x and next of length 20 and u of length 3, got 10, 20 and 3",
                () -> deep.update(new double[10], u, next, slopes));
        double[] dx = new double[20];
        double[] du = new double[3];
        double[] dnext = new double[20];
        double[] work = new double[20];
        assertMessage("slopes must have length 20, got 10", () -> deep.tangent(new double[10], dx, du, dnext, work));
        assertMessage("dx must have length 20, got 10", () -> deep.tangent(slopes, new double[10], du, dnext, work));
        assertMessage("du must have length 3, got 20", () -> deep.tangent(slopes, dx, new double[20], dnext, work));
        assertMessage("dnext must have length 20, got 10", () -> deep.tangent(slopes, dx, du, new double[10], work));
        assertMessage("work must have length 20, got 10", () -> deep.tangent(slopes, dx, du, dnext, new double[10]));
        assertMessage("dnext must not be the same array as dx", () -> deep.tangent(slopes, dx, du, dx, work));
        assertMessage("dnext must not be the same array as slopes", () -> deep.tangent(slopes, dx, du, slopes, work));
        // as many inputs as state entries: an input array could also be passed as the output
        DeepReservoir square = DeepReservoir.uniform(base, 2, 10, 20, false, true);
        assertMessage("next must not be the same array as u", () -> square.update(x, next, next));
        assertMessage("slopes must not be the same array as u", () -> square.update(x, next, dnext, next));
        assertMessage("dnext must not be the same array as du", () -> square.tangent(slopes, dx, dnext, dnext, work));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
        return x;
    }
}
