package org.rclab.forecast;

import org.rclab.core.TimeSeries;
import org.rclab.dynamics.TangentMap;

/**
 * A trained data-driven model that forecasts a multivariate series in closed loop: an echo state
 * network ({@link TrainedModel}), a deep one, or a next-generation reservoir computer. All speak
 * physical units; {@link #closedLoop()} exposes the autonomous model as a map with its tangent map,
 * so the same Benettin code gives its Lyapunov spectrum.
 */
public interface Forecaster {

    /** Number of variables. */
    int dimension();

    /** Sampling step of the data it was trained on (time per closed-loop step). */
    double dt();

    /**
     * Closed-loop forecast of {@code steps} rows: row k predicts {@code data} row {@code start + k},
     * using only the {@code history} rows before {@code start} (teacher forcing or delay
     * embedding), never row {@code start} or later.
     *
     * @throws IllegalArgumentException if {@code history} is shorter than the model needs or the
     *                                  rows do not exist
     * @throws ForecastDivergedException if the forecast turns non-finite, naming the step and carrying
     *                                  the rows before it
     */
    TimeSeries forecast(TimeSeries data, int start, int history, int steps);

    /** The least {@code history} {@link #forecast} accepts. */
    int minimumHistory();

    /** The autonomous model as a map of its internal state, with its tangent map. */
    TangentMap closedLoop();

    /** The internal state reached after reading rows {@code [start - history, start)} of {@code data}. */
    double[] closedLoopState(TimeSeries data, int start, int history);
}
