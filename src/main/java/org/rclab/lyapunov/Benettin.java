package org.rclab.lyapunov;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.rclab.core.Checks;
import org.rclab.core.Progress;
import org.rclab.core.Seeds;
import org.rclab.dynamics.TangentMap;
import org.rclab.linalg.GramSchmidt;

/**
 * Lyapunov spectrum of a {@link TangentMap} by Benettin's method with QR re-orthonormalisation
 * (Benettin, Galgani, Giorgilli, Strelcyn 1980, Meccanica 15:9 and 15:21; Shimada &amp; Nagashima
 * 1979, Prog. Theor. Phys. 61:1605).
 *
 * <p>k tangent vectors are advanced with the state; every {@code orthonormalizeEvery} steps they
 * are re-orthonormalised, V = Q R, and the logarithms of R's diagonal accumulate. After T time
 * units {@code lambda_i = (1/T) sum log R_ii}. The run is split into blocks; the spread of the
 * block estimates gives a standard error, the movement of the running estimate over the last
 * quarter of the blocks a second convergence measure.
 *
 * <pre>{@code
 * var lorenz = new Rk4(Lorenz63.classic(), 0.01);
 * LyapunovSpectrum s = Benettin.spectrum(lorenz, new double[] {1, 1, 1},
 *         Benettin.Options.of(3, 10_000.0, lorenz.timeStep()));
 * }</pre>
 */
public final class Benettin {

    private Benettin() {
    }

    /**
     * What to compute and for how long.
     *
     * @param exponents           k, the number of leading exponents ({@code 1 <= k <= dimension})
     * @param warmupSteps         steps of the state alone, to reach the attractor
     * @param alignSteps          steps with tangent vectors that are not averaged, so they align
     *                            with the leading Lyapunov vectors
     * @param steps               steps averaged over
     * @param orthonormalizeEvery steps between QR re-orthonormalisations
     * @param blocks              blocks for the convergence estimate ({@code >= 4})
     * @param seed                seed of the random initial tangent vectors
     */
    public record Options(int exponents, long warmupSteps, long alignSteps, long steps, int orthonormalizeEvery,
                          int blocks, long seed) {

        public Options {
            Checks.positive("exponents", exponents);
            Checks.nonNegative("warmupSteps", (double) warmupSteps);
            Checks.nonNegative("alignSteps", (double) alignSteps);
            Checks.require(steps > 0, "steps must be positive, got " + steps);
            Checks.positive("orthonormalizeEvery", orthonormalizeEvery);
            Checks.require(blocks >= 4, "blocks must be at least 4, got " + blocks);
            Checks.require(steps >= (long) blocks * orthonormalizeEvery,
                    "steps must be at least blocks * orthonormalizeEvery = " + (long) blocks * orthonormalizeEvery
                            + ", got " + steps);
        }

        /**
         * k exponents averaged over {@code time} units with step {@code dt}: warm-up and alignment of
         * 5% of that time each, re-orthonormalisation every step, 20 blocks, seed 1.
         */
        public static Options of(int exponents, double time, double dt) {
            long steps = Math.max(80, Math.round(Checks.positive("time", time) / Checks.positive("dt", dt)));
            return new Options(exponents, steps / 20, steps / 20, steps, 1, 20, 1L);
        }

        public Options withOrthonormalizeEvery(int every) {
            return new Options(exponents, warmupSteps, alignSteps, steps, every, blocks, seed);
        }

        public Options withWarmup(long warmup, long align) {
            return new Options(exponents, warmup, align, steps, orthonormalizeEvery, blocks, seed);
        }

        public Options withSeed(long newSeed) {
            return new Options(exponents, warmupSteps, alignSteps, steps, orthonormalizeEvery, blocks, newSeed);
        }
    }

    /** The spectrum without progress reporting. */
    public static LyapunovSpectrum spectrum(TangentMap map, double[] initial, Options options) {
        return spectrum(map, initial, options, Progress.NONE);
    }

