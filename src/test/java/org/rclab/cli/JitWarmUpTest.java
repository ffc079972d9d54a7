package org.rclab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.rclab.reservoir.EchoState;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;

class JitWarmUpTest {

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
    void runsAtLeastTheReferenceWindowStopsAtItsTimeLimitAndLeavesTheNetworkAsItWas() {
        EchoState network = Reservoir.create(ReservoirConfig.builder().size(60).seed(3).build(), 3);
        double[] before = fromZero(network, 25);
        JitWarmUp.Result r = JitWarmUp.compileUpdate(network, 0.0);
        // no time at all: one window of 32 steps, and no drop can be seen before the reference window
        assertTrue(r.steps() == 32, "steps " + r.steps());
        assertTrue(!r.compiled() && r.seconds() >= 0, r.toString());
        assertArrayEquals(before, fromZero(network, 25)); // bit for bit: a network has no hidden state
    }

    @Test
    void anInterruptStopsIt() {
        EchoState network = Reservoir.create(ReservoirConfig.builder().size(60).seed(3).build(), 3);
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class,
                    () -> JitWarmUp.compileUpdate(network, 10.0));
            assertTrue(e.getMessage().contains("reservoir update"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }
}
