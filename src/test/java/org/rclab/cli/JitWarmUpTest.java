package org.rclab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.rclab.reservoir.EchoState;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;

class JitWarmUpTest {

    /** The 1-based window at which the rule first says stop, or -1. */
    private static int stopsAt(double... medians) {
        JitWarmUp.StopRule rule = new JitWarmUp.StopRule();
        for (int w = 0; w < medians.length; w++) {
            if (rule.next(medians[w])) {
                return w + 1;
            }
        }
        return -1;
    }

    /** {@code count} copies of {@code value}. */
    private static double[] times(int count, double value) {
        double[] a = new double[count];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void stopsAfterTheDropToCompiledCodeAndAsManyStepsAgain() {
        // a 2000-node ESN as traced: first window, C1, activation-only C2, whole-update C2 (us)
        double[] esn = concat(new double[] {141}, times(22, 106), times(12, 52), times(60, 13));
        // the drop comes at window 36 (13 <= 106 / 4; 52 is not): stop at window 72
        assertEquals(72, stopsAt(esn));
    }

    @Test
    void aDropFromTheInterpreterToC1IsConfirmedOnlyIfNothingFasterFollows() {
        // a DeepESN as traced: interpreter windows past step 64 (the first two are not counted as
        // the slowest: 239 is), C1 from window 9, C2 from window 14
        double[] deep = concat(new double[] {330, 289, 239, 238, 200, 180, 162, 164}, times(5, 48),
                times(60, 23));
        // the drop to C1 (window 9) would stop at window 18; C2's window 14 (23 < 0.85 x 48) moves it to 28
        assertEquals(28, stopsAt(deep));
        // a lower window that is not 15% lower does not move it
        double[] noisy = concat(new double[] {330, 289, 239, 238, 200, 180, 162, 164}, times(5, 48),
                times(60, 44));
        assertEquals(18, stopsAt(noisy));
    }

    @Test
    void compiledCodeFromTheStartNeverDrops() {
        assertEquals(-1, stopsAt(times(500, 13)));
        // nor does a slow start within the first two windows count as the slowest
        assertEquals(-1, stopsAt(concat(new double[] {400, 300}, times(500, 60))));
    }

    private static double[] fromZero(EchoState network, int steps) {
        double[] x = new double[network.stateSize()];
        double[] next = new double[x.length];
        double[] u = {0.3, -0.1, 0.2};
        for (int t = 0; t < steps; t++) {
            network.update(x, u, next);
            double[] swap = x;
            x = next;
            next = swap;
        }
        return x;
    }

    @Test
    void runsOneWindowWithNoTimeAndLeavesTheNetworkAsItWas() {
        EchoState network = Reservoir.create(ReservoirConfig.builder().size(60).seed(3).build(), 3);
        double[] before = fromZero(network, 25);
        JitWarmUp.Result r = JitWarmUp.compileUpdate(network, 0.0);
        assertEquals(JitWarmUp.WINDOW, r.steps());
        assertTrue(!r.compiled() && r.seconds() >= 0, r.toString());
        assertArrayEquals(before, fromZero(network, 25)); // bit for bit: a network has no hidden state
    }

    @Test
    void badTimeLimitsAndInterruptsAreRefused() {
        EchoState network = Reservoir.create(ReservoirConfig.builder().size(60).seed(3).build(), 3);
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> JitWarmUp.compileUpdate(network, bad));
            assertTrue(e.getMessage().contains("maxSeconds must be in [0, 1e6), got " + bad), e.getMessage());
        }
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class,
                    () -> JitWarmUp.compileUpdate(network, 10.0));
            assertTrue(e.getMessage().contains("reservoir update"), e.getMessage());
        } finally {
            Thread.interrupted(); // clear the flag for the next test
        }
    }
}
