package org.rclab.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;

/** The closed-loop reservoir map and its tangent map. */
class ClosedLoopMapTest {

    @Test
    void deepClosedLoopTangentMatchesCentralDifferences() {
        TimeSeries data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 20.0, 0.02, 2200);
        var base = ReservoirConfig.builder().leakRate(0.8).bias(0.3).seed(5).build();
        for (boolean all : new boolean[] {true, false}) {
            var deep = org.rclab.reservoir.DeepReservoir.uniform(base, 2, 60, 3, false, all);
            TrainedModel model = Trainer.train(deep, data, new TrainingConfig(100, 2000, 1e-4,
                    StateTransform.PATHAK_SQUARE, true, true));
            var map = model.closedLoop();
            double[] r = model.trainingEndState();
            double[] dr = new double[120];
            for (int i = 0; i < 120; i++) {
                dr[i] = Math.cos(0.21 * i);
            }
            double[][] tangents = {dr.clone()};
            double[] state = r.clone();
            map.step(state, tangents);
            double eps = 1e-6;
            double[] rp = r.clone();
            double[] rm = r.clone();
            for (int i = 0; i < 120; i++) {
                rp[i] += eps * dr[i];
                rm[i] -= eps * dr[i];
            }
            map.step(rp);
            map.step(rm);
            for (int i = 0; i < 120; i++) {
                assertEquals((rp[i] - rm[i]) / (2 * eps), tangents[0][i], 1e-7, "readout on all layers " + all);
            }
        }
    }

    @Test
    void tangentMatchesCentralDifferencesForEveryTransform() {
        TimeSeries data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 20.0, 0.02, 2200);
        for (StateTransform t : StateTransform.values()) {
            var config = ReservoirConfig.builder().size(120).leakRate(0.7).bias(0.3).seed(3).build();
            TrainedModel model = Trainer.train(Reservoir.create(config, 3), data,
                    new TrainingConfig(100, 2000, 1e-4, t, true, true));
            var map = new ClosedLoopMap(model);
            double[] r = model.trainingEndState();
            double[] dr = new double[120];
            for (int i = 0; i < 120; i++) {
                dr[i] = Math.sin(0.37 * i + 1);
            }
            double[] state = r.clone();
            double[][] tangents = {dr.clone()};
            map.step(state, tangents);
            double[] alone = r.clone();
            map.step(alone);
            assertArrayEquals(alone, state, 0.0, t + ": the tangent step leaves the same state bits");
            double eps = 1e-6;
            double[] rp = r.clone();
            double[] rm = r.clone();
            for (int i = 0; i < 120; i++) {
                rp[i] += eps * dr[i];
                rm[i] -= eps * dr[i];
            }
            map.step(rp);
            map.step(rm);
            for (int i = 0; i < 120; i++) {
                assertEquals((rp[i] - rm[i]) / (2 * eps), tangents[0][i], 1e-7, t + " component " + i);
            }
        }
    }
}
