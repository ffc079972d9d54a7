package org.rclab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rclab.core.FastMath;
import org.rclab.linalg.LeakyTanh;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;

/**
 * One reservoir update {@code x' = tanh(W x + W_in u + b)} (N nodes, degree 6, 3 inputs) against
 * the lower bound: the CSR product alone plus the scalar exp-based tanh ({@code FastMath})
 * alone. The update's own activation pass ({@link LeakyTanh}: the same tanh in loops C2
 * vectorises) is timed alone too; with it the update runs below that bound.
 *
 * <pre>
 * java -jar target/benchmarks.jar ReservoirBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class ReservoirBenchmark {

    @Param({"2000"})
    public int n;

    Reservoir reservoir;
    Reservoir blockInput;
    double[] x;
    double[] next;
    double[] y;
    double[] u = {0.3, -0.2, 0.5};

    @Setup
    public void setup() {
        ReservoirConfig config = ReservoirConfig.builder().size(n).averageDegree(6).bias(0.5).seed(1).build();
        reservoir = Reservoir.create(config, 3);
        blockInput = Reservoir.create(config.toBuilder().inputConnectivity(ReservoirConfig.InputConnectivity.BLOCKS).build(), 3);
        x = new double[n];
        next = new double[n];
        y = new double[n];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
    }

    @Benchmark
    public double update() {
        reservoir.update(x, u, next);
        return next[0];
    }

    /** The same update with one input per node (Pathak's blocks) instead of a dense W_in. */
    @Benchmark
    public double updateBlockInput() {
        blockInput.update(x, u, next);
        return next[0];
    }

    @Benchmark
    public double csrProductOnly() {
        reservoir.w().multiply(x, y);
        return y[0];
    }

    @Benchmark
    public double expTanhOnly() {
        for (int i = 0; i < n; i++) {
            y[i] = FastMath.tanh(x[i] * 3);
        }
        return y[0];
    }

    /** The update's activation pass as the reservoir runs it ({@link LeakyTanh}: FastMath's tanh, vectorised by C2). */
    @Benchmark
    public double leakyTanhOnly() {
        System.arraycopy(x, 0, y, 0, n);
        LeakyTanh.apply(y, x, 0, n, 1.0, null);
        return y[0];
    }

    @Benchmark
    public double mathTanhOnly() {
        for (int i = 0; i < n; i++) {
            y[i] = Math.tanh(x[i] * 3);
        }
        return y[0];
    }
}