    /**
     * Computes the {@code options.exponents()} leading Lyapunov exponents of {@code map} from a copy
     * of {@code initial}. Checks for interruption between blocks.
     *
     * @throws CancellationException if the thread is interrupted
     * @throws ArithmeticException   if the state or a tangent vector turns non-finite
     */
    public static LyapunovSpectrum spectrum(TangentMap map, double[] initial, Options options, Progress progress) {
        int n = map.dimension();
        int k = options.exponents();
        Checks.length("initial", initial, n);
        Checks.finite("initial", initial);
        if (k > n) {
            throw new IllegalArgumentException("exponents must be at most the dimension " + n + ", got " + k);
        }
        long start = System.nanoTime();
        double[] x = initial.clone();
        long total = options.warmupSteps() + options.alignSteps() + options.steps();
        long done = 0;
        for (long s = 0; s < options.warmupSteps(); s++) {
            map.step(x);
            if ((++done & 4095) == 0) {
                progress.update(done, total);
                checkInterrupt(done);
            }
        }
        requireFinite(x, done, map.timeStep());

        double[][] v = randomTangents(k, n, new Seeds(options.seed()).stream("tangents"));
        double[] logR = new double[k];
        GramSchmidt.orthonormalize(v, logR);
        int every = options.orthonormalizeEvery();
        for (long s = 0; s < options.alignSteps(); s++) {
            map.step(x, v);
            if ((s + 1) % every == 0) {
                GramSchmidt.orthonormalize(v, logR);
            }
            if ((++done & 1023) == 0) {
                progress.update(done, total);
                checkInterrupt(done);
            }
        }
        GramSchmidt.orthonormalize(v, logR);

        int blocks = options.blocks();
        long qrs = options.steps() / every;
        double[][] blockSums = new double[blocks][k];
        double[] blockTime = new double[blocks];
        double h = map.timeStep();
        long measured = 0;
        for (int b = 0; b < blocks; b++) {
            long qrEnd = qrs * (b + 1) / blocks;
            long qrStart = qrs * b / blocks;
            for (long q = qrStart; q < qrEnd; q++) {
                for (int s = 0; s < every; s++) {
                    map.step(x, v);
                }
                GramSchmidt.orthonormalize(v, logR);
                for (int i = 0; i < k; i++) {
                    blockSums[b][i] += logR[i];
                }
                measured += every;
                done += every;
                if ((q & 255) == 0) {
                    progress.update(done, total);
                }
            }
            blockTime[b] = (qrEnd - qrStart) * every * h;
            requireFinite(x, done, h);
            checkInterrupt(done);
        }
        progress.update(total, total);
        progress.finish();
        return summarize(blockSums, blockTime, measured, (System.nanoTime() - start) * 1e-9);
    }

    /** Turns per-block sums of log R into exponents, standard errors and running spreads. */
    static LyapunovSpectrum summarize(double[][] blockSums, double[] blockTime, long steps, double seconds) {
        int blocks = blockSums.length;
        int k = blockSums[0].length;
        double totalTime = 0;
        for (double t : blockTime) {
            totalTime += t;
        }
        double[] lambda = new double[k];
        double[] stderr = new double[k];
        double[] spread = new double[k];
        int tail = Math.max(2, blocks / 4);
        for (int i = 0; i < k; i++) {
            double sum = 0;
            double mean = 0;
            double m2 = 0;
            double cumSum = 0;
            double cumTime = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < blocks; b++) {
                sum += blockSums[b][i];
                double est = blockSums[b][i] / blockTime[b];
                double delta = est - mean;
                mean += delta / (b + 1);
                m2 += delta * (est - mean);
                cumSum += blockSums[b][i];
                cumTime += blockTime[b];
                if (b >= blocks - tail) {
                    double running = cumSum / cumTime;
                    lo = Math.min(lo, running);
                    hi = Math.max(hi, running);
                }
            }
            lambda[i] = sum / totalTime;
            stderr[i] = Math.sqrt(m2 / (blocks - 1) / blocks);
            spread[i] = hi - lo;
        }
        return new LyapunovSpectrum(lambda, stderr, spread, LyapunovSpectrum.kaplanYorke(lambda), totalTime, steps,
                seconds);
    }

    /** k random Gaussian vectors of length n (not yet orthonormal). */
    static double[][] randomTangents(int k, int n, SplittableRandom random) {
        double[][] v = new double[k][n];
        for (double[] row : v) {
            for (int p = 0; p < n; p++) {
                row[p] = gaussian(random);
            }
        }
        return v;
    }

    /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static void checkInterrupt(long done) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Lyapunov computation interrupted after " + done + " steps");
        }
    }

    private static void requireFinite(double[] x, long step, double h) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new ArithmeticException("state turned non-finite (state[" + i + "] = " + x[i] + ") by t = "
                        + step * h + " (step " + step + ")");
            }
        }
    }
}
