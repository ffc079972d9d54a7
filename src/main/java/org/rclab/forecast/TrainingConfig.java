package org.rclab.forecast;

import org.rclab.core.Checks;
import org.rclab.reservoir.StateTransform;

/**
 * How a reservoir's readout is trained by teacher forcing: discard {@code washout} steps, then fit
 * {@code y(t+1) = W_out T(x(t+1)) + b} on the next {@code trainSteps} steps by ridge regression.
 *
 * @param washout     steps driven by the data before any state is used
 * @param trainSteps  states collected for the fit
 * @param ridge       beta, the ridge (Tikhonov) parameter
 * @param transform   state transform before the readout
 * @param bias        fit an unpenalised readout bias
 * @param standardize z-score the inputs with the training rows' mean and std
 */
public record TrainingConfig(int washout, int trainSteps, double ridge, StateTransform transform, boolean bias,
                             boolean standardize) {

    public TrainingConfig {
        Checks.nonNegative("washout", washout);
        Checks.positive("trainSteps", trainSteps);
        Checks.nonNegative("ridge", ridge);
        Checks.require(transform != null, "transform must not be null");
    }

    /** rclab's Lorenz protocol: 1000 washout, 20000 training steps, ridge 1e-6, no transform, bias, z-scored inputs. */
    public static TrainingConfig lorenzDefaults() {
        return new TrainingConfig(1000, 20_000, 1e-6, StateTransform.IDENTITY, true, true);
    }

    /** Rows of data the training consumes: washout + trainSteps + 1 (the last target). */
    public int rowsNeeded() {
        return washout + trainSteps + 1;
    }

    public TrainingConfig withRidge(double beta) {
        return new TrainingConfig(washout, trainSteps, beta, transform, bias, standardize);
    }

    public TrainingConfig withTransform(StateTransform t) {
        return new TrainingConfig(washout, trainSteps, ridge, t, bias, standardize);
    }
}
