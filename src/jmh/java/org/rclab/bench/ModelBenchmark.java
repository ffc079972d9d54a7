package org.rclab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.KuramotoSivashinsky;
import org.rclab.dynamics.Trajectory;
import org.rclab.forecast.ClosedLoopMap;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.linalg.GramSchmidt;
import org.rclab.reservoir.DeepReservoir;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;

/**
 * Costs of trained models: one closed-loop step of a KS reservoir (N = 3000, 64 inputs, Pathak's
 * transform) with k = 20 tangent vectors and their QR, and DeepESN state collection against the
 * same layers run as separate single reservoirs.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar target/benchmarks.jar ModelBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ModelBenchmark {

    /** A KS reservoir trained briefly, with 20 tangent vectors. */
    @State(Scope.Thread)
    public static class Tangents {
        ClosedLoopMap map;
        double[] r;
        double[][] v;
        double[] logR = new double[20];

        @Setup
        public void setup() {
            var ks = KuramotoSivashinsky.of(22, 64);
            TimeSeries data = Trajectory.sample(ks.etdrk4(0.25), ks.initialCondition(new SplittableRandom(1)), 4000L, 1,
                    3001);
            var config = ReservoirConfig.builder().size(3000).averageDegree(3).spectralRadius(0.6).inputScaling(0.5)
                    .inputConnectivity(ReservoirConfig.InputConnectivity.BLOCKS).bias(0).seed(1).build();
            var model = Trainer.train(Reservoir.create(config, 64), data,
                    new TrainingConfig(500, 2500, 1e-4, StateTransform.PATHAK_SQUARE, true, true));
            map = model.closedLoop();
            r = model.trainingEndState();
            v = new double[20][3000];
            SplittableRandom random = new SplittableRandom(2);
            for (double[] row : v) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextDouble() - 0.5;
                }
            }
            GramSchmidt.orthonormalize(v, logR);
        }
    }

    /** One closed-loop step with 20 tangents (no QR). */
    @Benchmark
    public double tangentStepK20(Tangents s) {
        s.map.step(s.r, s.v);
        return s.v[0][0];
    }

    /** One QR re-orthonormalisation of 20 vectors of length 3000. */
    @Benchmark
    public double qrK20(Tangents s) {
        GramSchmidt.orthonormalize(s.v, s.logR);
        return s.logR[0];
    }

    /** A 4-layer DeepESN (4 x 500 nodes) and the same four layers as separate reservoirs. */
    @State(Scope.Thread)
    public static class Deep {
        DeepReservoir deep;
        List<Reservoir> singles = new ArrayList<>();
        double[] x;
        double[] next;
        double[][] xs;
        double[][] nexts;
        double[] u = {0.1, -0.3, 0.2};

        @Setup
        public void setup() {
            var base = ReservoirConfig.builder().averageDegree(6).bias(0.5).seed(3).build();
            deep = DeepReservoir.uniform(base, 4, 500, 3, false, true);
            for (Reservoir layer : deep.layers()) {
                singles.add(layer);
            }
            x = new double[2000];
            next = new double[2000];
            xs = new double[4][500];
            nexts = new double[4][500];
        }
    }

    /** One update of the 4-layer DeepESN. */
    @Benchmark
    public double deepUpdate(Deep s) {
        s.deep.update(s.x, s.u, s.next);
        return s.next[0];
    }

    /** The four layers updated one after another as independent reservoirs, with their own inputs. */
    @Benchmark
    public double fourSingleUpdates(Deep s) {
        s.singles.get(0).update(s.xs[0], s.u, s.nexts[0]);
        for (int l = 1; l < 4; l++) {
            s.singles.get(l).update(s.xs[l], s.nexts[l - 1], s.nexts[l]);
        }
        return s.nexts[3][0];
    }
}
