package org.rclab.dynamics;

import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;

/**
 * Sampled trajectories of a {@link StepMap}: discard a transient, then record the observed
 * variables every {@code sampleEvery} steps. Rows are times; row 0 is the state right after the
 * transient, at time {@code transientSteps * timeStep}.
 *
 * <p>A trajectory whose state turns non-finite stops with an error that names the time.
 */
public final class Trajectory {

    private Trajectory() {
    }

    /**
     * Samples {@code samples} rows of {@code map}'s output starting from a copy of {@code initial}.
     *
     * @param transientSteps steps discarded before the first sample, {@code >= 0}
     * @param sampleEvery    steps between samples, {@code >= 1}; the series' dt is
     *                       {@code sampleEvery * map.timeStep()}
     * @return the samples; {@code initial} is not modified
     */
    public static TimeSeries sample(StepMap map, double[] initial, long transientSteps, int sampleEvery, int samples) {
        Checks.length("initial", initial, map.dimension());
        Checks.finite("initial", initial);
        Checks.nonNegative("transientSteps", (double) transientSteps);
        Checks.positive("sampleEvery", sampleEvery);
        Checks.positive("samples", samples);
        int m = map.outputDimension();
        double h = map.timeStep();
        double[] state = initial.clone();
        for (long s = 0; s < transientSteps; s++) {
            map.step(state);
            if ((s & 1023) == 1023) {
                requireFinite(state, (s + 1) * h);
            }
        }
        requireFinite(state, transientSteps * h);
        double[] data = new double[Math.multiplyExact(samples, m)];
        double[] out = new double[m];
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                for (int s = 0; s < sampleEvery; s++) {
                    map.step(state);
                }
            }
            map.observe(state, out);
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(out[j])) {
                    throw new ArithmeticException("trajectory turned non-finite (" + out[j] + " in "
                            + map.outputNames().get(j) + ") at t = " + (transientSteps + (long) i * sampleEvery) * h);
                }
            }
            System.arraycopy(out, 0, data, i * m, m);
        }
        return TimeSeries.wrap(data, samples, m, transientSteps * h, sampleEvery * h, map.outputNames());
    }

    /**
     * Samples a flow with time units instead of steps: {@code transientTime} and {@code sampleStep}
     * must be whole multiples of the map's step (within 1e-9 relative).
     */
    public static TimeSeries sample(StepMap map, double[] initial, double transientTime, double sampleStep, int samples) {
        Checks.nonNegative("transientTime", transientTime);
        Checks.positive("sampleStep", sampleStep);
        long transientSteps = wholeSteps("transientTime", transientTime, map.timeStep());
        long every = wholeSteps("sampleStep", sampleStep, map.timeStep());
        Checks.require(every >= 1 && every <= Integer.MAX_VALUE, "sampleStep must be at least one step, got " + sampleStep);
        return sample(map, initial, transientSteps, (int) every, samples);
    }

    /** {@code time / step} as a whole number, or an error naming the parameter. */
    public static long wholeSteps(String name, double time, double step) {
        double ratio = time / step;
        long steps = Math.round(ratio);
        if (Math.abs(ratio - steps) > 1e-9 * Math.max(1.0, ratio)) {
            throw new IllegalArgumentException(name + " must be a whole multiple of the integration step "
                    + step + ", got " + time);
        }
        return steps;
    }

    private static void requireFinite(double[] state, double time) {
        for (int i = 0; i < state.length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new ArithmeticException("trajectory turned non-finite (state[" + i + "] = " + state[i]
                        + ") at t <= " + time);
            }
        }
    }
}
