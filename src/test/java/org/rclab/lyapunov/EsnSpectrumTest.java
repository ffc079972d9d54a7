package org.rclab.lyapunov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;
import org.rclab.forecast.ClosedLoopMap;
import org.rclab.forecast.TrainedModel;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;

/**
 * The headline of Pathak et al. 2017: a reservoir trained only on Lorenz-63 data reproduces its
 * Lyapunov spectrum. Tolerances from issue 4: lambda_1 within 5% of 0.906, lambda_2 within 0.05 of
 * 0, lambda_3 within 7% of -14.57.
 */
class EsnSpectrumTest {

    @Test
    void trainedReservoirReproducesTheLorenzSpectrum() {
        TimeSeries data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 100.0, 0.02, 21001);
        var config = ReservoirConfig.builder().size(500).spectralRadius(0.4).bias(0.5).seed(1).build();
        TrainedModel model = Trainer.train(Reservoir.create(config, 3), data, TrainingConfig.lorenzDefaults());
        LyapunovSpectrum s = Benettin.spectrum(new ClosedLoopMap(model), model.trainingEndState(),
                Benettin.Options.of(3, 1000, 0.02));
        assertEquals(0.906, s.exponent(0), 0.05 * 0.906, s.table());
        assertEquals(0.0, s.exponent(1), 0.05, s.table());
        assertEquals(-14.57, s.exponent(2), 0.07 * 14.57, s.table());
    }
}
