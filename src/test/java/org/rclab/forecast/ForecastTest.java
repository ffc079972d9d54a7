package org.rclab.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;
import org.rclab.metrics.Metrics;
import org.rclab.readout.RidgeReadout;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;

/** Training and forecasting a small ESN on Lorenz-63, and every bad input of the issue. */
class ForecastTest {

    static TimeSeries data;
    static TrainingConfig training = new TrainingConfig(200, 4000, 1e-6, StateTransform.IDENTITY, true, true);
    static ReservoirConfig config = ReservoirConfig.builder().size(300).bias(0.5).seed(7).build();

    @BeforeAll
    static void lorenz() {
        data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 50.0, 0.02, 7000);
    }

    @Test
    void smallEsnForecastsLorenzForSeveralLyapunovTimes() {
        TrainedModel model = Trainer.train(Reservoir.create(config, 3), data, training);
        double[] sigma = Metrics.climateStd(data.slice(0, 4201));
        double sum = 0;
        for (int w = 0; w < 5; w++) {
            int start = 4700 + w * 400;
            TimeSeries f = model.forecast(data, start, 300, 300);
            sum += Metrics.validPredictionTime(Metrics.errorCurve(data.slice(start, start + 300), f, sigma), 0.4, 0.02,
                    0.9056);
        }
        // N = 300 trained on 4000 steps: a few Lyapunov times (measured mean about 4.4)
        assertTrue(sum / 5 > 2.5, "mean VPT " + sum / 5);
        // one-step teacher-forced predictions are very accurate
        TimeSeries oneStep = model.teacherForced(data, 4300, 4400);
        assertTrue(Metrics.nrmse(data.slice(4301, 4401), oneStep, Metrics.Normalization.VARIANCE) < 1e-2);
    }

    @Test
    void sameSeedSameBits() {
        TrainedModel a = Trainer.train(Reservoir.create(config, 3), data, training);
        TrainedModel b = Trainer.train(Reservoir.create(config, 3), data, training);
        assertArrayEquals(a.forecast(data, 5000, 200, 500).toArray(), b.forecast(data, 5000, 200, 500).toArray(), 0.0);
    }

    @Test
    void qrSolverAndTrainingNoise() {
        TrainedModel normal = Trainer.train(Reservoir.create(config, 3), data, training);
        TrainedModel qr = Trainer.train(Reservoir.create(config, 3), data,
                training.withSolver(TrainingConfig.Solver.QR));
        assertEquals("QR", qr.readout().note());
        // the same least-squares problem: the one-step predictions agree closely
        TimeSeries a = normal.teacherForced(data, 4300, 4400);
        TimeSeries b = qr.teacherForced(data, 4300, 4400);
        assertTrue(Metrics.nrmse(a, b, Metrics.Normalization.VARIANCE) < 1e-4);
        var noisy = training.withNoise(1e-4, 9);
        assertArrayEquals(Trainer.train(Reservoir.create(config, 3), data, noisy).readout().weights(),
                Trainer.train(Reservoir.create(config, 3), data, noisy).readout().weights(), 0.0);
        assertEquals("the QR solver fits an unpenalised bias: bias must be true", assertThrows(
                IllegalArgumentException.class, () -> new TrainingConfig(10, 10, 0, StateTransform.IDENTITY, false, true,
                        TrainingConfig.Solver.QR, 0, 0)).getMessage());
    }

    /**
     * One run serves every candidate ridge: the chosen model is the one {@code train} gives for that
     * ridge (same bits), its validation error is the smallest, and an overwhelming ridge loses.
     */
    @Test
    void ridgeIsChosenByClosedLoopRunsOnTheTrainingData() {
        double[] ridges = {1e-8, 1e-6, 1e3};
        Trainer.RidgeChoice choice = Trainer.trainChoosingRidge(Reservoir.create(config, 3), data, training, ridges, 50,
                10, org.rclab.core.Progress.NONE);
        assertEquals(3, choice.errors().length);
        int best = 0;
        for (int c = 1; c < 3; c++) {
            best = choice.errors()[c] < choice.errors()[best] ? c : best;
        }
        assertEquals(ridges[best], choice.ridge());
        assertTrue(choice.ridge() < 1e3, "ridge 1e3 shrinks the readout towards the mean: " + choice.ridge());
        assertTrue(choice.errors()[2] > 10 * choice.errors()[best], java.util.Arrays.toString(choice.errors()));
        TrainedModel direct = Trainer.train(Reservoir.create(config, 3), data, training.withRidge(choice.ridge()));
        assertArrayEquals(direct.readout().weights(), choice.model().readout().weights(), 0.0);
        assertArrayEquals(direct.trainingEndState(), choice.model().trainingEndState(), 0.0);
        // bad requests name the parameter
        var none = assertThrows(IllegalArgumentException.class, () -> Trainer.trainChoosingRidge(
                Reservoir.create(config, 3), data, training, new double[0], 50, 10, org.rclab.core.Progress.NONE));
        assertTrue(none.getMessage().contains("ridges"), none.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> Trainer.trainChoosingRidge(
                Reservoir.create(config, 3), data, training, new double[] {1e-6, -1}, 50, 10,
                org.rclab.core.Progress.NONE));
        assertTrue(negative.getMessage().contains("ridges[i]"), negative.getMessage());
        var tooLong = assertThrows(IllegalArgumentException.class, () -> Trainer.trainChoosingRidge(
                Reservoir.create(config, 3), data, training, ridges, 5000, 10, org.rclab.core.Progress.NONE));
        assertTrue(tooLong.getMessage().contains("horizon"), tooLong.getMessage());
    }

    @Test
    void nonFiniteTrainingDataNamesRowAndColumn() {
        double[] values = data.slice(0, 4300).toArray();
        values[123 * 3 + 2] = Double.NaN;
        TimeSeries bad = TimeSeries.wrap(values, 4300, 3, 0, 0.02, data.names());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(Reservoir.create(config, 3), bad, training));
        assertEquals("training data has a non-finite value NaN at row 123, column 2 (z)", e.getMessage());
    }

    @Test
    void dimensionMismatchAndShortDataAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(Reservoir.create(config, 2), data, training));
        assertEquals("data must have 2 columns (the reservoir's inputs), got 7000 x 3", e.getMessage());
        var washout = new TrainingConfig(7000, 100, 1e-6, StateTransform.IDENTITY, true, true);
        var s = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(Reservoir.create(config, 3), data, washout));
        assertEquals("data must have at least washout + trainSteps + 1 = 7101 rows, got 7000", s.getMessage());
        assertEquals("ridge must be non-negative and finite, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> new TrainingConfig(10, 10, -1, StateTransform.IDENTITY, true, true)).getMessage());
    }

    @Test
    void divergingClosedLoopSaysAtWhichStep() {
        TrainedModel good = Trainer.train(Reservoir.create(config, 3), data, training);
        // tanh keeps the reservoir bounded, so only an overflowing readout can blow up: an output
        // of Double.MAX_VALUE overflows when scaled back to physical units by the std of x
        double[] w = good.readout().weights();
        java.util.Arrays.fill(w, 0, 300, 0.0);
        var exploding = new TrainedModel(good.reservoir(), StateTransform.IDENTITY,
                new RidgeReadout(w, new double[] {Double.MAX_VALUE, 0, 0}, 300, "test"), good.zscore(), 0.02,
                good.trainingEndState());
        var e = assertThrows(ArithmeticException.class, () -> exploding.forecast(good.trainingEndState(), 100, 0));
        assertEquals("closed-loop forecast turned non-finite (Infinity in variable 0) at step 0 of 100", e.getMessage());
    }
}
