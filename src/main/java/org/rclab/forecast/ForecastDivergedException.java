package org.rclab.forecast;

import org.rclab.core.TimeSeries;

/**
 * A closed-loop forecast turned non-finite. It names the step and carries the finite rows before
 * it, so a caller can still score the part that was valid (a diverging window has a VPT too).
 */
public final class ForecastDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int step;
    private final transient TimeSeries partial;

    public ForecastDivergedException(String message, int step, TimeSeries partial) {
        super(message);
        this.step = step;
        this.partial = partial;
    }

    /** The first step whose value was not finite. */
    public int step() {
        return step;
    }

    /** The rows before {@link #step()} (null when the first row already diverged). */
    public TimeSeries partial() {
        return partial;
    }
}
