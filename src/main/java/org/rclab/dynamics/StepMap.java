package org.rclab.dynamics;

import java.util.List;

import org.rclab.core.TimeSeries;

/**
 * A discrete-time dynamical system advanced in place, {@code x(n+1) = F(x(n))}, where one step
 * stands for {@link #timeStep()} units of physical time (1 for a map).
 *
 * <p>Integrators of flows (RK4 on an {@link OdeSystem}, ETDRK4 on Kuramoto-Sivashinsky, RK4 on
 * the history of a delay system) are step maps of this kind. The state may be larger than what
 * is observed: a delay system's state is its history, its output the latest value.
 * Implementations keep scratch buffers and are not thread-safe.
 */
public interface StepMap {

    /** Length of the state vector. */
    int dimension();

    /** Physical time per step. */
    double timeStep();

    /** Advances {@code state} (length {@link #dimension()}) by one step, in place. */
    void step(double[] state);

    /** Number of observed variables. */
    default int outputDimension() {
        return dimension();
    }

    /** Writes the observed variables of {@code state} into {@code out} (length {@link #outputDimension()}). */
    default void observe(double[] state, double[] out) {
        System.arraycopy(state, 0, out, 0, outputDimension());
    }

    /** Names of the observed variables, used as column names of trajectories. */
    default List<String> outputNames() {
        return TimeSeries.defaultNames(outputDimension());
    }
}
