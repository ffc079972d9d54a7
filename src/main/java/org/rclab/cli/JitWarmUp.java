package org.rclab.cli;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.rclab.reservoir.EchoState;

/**
 * Gets a network's update compiled by C2 before a job times its training. In a fresh JVM the
 * first hundreds of updates run in the interpreter and then in C1's code, five to ten times
 * slower than the vectorised code C2 makes of them (2000 nodes here: 80-110 us a step in C1,
 * 50-70 while only the activation is C2's, 13-15 once the whole update is, which happens after
 * 500 to 2000 steps). The training would spend its washout and more in the slow tiers; after
 * this it runs compiled code from its first step, as in a JVM that has trained before. The jobs
 * report the warm-up's seconds on their own. Meant for a fresh JVM: where the update is compiled
 * already, no drop comes and it runs until its time limit.
 *
 * <p>It must run on the thread that trains: the update keeps per-thread scratch arrays, and the
 * first call from a new thread takes a branch that C2's code traps on, sending the update back
 * to the profiling tier for another thousand steps.
 */
final class JitWarmUp {

    /** Steps per timing window. */
    private static final int WINDOW = 32;
    /** Windows before the reference (the first steps, interpreted while C1 compiles). */
    private static final int SKIP = 2;
    /**
     * A window whose median step is at most this fraction of the slowest window's since step 64
     * (C1's code) is C2's code: here C2 against C1 is 0.12-0.16, the step with only the
     * activation compiled by C2 against C1 0.47-0.66.
     */
    private static final double COMPILED = 0.25;

    /** Steps run and seconds taken; {@code compiled} false if the time ran out first. */
    record Result(int steps, double seconds, boolean compiled) {
    }

    private JitWarmUp() {
    }

    /**
     * Drives {@code network} from {@code x = 0} with a slowly turning input on scratch states
     * until the median step of a window of 32 takes at most a quarter of the slowest window's
     * since step 64, or {@code maxSeconds} have passed. The network is not changed.
     *
     * @throws CancellationException if the thread is interrupted
     */
    static Result compileUpdate(EchoState network, double maxSeconds) {
        int n = network.stateSize();
        double[] x = new double[n];
        double[] next = new double[n];
        double[] u = new double[network.inputDimension()];
        long[] times = new long[WINDOW];
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        double slowest = 0;
        int steps = 0;
        for (int window = 0; ; window++) {
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
            double median = times[WINDOW / 2];
            if (window >= SKIP && median <= COMPILED * slowest) {
                return new Result(steps, (System.nanoTime() - start) * 1e-9, true);
            }
            if (window >= SKIP) {
                slowest = Math.max(slowest, median);
            }
            if (System.nanoTime() >= deadline) {
                return new Result(steps, (System.nanoTime() - start) * 1e-9, false);
            }
        }
    }
}
