package org.rclab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rclab.core.AtomicFiles;
import org.rclab.core.Checks;
import org.rclab.core.ProgressBar;
import org.rclab.core.Seeds;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.KuramotoSivashinsky;
import org.rclab.dynamics.Trajectory;
import org.rclab.forecast.ClosedLoopMap;
import org.rclab.forecast.ModelArchive;
import org.rclab.forecast.TestWindows;
import org.rclab.forecast.TrainedModel;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.io.Npy;
import org.rclab.linalg.GramAccumulator;
import org.rclab.lyapunov.Benettin;
import org.rclab.lyapunov.LyapunovSpectrum;
import org.rclab.metrics.Climate;
import org.rclab.metrics.Metrics;
import org.rclab.plot.Figure;
import org.rclab.plot.Figures;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rclab ks}: a single reservoir learns Kuramoto-Sivashinsky (Pathak, Lu, Hunt, Girvan, Ott
 * 2017, Chaos 27:121102; Pathak, Hunt, Girvan, Lu, Ott 2018, PRL 120:024102): forecasts from test
 * windows with their VPT in Lyapunov times of the true system, the reservoir's Lyapunov spectrum
 * next to the true one, the power spectrum of a long autonomous run, and space-time heatmaps.
 */
@Command(name = "ks", mixinStandardHelpOptions = true, sortOptions = false,
        header = "A reservoir learns Kuramoto-Sivashinsky (VPT, Lyapunov spectra, power spectrum, heatmaps).",
        description = {"A reservoir learns the Kuramoto-Sivashinsky equation: forecasts (VPT in Lyapunov times), the",
                "reservoir's Lyapunov spectrum against the true one, the climate's power spectrum and space-time",
                "heatmaps in --out. Defaults follow Pathak et al. 2017/2018 (L = 22, Q = 64, dt = 0.25, degree 3, one",
                "input per node block, squaring of odd nodes) with radius, input scaling and ridge tuned for forecast",
                "skill and climate together."},
        footer = {"", "Example: rclab ks --size 1000 --train 20000 --out out/ks-small"})
