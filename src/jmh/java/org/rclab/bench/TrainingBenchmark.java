package org.rclab.bench;

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
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;
import org.rclab.forecast.TrainedModel;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;

/**
 * The training of {@code ./rclab lorenz} (run + fit) in a JVM whose JIT has compiled it: N = 2000,
 * degree 6, rho 0.9, leak 1, input scaling 0.1, bias 0.5, 1000 washout and 20000 training steps
 * of Lorenz-63 at dt = 0.02, z-scored, ridge 1e-6. The launcher's report times the same training
 * in a fresh JVM, where the first few thousand steps and blocks run before the JIT has caught up;
 * here every shot after the warm-up ones runs compiled code.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar target/benchmarks.jar TrainingBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class TrainingBenchmark {

    Reservoir reservoir;
    TimeSeries data;
    TrainingConfig training;

    @Setup
    public void setup() {
        training = TrainingConfig.lorenzDefaults();
        data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 100.0, 0.02,
                training.rowsNeeded());
        reservoir = Reservoir.create(ReservoirConfig.builder().size(2000).averageDegree(6).spectralRadius(0.9)
                .leakRate(1.0).inputScaling(0.1).bias(0.5).seed(42).build(), 3);
    }

    @Benchmark
    public TrainedModel lorenzRunAndFit() {
        return Trainer.train(reservoir, data, training);
    }
}
