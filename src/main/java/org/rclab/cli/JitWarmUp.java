package org.rclab.cli;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.rclab.reservoir.EchoState;

/**
 * Gets a network's update compiled by C2 before a job times its training. In a fresh JVM the
 * first hundreds of updates run in the interpreter and then in C1's profiling code, five to ten
 * times slower than the vectorised code C2 makes of them after about 600 calls and a compile of
 * tens of milliseconds (2000 nodes here: about 100 us a step against 13-15). The training that
 * follows then runs compiled code from its first step, as it does in a JVM that has trained
 * before; the jobs report this warm-up's seconds on their own.
 *
 * <p>It must run on the thread that trains: the update keeps per-thread scratch arrays, and the
 * first call from a new thread takes a branch that C2's code traps on, sending the update back
 * to the profiling tier for another thousand steps.
 */
final class JitWarmUp {

    /** Steps per timing window. */
    private static final int WINDOW = 32;
    /** Steps run before the reference window (interpreter and on-stack replacement). */
    private static final int SKIP = 8;
    /** A window whose median step is at most this fraction of the reference one is compiled code. */
    private static final double COMPILED = 0.35;

    /** Steps run and seconds taken; {@code compiled} false if the time ran out first. */
    record Result(int steps, double seconds, boolean compiled) {
    }

    private JitWarmUp() {
    }

    /**
     * Drives {@code network} from {@code x = 0} with a slowly turning input on scratch states
     * until the median step of a window of 32 takes at most 0.35 times that of the first window
     * (steps 8 to 39, the profiling tier), or {@code maxSeconds} have passed. The network is not
     * changed.
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
        double reference = Double.NaN;
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
                if (steps == SKIP) {
                    k = -1; // the reference window starts after the first steps
                }
            }
            Arrays.sort(times);
            double median = times[WINDOW / 2];
            if (Double.isNaN(reference)) {
                reference = median;
            } else if (median <= COMPILED * reference) {
                return new Result(steps, (System.nanoTime() - start) * 1e-9, true);
            }
            if (System.nanoTime() >= deadline) {
                return new Result(steps, (System.nanoTime() - start) * 1e-9, false);
            }
        }
    }
}