final class KsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-L", defaultValue = "22", description = "domain length (default: ${DEFAULT-VALUE})")
    double length;

    @Option(names = "-Q", defaultValue = "64", description = "grid points (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--mu", defaultValue = "0", description = "Pathak 2017 inhomogeneity strength (default: ${DEFAULT-VALUE})")
    double mu;

    @Option(names = "--lambda", defaultValue = "0", description = "its wavelength, 0 for L (default: ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--dt", defaultValue = "0.25", description = "time step (default: ${DEFAULT-VALUE})")
    double dt;

    @Option(names = {"-N", "--size"}, defaultValue = "3000", description = "reservoir nodes (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--degree", defaultValue = "3", description = "average degree (default: ${DEFAULT-VALUE})")
    double degree;

    @Option(names = "--spectral-radius", defaultValue = "0.5",
            description = "spectral radius; Pathak's code used 0.6 (default: ${DEFAULT-VALUE})")
    double spectralRadius;

    @Option(names = "--input-scaling", defaultValue = "0.3",
            description = "input scaling (inputs are z-scored); Pathak's code used 0.5 (default: ${DEFAULT-VALUE})")
    double inputScaling;

    @Option(names = "--bias", defaultValue = "0", description = "bias scaling (default: ${DEFAULT-VALUE})")
    double bias;

    @Option(names = "--leak", defaultValue = "1.0", description = "leak rate (default: ${DEFAULT-VALUE})")
    double leak;

    @Option(names = "--transform", defaultValue = "pathak", converter = Main.TransformConverter.class,
            description = "state transform: identity, pathak, nlat1..3 (default: ${DEFAULT-VALUE})")
    StateTransform transform;

    @Option(names = "--ridge", defaultValue = "1e-6",
            description = "ridge parameter; Pathak's code used 1e-4 (default: ${DEFAULT-VALUE})")
    double ridge;

    @Option(names = "--washout", defaultValue = "1000", description = "washout steps (default: ${DEFAULT-VALUE})")
    int washout;

    @Option(names = "--train", defaultValue = "70000", description = "training steps (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--windows", defaultValue = "10", description = "test windows (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--sync", defaultValue = "200", description = "teacher-forced steps per window (default: ${DEFAULT-VALUE})")
    int sync;

    @Option(names = "--horizon", defaultValue = "800", description = "forecast steps per window (default: ${DEFAULT-VALUE})")
    int horizon;

    @Option(names = "--threshold", defaultValue = "0.4", description = "VPT threshold (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = {"-k", "--exponents"}, defaultValue = "10",
            description = "Lyapunov exponents of truth and reservoir, 0 to skip (default: ${DEFAULT-VALUE})")
    int exponents;

    @Option(names = "--lyapunov-time", defaultValue = "5000",
            description = "averaging time of both spectra (default: ${DEFAULT-VALUE})")
    double lyapunovTime;

    @Option(names = "--autonomous", defaultValue = "20000",
            description = "steps of the autonomous run for the power spectrum (default: ${DEFAULT-VALUE})")
    int autonomous;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--out"}, defaultValue = "out/ks", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        KuramotoSivashinsky ks;
        ReservoirConfig config;
        TrainingConfig training;
        TestWindows tests;
        int k = Math.max(1, exponents);
        long steps = Math.round(lyapunovTime / dt);
        Benettin.Options truthOptions;
        try {
            ks = new KuramotoSivashinsky(length, points, mu, lambda == 0 ? length : lambda);
            config = ReservoirConfig.builder().size(size).averageDegree(degree).spectralRadius(spectralRadius)
                    .inputScaling(inputScaling).bias(bias).leakRate(leak)
                    .inputConnectivity(ReservoirConfig.InputConnectivity.BLOCKS).seed(seed).build();
            training = new TrainingConfig(washout, train, ridge, transform, true, true);
            Checks.positive("--dt", dt);
            Checks.positive("--windows", windows);
            Checks.positive("--sync", sync);
            Checks.positive("--horizon", horizon);
            tests = new TestWindows(training.rowsNeeded(), windows, sync, horizon);
            Checks.positive("--threshold", threshold);
            Checks.inRange("--exponents", exponents, 0, points);
            Checks.positive("--autonomous", autonomous);
            Checks.positive("--lyapunov-time", lyapunovTime);
            truthOptions = new Benettin.Options(k, 0, steps / 20, steps, 1, 20, seed);
        } catch (IllegalArgumentException e) {
            throw Main.badArgument(spec, e);
        }
        Files.createDirectories(out);
        List<String> report = new ArrayList<>();
        Reports.say(log, report, String.format(Locale.ROOT, "rclab ks: L = %s, Q = %d, mu = %s, dt = %s; N = %d, degree %s, "
                        + "rho = %s, input scaling %s, bias %s, transform %s, ridge %s, %d training steps, seed %d", length,
                points, mu, dt, size, degree, spectralRadius, inputScaling, bias, training.transform(), ridge, train, seed));

        // the Gram kernels compile on the idle core while the true system is simulated
        GramAccumulator.warmUpInBackground();
        // 1. the true system: data and spectrum
        long t0 = System.nanoTime();
        double[] u0 = ks.initialCondition(new Seeds(seed).stream("ks-initial"));
        int trainRows = training.rowsNeeded();
        TimeSeries data = Trajectory.sample(ks.etdrk4(dt), u0, 4000L, 1, tests.rowsNeeded());
        double dataSeconds = Reports.seconds(t0);
        // the data have zero mean (mu = 0 conserves it), so the spectrum a model can reproduce is the
        // one on the mean-free subspace: without the Galilean zero exponent
        boolean meanFree = ks.isHomogeneous();
        LyapunovSpectrum truth = Benettin.spectrum(meanFree ? ks.etdrk4MeanFree(dt) : ks.etdrk4(dt), data.row(0),
                truthOptions, ProgressBar.onTerminal("true spectrum"));
        double lambdaMax = truth.exponent(0);
        Reports.say(log, report, String.format(Locale.ROOT, "data %.2f s; true lambda_1 = %.4f (Lyapunov time %.1f), "
                        + "D_KY %.2f%s, %.1f s", dataSeconds, lambdaMax, 1 / lambdaMax, truth.kaplanYorke(),
                meanFree ? " on mean-free fields (the Galilean mode adds one zero exponent and 1 to D_KY)" : "",
                truth.seconds()));

        // 2. training
        long t1 = System.nanoTime();
        Reservoir reservoir = Reservoir.create(config, points);
        double reservoirSeconds = Reports.seconds(t1);
        var timed = Trainer.trainTimed(reservoir, data, training, ProgressBar.onTerminal("training"));
        TrainedModel model = timed.model();
        Reports.say(log, report, String.format(Locale.ROOT, "reservoir %.2f s, training run %.2f s, "
                        + "fit %.2f s (rest of the Gram accumulation + %s), "
                        + "heap in use %.0f MB", reservoirSeconds, timed.runSeconds(), timed.fitSeconds(),
                model.readout().note(), Reports.usedHeapMb()));

        // 3. forecasts
        TestWindows.Result scored = tests.forecast(model, data, Metrics.climateStd(data.slice(0, trainRows)), threshold,
                lambdaMax);
        double[] vpt = scored.vpt();
        Reports.say(log, report, String.format(Locale.ROOT, "VPT (Lyapunov times) per window:%s", Reports.list(vpt)));
        Reports.say(log, report, String.format(Locale.ROOT, "VPT mean %.2f, median %.2f, min %.2f, max %.2f over %d windows",
                Metrics.mean(vpt), Metrics.median(vpt), Metrics.min(vpt), Metrics.max(vpt), windows));

        // 4. the reservoir's Lyapunov spectrum
        LyapunovSpectrum esn = null;
        if (exponents > 0) {
            esn = Benettin.spectrum(new ClosedLoopMap(model), model.trainingEndState(),
                    new Benettin.Options(k, steps / 20, steps / 20, steps, 1, 20, seed),
                    ProgressBar.onTerminal("ESN spectrum"));
            String table = LyapunovSpectrum.comparison("Kuramoto-Sivashinsky L = " + length, truth, esn);
            log.print(table);
            report.add(table);
            Figures.spectra("Lyapunov spectrum of KS L = " + length + ": truth and reservoir", truth.exponents(),
                    esn.exponents(), out.resolve("spectra"));
        }

        // 5. climate: the spatial power spectrum of a long autonomous run
        TimeSeries auto = model.forecast(model.trainingEndState(), autonomous, data.time(trainRows));
        double[][] pTrue = Climate.spatialPowerSpectrum(data.slice(0, trainRows), length);
        double[][] pAuto = Climate.spatialPowerSpectrum(auto, length);
        double logError = 0;
        int modes = 0;
        for (int n = 1; n < pTrue[0].length; n++) {
            if (pTrue[1][n] > 1e-10 * pTrue[1][1]) {
                logError += Math.abs(Math.log10(pAuto[1][n] / pTrue[1][n]));
                modes++;
            }
        }
        Reports.say(log, report, String.format(Locale.ROOT, "autonomous run of %d steps: spatial power spectrum within a "
                + "mean factor of %.3f of the truth over %d modes (mean |log10 ratio| %.4f)", autonomous,
                Math.pow(10, logError / modes), modes, logError / modes));

        // 6. files and figures
        int median = Reports.medianIndex(vpt);
        Figures.heatmaps(tests.truth(data, median), scored.forecast(median), ks.grid(), dt, lambdaMax, vpt[median],
                out.resolve("heatmaps"));
        Figure.of(1, Figure.panel("Spatial power spectrum, training data vs autonomous reservoir", "wavenumber k",
                                "mean |u_k|^2").withLogY()
                        .markers("truth", tail(pTrue[0]), tail(pTrue[1]), Figure.BLACK)
                        .markers("reservoir, autonomous", tail(pAuto[0]), tail(pAuto[1]), Figure.RED))
                .cellSize(800, 480).write(out.resolve("power-spectrum"));
        Npy.write(out.resolve("forecast-median-window.npy"), scored.forecast(median));
        Npy.write(out.resolve("autonomous.npy"), auto);
        ModelArchive.save(model, out.resolve("model"));
        report.add(0, "# rclab ks report\n");
        AtomicFiles.writeString(out.resolve("report.md"), String.join("\n\n", report) + "\n");
        log.printf(Locale.ROOT, "wrote the report, figures, forecasts and the model to %s%n", out.toAbsolutePath());
        log.flush();
        return 0;
    }

    /** Drops the k = 0 entry (the conserved mean) for log plots. */
    private static double[] tail(double[] v) {
        return java.util.Arrays.copyOfRange(v, 1, v.length);
    }
}
