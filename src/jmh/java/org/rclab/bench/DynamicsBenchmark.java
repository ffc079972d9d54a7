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
import org.rclab.dynamics.KuramotoSivashinsky;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.lyapunov.Benettin;
import org.rclab.lyapunov.LyapunovSpectrum;

/**
 * Integrator and Lyapunov costs of the true systems.
 *
 * <pre>
 * mvn -B -Pbench -DskipTests package
 * java -jar target/benchmarks.jar DynamicsBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DynamicsBenchmark {

    /** One RK4 step of Lorenz-63, state only. */
    @State(Scope.Thread)
    public static class LorenzState {
        final Rk4 rk4 = new Rk4(Lorenz63.classic(), 0.01);
        double[] x;

        @Setup
        public void setup() {
            x = new double[] {-5.76, -10.35, 16.5};
        }
    }

    @Benchmark
    public double rk4StepLorenz63(LorenzState s) {
        s.rk4.step(s.x);
        return s.x[0];
    }

    /** One ETDRK4 step of Kuramoto-Sivashinsky on the attractor (L = 22 for Q = 64, L = 200 for Q = 512). */
    @State(Scope.Thread)
    public static class KsState {
        @Param({"64", "512"})
        public int q;
        KuramotoSivashinsky.Etdrk4 step;
        double[] u;

        @Setup
        public void setup() {
            var ks = KuramotoSivashinsky.of(q == 64 ? 22 : 200, q);
            step = ks.etdrk4(0.25);
            u = ks.initialCondition(new SplittableRandom(1));
            for (int s = 0; s < 4000; s++) {
                step.step(u);
            }
        }
    }

    @Benchmark
    public double etdrk4StepKuramotoSivashinsky(KsState s) {
        s.step.step(s.u);
        return s.u[0];
    }

    /** The full Lorenz-63 spectrum over 1000 time units (100 000 RK4 steps with 3 tangents). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public double lyapunovSpectrumLorenz63() {
        LyapunovSpectrum s = Benettin.spectrum(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1},
                new Benettin.Options(3, 1_000, 1_000, 100_000, 1, 20, 1));
        return s.exponent(0);
    }
}
