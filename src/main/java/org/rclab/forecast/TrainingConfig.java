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
 * @param solver      how the ridge problem is solved
 * @param noise       half-width of uniform noise added to the state after each training update
 *                    (Jaeger 2001's regulariser; 0 for none)
 * @param noiseSeed   seed of the noise stream
 */
public record TrainingConfig(int washout, int trainSteps, double ridge, StateTransform transform, boolean bias,
                             boolean standardize, Solver solver, double noise, long noiseSeed) {

    /** How the readout's least-squares problem is solved. */
    public enum Solver {
        /**
         * Streaming Gram matrix X^T X and a blocked Cholesky ({@link org.rclab.readout.RidgeAccumulator}):
         * fast, the default.
         */
        NORMAL_EQUATIONS,
        /**
         * Streaming Givens QR ({@link org.rclab.readout.QrRidgeAccumulator}): slower per row, but it does
         * not square the condition number; for nearly collinear states (Mackey-Glass).
         */
        QR
    }

    public TrainingConfig {
        Checks.nonNegative("washout", washout);
        Checks.positive("trainSteps", trainSteps);
        Checks.nonNegative("ridge", ridge);
        Checks.require(transform != null, "transform must not be null");
        Checks.require(solver != null, "solver must not be null");
        Checks.nonNegative("noise", noise);
        Checks.require(solver != Solver.QR || bias, "the QR solver fits an unpenalised bias: bias must be true");
    }

    /** Normal equations, no training noise. */
    public TrainingConfig(int washout, int trainSteps, double ridge, StateTransform transform, boolean bias,
                          boolean standardize) {
        this(washout, trainSteps, ridge, transform, bias, standardize, Solver.NORMAL_EQUATIONS, 0.0, 0L);
    }

    public TrainingConfig withSolver(Solver s) {
        return new TrainingConfig(washout, trainSteps, ridge, transform, bias, standardize, s, noise, noiseSeed);
    }

    /** The same with uniform state noise in [-noise, noise] from the seed's "noise" stream. */
    public TrainingConfig withNoise(double amplitude, long seed) {
        return new TrainingConfig(washout, trainSteps, ridge, transform, bias, standardize, solver, amplitude, seed);
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
        return new TrainingConfig(washout, trainSteps, beta, transform, bias, standardize, solver, noise, noiseSeed);
    }

    public TrainingConfig withTransform(StateTransform t) {
        return new TrainingConfig(washout, trainSteps, ridge, t, bias, standardize, solver, noise, noiseSeed);
    }
}
