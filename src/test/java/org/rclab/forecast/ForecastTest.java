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
    void nonFiniteTeacherForcingDataNamesRowAndColumn() {
        // the check comes before any arithmetic, so an untrained model (random readout) will do
        Reservoir reservoir = Reservoir.create(config.toBuilder().size(50).build(), 3);
        double[] w = new double[3 * 50];
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextDouble() - 0.5;
        }
        TrainedModel model = new TrainedModel(reservoir, StateTransform.IDENTITY,
                new RidgeReadout(w, new double[3], 50, "test"), org.rclab.core.ZScore.fit(data, 0, 400), 0.02,
                new double[50]);
        TimeSeries clean = data.slice(0, 400);
        TimeSeries expected = model.teacherForced(clean, 300, 350);
        // a bad value in the teacher-forced rows [from, to)
        double[] forced = clean.toArray();
        forced[320 * 3 + 1] = Double.NaN;
        assertEquals("data has a non-finite value NaN at row 320, column 1 (y)", assertThrows(
                IllegalArgumentException.class,
                () -> model.teacherForced(TimeSeries.wrap(forced, 400, 3, 0, 0.02, data.names()), 300, 350))
                .getMessage());
        // a bad value in the synchronisation rows [0, from)
        double[] sync = clean.toArray();
        sync[5 * 3] = Double.POSITIVE_INFINITY;
        assertEquals("data has a non-finite value Infinity at row 5, column 0 (x)", assertThrows(
                IllegalArgumentException.class,
                () -> model.teacherForced(TimeSeries.wrap(sync, 400, 3, 0, 0.02, data.names()), 300, 350))
                .getMessage());
        // row to is only predicted, never read: a bad value there changes nothing
        double[] target = clean.toArray();
        target[350 * 3 + 2] = Double.NaN;
        TimeSeries got = model.teacherForced(TimeSeries.wrap(target, 400, 3, 0, 0.02, data.names()), 300, 350);
        assertArrayEquals(expected.toArray(), got.toArray(), 0.0);
        // synchronisation before a closed-loop forecast says the same
        assertEquals("data has a non-finite value NaN at row 320, column 1 (y)", assertThrows(
                IllegalArgumentException.class,
                () -> model.forecast(TimeSeries.wrap(forced, 400, 3, 0, 0.02, data.names()), 350, 100, 10))
                .getMessage());
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
