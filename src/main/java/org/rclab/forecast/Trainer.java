package org.rclab.forecast;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.rclab.core.Checks;
import org.rclab.core.Progress;
import org.rclab.core.TimeSeries;
import org.rclab.core.Seeds;
import org.rclab.core.ZScore;
import org.rclab.readout.QrRidgeAccumulator;
import org.rclab.readout.RidgeAccumulator;
import org.rclab.readout.RidgeReadout;
import org.rclab.reservoir.EchoState;
import org.rclab.reservoir.StateTransform;

/**
 * Teacher-forced training of an echo state network for one-step-ahead (and so closed-loop)
 * prediction (Jaeger &amp; Haas 2004; Pathak et al. 2017). Starting from {@code x = 0}, the reservoir
 * is driven by the data, {@code x(t+1) = F(x(t), u(t))}; after the washout each state
 * {@code T(x(t+1))} is paired with the next input {@code u(t+1)} in a streaming ridge regression.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * A trained model with the wall-clock seconds of its two phases: the run (the reservoir driven
     * through the data, with as much of the Gram accumulation as overlapped it) and the fit (the
     * rest of the accumulation, then the solve).
     */
    public record Timed(TrainedModel model, double runSeconds, double fitSeconds) {
    }

    /** {@link #train(EchoState, TimeSeries, TrainingConfig, Progress)} without progress. */
    public static TrainedModel train(EchoState network, TimeSeries data, TrainingConfig config) {
        return train(network, data, config, Progress.NONE);
    }

    /**
     * Trains on rows {@code 0 .. config.rowsNeeded() - 1} of {@code data}.
     *
     * @throws IllegalArgumentException if the data are too short, have the wrong number of columns
     *                                  or hold a non-finite value (named by row and column)
     * @throws CancellationException    if the thread is interrupted
     */
    public static TrainedModel train(EchoState network, TimeSeries data, TrainingConfig config, Progress progress) {
        return trainTimed(network, data, config, progress).model();
    }

    /**
     * Like {@link #train(EchoState, TimeSeries, TrainingConfig, Progress)}, also reporting the seconds
     * of the run and of the fit ({@link Timed}).
     */
    public static Timed trainTimed(EchoState network, TimeSeries data, TrainingConfig config, Progress progress) {
        long start = System.nanoTime();
        Run run = run(network, data, config, progress, new int[0]);
        long ran = System.nanoTime();
        RidgeReadout readout = run.solve(config.ridge());
        long fit = System.nanoTime();
        return new Timed(run.model(readout), (ran - start) * 1e-9, (fit - ran) * 1e-9);
    }

    /**
     * The model trained with the chosen ridge, every candidate ridge, and its validation error: the
     * mean over runs, steps and variables of the squared closed-loop error divided by the variable's
     * variance over the rows the training reads, washout included ({@code +Infinity} if a run
     * diverged). If every candidate diverged, all errors are infinite and the largest ridge is the
     * one returned.
     */
    public record RidgeChoice(TrainedModel model, double ridge, double[] ridges, double[] errors) {

        public RidgeChoice {
            ridges = ridges.clone();
            errors = errors.clone();
        }

        @Override
        public double[] ridges() {
            return ridges.clone();
        }

        @Override
        public double[] errors() {
            return errors.clone();
        }
    }

    /**
     * Trains once and chooses the ridge among {@code ridges} by closed-loop runs on the training data
     * alone: the reservoir states at {@code runs} training steps spread evenly over the training
     * rows are kept, each candidate readout runs free from each of them for {@code horizon} steps,
     * and the candidate with the smallest {@link RidgeChoice#errors() validation error} is kept
     * (ties: the larger ridge). One reservoir run and one accumulation serve every candidate; only
     * the solve is repeated. This is the selection Jaeger 2001 (section 6.4) made by hand, and it
     * guards against the occasional network that a nearly unregularised fit leaves unstable in
     * closed loop. {@code config.ridge()} is ignored.
     *
     * @throws IllegalArgumentException if {@code ridges} is empty or holds a negative value, if
     *                                  {@code runs < 1} or {@code horizon < 1}, or if the training
     *                                  steps are fewer than {@code horizon}
     */
    public static RidgeChoice trainChoosingRidge(EchoState network, TimeSeries data, TrainingConfig config,
                                                 double[] ridges, int horizon, int runs, Progress progress) {
        Checks.require(ridges.length > 0, "ridges must hold at least one candidate, got none");
        for (double beta : ridges) {
            Checks.nonNegative("ridges[i]", beta);
        }
        Checks.positive("horizon", horizon);
        Checks.positive("runs", runs);
        Checks.require(config.trainSteps() >= horizon, "trainSteps must be >= horizon = " + horizon + " (the runs"
                + " compare with training rows), got " + config.trainSteps());
        // a state kept after the update at step t predicts rows t + 1 .. t + horizon <= washout + trainSteps
        int first = config.washout();
        int last = config.washout() + config.trainSteps() - horizon;
        int[] keep = new int[runs];
        for (int k = 0; k < runs; k++) {
            keep[k] = runs == 1 ? last : first + (int) ((long) k * (last - first) / (runs - 1));
        }
        Run run = run(network, data, config, progress, keep);
        double[] variance = variances(data, config.rowsNeeded());
        double[] errors = new double[ridges.length];
        TrainedModel best = null;
        int chosen = -1;
        for (int c = 0; c < ridges.length; c++) {
            TrainedModel candidate = run.model(run.solve(ridges[c]));
            errors[c] = validationError(candidate, data, keep, run.kept(), horizon, variance);
            boolean better = chosen < 0 || errors[c] < errors[chosen]
                    || (errors[c] == errors[chosen] && ridges[c] > ridges[chosen]);
            if (better) {
                best = candidate;
                chosen = c;
            }
        }
        return new RidgeChoice(best, ridges[chosen], ridges, errors);
    }

    /** Each column's variance over rows {@code [0, rows)}; 1 for a constant column. */
    private static double[] variances(TimeSeries data, int rows) {
        int d = data.cols();
        double[] mean = new double[d];
        double[] variance = new double[d];
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.get(t, j) / rows;
            }
        }
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < d; j++) {
                double e = data.get(t, j) - mean[j];
                variance[j] += e * e / rows;
            }
        }
        for (int j = 0; j < d; j++) {
            variance[j] = variance[j] > 0 ? variance[j] : 1;
        }
        return variance;
    }

    private static double validationError(TrainedModel model, TimeSeries data, int[] keep, double[][] kept,
                                          int horizon, double[] variance) {
        double sum = 0;
        int d = data.cols();
        for (int k = 0; k < keep.length; k++) {
            TimeSeries run;
            try {
                run = model.forecast(kept[k], horizon, 0.0);
            } catch (ForecastDivergedException e) {
                return Double.POSITIVE_INFINITY;
            }
            for (int step = 0; step < horizon; step++) {
                for (int j = 0; j < d; j++) {
                    double e = run.get(step, j) - data.get(keep[k] + 1 + step, j);
                    sum += e * e / variance[j];
                }
            }
        }
        double error = sum / ((double) keep.length * horizon * d);
        return Double.isFinite(error) ? error : Double.POSITIVE_INFINITY;
    }

    /** A finished teacher-forced run: its accumulated ridge problem, the states kept, the final state. */
    private record Run(EchoState network, TrainingConfig config, ZScore zscore, double dt, double[] end,
                       RidgeAccumulator normal, QrRidgeAccumulator qr, double[][] kept) {

        RidgeReadout solve(double beta) {
            return qr != null ? qr.solve(beta) : normal.solve(beta);
        }

        TrainedModel model(RidgeReadout readout) {
            return new TrainedModel(network, config.transform(), readout, zscore, dt, end);
        }
    }

    /**
     * The teacher-forced run: checks the data, drives the reservoir from {@code x = 0} and
     * accumulates the ridge problem; keeps a copy of the state after the update at each step in
     * {@code keep} (ascending, within the training steps).
     */
    private static Run run(EchoState network, TimeSeries data, TrainingConfig config, Progress progress, int[] keep) {
        int d = network.inputDimension();
        if (data.cols() != d) {
            throw new IllegalArgumentException("data must have " + d + " columns (the reservoir's inputs), got "
                    + data.rows() + " x " + data.cols());
        }
        if (data.rows() < config.rowsNeeded()) {
            throw new IllegalArgumentException("data must have at least washout + trainSteps + 1 = "
                    + config.rowsNeeded() + " rows, got " + data.rows());
        }
        TimeSeries used = data.slice(0, config.rowsNeeded()).requireFinite("training data");
        ZScore zscore = config.standardize() ? ZScore.fit(used, 0, used.rows()) : ZScore.identity(d);
        int n = network.stateSize();
        int f = network.featureCount();
        int offset = network.featureOffset();
        double[] x = new double[n];
        double[] next = new double[n];
        double[] slice = new double[f];
        double[] features = new double[f];
        double[] raw = new double[d];
        double[] u = new double[d];
        double[] target = new double[d];
        boolean qr = config.solver() == TrainingConfig.Solver.QR;
        RidgeAccumulator accumulator = qr ? null : new RidgeAccumulator(f, d, config.bias());
        QrRidgeAccumulator qrAccumulator = qr ? new QrRidgeAccumulator(f, d) : null;
        SplittableRandom noise = config.noise() > 0 ? new Seeds(config.noiseSeed()).stream("noise") : null;
        boolean wholeState = config.transform() == StateTransform.IDENTITY && offset == 0 && f == n;
        double[][] kept = new double[keep.length][];
        int nextKeep = 0;
        int steps = config.washout() + config.trainSteps();
        for (int t = 0; t < steps; t++) {
            zscore.apply(used.rowInto(t, raw), u);
            network.update(x, u, next);
            double[] swap = x;
            x = next;
            next = swap;
            if (noise != null) {
                for (int i = 0; i < n; i++) {
                    x[i] += config.noise() * (2 * noise.nextDouble() - 1);
                }
            }
            while (nextKeep < keep.length && keep[nextKeep] == t) {
                kept[nextKeep++] = x.clone();
            }
            if (t >= config.washout()) {
                double[] row = x; // the accumulators copy the row: no copy needed when T is the identity on all of x
                if (!wholeState) {
                    System.arraycopy(x, offset, slice, 0, f);
                    config.transform().apply(slice, features);
                    row = features;
                }
                zscore.apply(used.rowInto(t + 1, raw), target);
                if (qr) {
                    qrAccumulator.add(row, target);
                } else {
                    accumulator.add(row, target);
                }
            }
            if ((t & 1023) == 1023) {
                progress.update(t + 1, steps);
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("training interrupted at step " + (t + 1) + " of " + steps);
                }
            }
        }
        progress.update(steps, steps);
        progress.finish();
        return new Run(network, config, zscore, data.dt(), x, accumulator, qrAccumulator, kept);
    }
}
