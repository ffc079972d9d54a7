package org.rclab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rclab.linalg.Cholesky;
import org.rclab.linalg.GramAccumulator;

/**
 * Gram accumulation {@code G += X^T X} as the trainer does it (T = 20000 rows in blocks of 512)
 * and the ridge solve {@code (G + beta I) W = B} with 3 right-hand sides.
 *
 * <pre>
 * mvn -B -Pbench -DskipTests package
 * java --add-modules jdk.incubator.vector -jar target/benchmarks.jar GramBenchmark
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 src/jmh/python/gram_reference.py
 * </pre>
 *
 * The forked JVMs get {@code --add-modules jdk.incubator.vector} from {@link Fork}; pass
 * {@code -p threads=1} for one core, {@code -jvmArgsPrepend -Dx} for other flags. For
 * {@code gram}, the secondary result {@code gflops} is GFLOP/s counting the symmetric
 * {@code N^2 T} flops (what OpenBLAS dsyrk is credited with in gram_reference.py).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class GramBenchmark {

    static final int T = 20_000;
    static final int BLOCK = 512;

    /** One trainer's worth of states: a block of 512 rows reused for all of T. */
    @State(Scope.Thread)
    public static class GramState {
        @Param({"500", "1000", "2000"})
        int n;
        @Param({"2"})
        int threads;

        double[] x;
        double[] g;
        GramAccumulator acc;

        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(1);
            x = new double[BLOCK * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble(-1, 1);
            }
            g = new double[n * n];
            acc = new GramAccumulator(n, threads);
            System.out.println("# kernel " + acc.kernel() + ", threads " + acc.threads());
        }
    }

    /** GFLOP counter, reported per second (= GFLOP/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
        }
    }

    /** G += X^T X over T = 20000 rows in blocks of 512 (upper triangle). */
    @Benchmark
    public double gram(GramState s, Flops f) {
        for (int t = 0; t < T; t += BLOCK) {
            s.acc.accumulate(s.x, Math.min(BLOCK, T - t), s.g);
        }
        f.gflops += (double) s.n * s.n * T * 1e-9;
        return s.g[s.g.length - 1];
    }

    /** An SPD G = X^T X (N + 50 rows) and 3 right-hand sides. */
    @State(Scope.Thread)
    public static class SolveState {
        @Param({"1000", "2000", "4000"})
        int n;
        @Param({"2"})
        int threads;

        double[] g;
        double[] b;
        double[] w;
        double[] work;

        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(2);
            int rows = n + 50;
            double[] x = new double[rows * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble(-1, 1);
            }
            g = new double[n * n];
            new GramAccumulator(n, threads).accumulate(x, rows, g);
            b = new double[n * 3];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextDouble(-1, 1);
            }
            w = new double[n * 3];
            work = new double[n * n];
        }
    }

    /**
     * (G + 1e-3 I) W = B by blocked Cholesky (copy of G's upper triangle into a reused work
     * array, factor, two triangular solves).
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double choleskySolve(SolveState s) {
        Cholesky.solve(s.g, s.n, 1e-3, s.b, 3, s.w, s.work, s.threads);
        return s.w[0];
    }

    /** The same through the convenience overload that allocates the n x n work copy per call. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double choleskySolveAllocating(SolveState s) {
        Cholesky.solve(s.g, s.n, 1e-3, s.b, 3, s.w, s.threads);
        return s.w[0];
    }
}
