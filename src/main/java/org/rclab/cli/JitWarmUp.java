package org.rclab.cli;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.rclab.core.Checks;
import org.rclab.reservoir.EchoState;

/**
 * Gets a network's update compiled by C2 before a job times its training. In a fresh JVM the
 * first hundreds of updates run in the interpreter and then in C1's code, several times slower
 * than the code C2 makes of them (2000 nodes here: 80-110 us a step in C1, 50-70 while only the
 * activation is C2's, 13-15 once the whole update is, which happens after 500 to 2000 steps; a
 * DeepESN of 4 x 200 goes from 160-330 to 45-70 to about 23). The training would spend its
 * washout and more in the slow tiers; after this it runs compiled code from its first step, as
 * in a JVM that has trained before. The jobs report the warm-up's seconds on their own. Meant
 * for a fresh JVM: where the update is compiled already, no drop comes and it runs until its
 * time limit.
 *
 * <p>It must run on the thread that trains: the update keeps per-thread scratch arrays, and the
 * first call from a new thread takes a branch that C2's code traps on, sending the update back
 * to the profiling tier for another thousand steps.
 */
final class JitWarmUp {

    /** Steps per timing window. */
    static final int WINDOW = 32;

    /** Steps run and seconds taken; {@code compiled} false if the time ran out first. */
    record Result(int steps, double seconds, boolean compiled) {
    }

    private JitWarmUp() {
    }

    /**
     * When to stop, from the median step time of each window of {@link #WINDOW} steps. First a
     * drop: a window at most a quarter of the slowest one since step 64 (the windows before are
     * the interpreter's while C1 compiles). Then a confirmation, because a drop can also be the
     * interpreter giving way to C1: as many steps again as were run up to the latest low with
     * no lower window (a new low is one below 0.85 times the last). Not thread-safe.
     */
    static final class StopRule {

        private static final int SKIP = 2;
        private static final double DROP = 0.25;
        private static final double LOWER = 0.85;

        private int windows;
        private double slowest;
        private double low = Double.NaN;
        private long lowSteps;

        /** Feeds the median of the next window; true when the warm-up may stop. */
        boolean next(double median) {
            windows++;
            long steps = (long) windows * WINDOW;
            if (Double.isNaN(low)) {
                if (windows > SKIP && median <= DROP * slowest) {
                    low = median;
                    lowSteps = steps;
                } else if (windows > SKIP) {
                    slowest = Math.max(slowest, median);
                }
                return false;
            }
            if (median < LOWER * low) {
                low = median;
                lowSteps = steps;
            }
            return steps >= 2 * lowSteps;
        }
    }

    /**
     * Drives {@code network} from {@code x = 0} with a slowly turning input on scratch states
     * until the {@link StopRule} says the update is compiled, or {@code maxSeconds} have passed.
     * The network is not changed.
     *
     * @throws IllegalArgumentException if {@code maxSeconds} is negative or not finite
     * @throws CancellationException    if the thread is interrupted
     */
    static Result compileUpdate(EchoState network, double maxSeconds) {
        Checks.require(maxSeconds >= 0 && maxSeconds < 1e6, "maxSeconds must be in [0, 1e6), got " + maxSeconds);
        long limit = (long) (maxSeconds * 1e9);
        int n = network.stateSize();
        double[] x = new double[n];
        double[] next = new double[n];
        double[] u = new double[network.inputDimension()];
        long[] times = new long[WINDOW];
        StopRule rule = new StopRule();
        long start = System.nanoTime();
        int steps = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted while compiling the reservoir update");
            }
            for (int k = 0; k < WINDOW; k++) {
                for (int j = 0; j < u.length; j++) {
                    u[j] = Math.sin(0.01 * steps + j);
                }
                long t = System.nanoTime();
                network.update(x, u, next);
                times[k] = System.nanoTime() - t;
                double[] swap = x;
                x = next;
                next = swap;
                steps++;
            }
            Arrays.sort(times);
            boolean compiled = rule.next(times[WINDOW / 2]);
            long elapsed = System.nanoTime() - start;
            if (compiled || elapsed >= limit) {
                return new Result(steps, elapsed * 1e-9, compiled);
            }
        }
    }
}
