package org.rclab.forecast;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.rclab.core.Progress;
import org.rclab.core.TimeSeries;
import org.rclab.core.Seeds;
import org.rclab.core.ZScore;
import org.rclab.readout.QrRidgeAccumulator;
import org.rclab.readout.RidgeAccumulator;
import org.rclab.readout.RidgeReadout;
import org.rclab.reservoir.EchoState;

/**
 * Teacher-forced training of an echo state network for one-step-ahead (and so closed-loop)
 * prediction (Jaeger &amp; Haas 2004; Pathak et al. 2017). Starting from {@code x = 0}, the reservoir
 * is driven by the data, {@code x(t+1) = F(x(t), u(t))}; after the washout each state
 * {@code T(x(t+1))} is paired with the next input {@code u(t+1)} in a streaming ridge regression.
 */
public final class Trainer {

    private Trainer() {
    }

    /** A trained model with the wall-clock seconds of its two phases. */
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
     * spent running the reservoir (with the Gram accumulation) and solving for the readout.
     */
    public static Timed trainTimed(EchoState network, TimeSeries data, TrainingConfig config, Progress progress) {
        long start = System.nanoTime();
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
            if (t >= config.washout()) {
                System.arraycopy(x, offset, slice, 0, f);
                config.transform().apply(slice, features);
                zscore.apply(used.rowInto(t + 1, raw), target);
                if (qr) {
                    qrAccumulator.add(features, target);
                } else {
                    accumulator.add(features, target);
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
        long run = System.nanoTime();
        RidgeReadout readout = qr ? qrAccumulator.solve(config.ridge()) : accumulator.solve(config.ridge());
        long fit = System.nanoTime();
        return new Timed(new TrainedModel(network, config.transform(), readout, zscore, data.dt(), x),
                (run - start) * 1e-9, (fit - run) * 1e-9);
    }
}
