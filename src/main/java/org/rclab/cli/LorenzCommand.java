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
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;
import org.rclab.forecast.ForecastDivergedException;
import org.rclab.forecast.Forecaster;
import org.rclab.forecast.ModelArchive;
import org.rclab.forecast.NextGenerationRc;
import org.rclab.forecast.NgrcConfig;
import org.rclab.forecast.TestWindows;
import org.rclab.forecast.TrainedModel;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.io.Csv;
import org.rclab.io.Npy;
import org.rclab.linalg.GramAccumulator;
import org.rclab.metrics.Climate;
import org.rclab.metrics.Metrics;
import org.rclab.plot.Figures;
import org.rclab.reservoir.DeepReservoir;
import org.rclab.reservoir.EchoState;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rclab lorenz}: the main job. An echo state network learns Lorenz-63 from data, forecasts
 * it from many test windows (valid prediction time in Lyapunov times), runs on its own for a long
 * time (climate: z-maxima return map and x, y, z distributions against the truth), and writes the
 * report, the forecasts and the figures.
 */
@Command(name = "lorenz", mixinStandardHelpOptions = true, sortOptions = false,
        header = "The main job: an echo state network learns Lorenz-63 (forecasts, climate, figures).",
        description = {"An echo state network learns the Lorenz-63 attractor from data: forecasts from test windows",
                "(valid prediction time in Lyapunov times), a long autonomous run compared with the true",
                "climate, figures and a report in --out."},
        footer = {"", "Example: rclab lorenz --size 1000 --out out/lorenz-small"})
final class LorenzCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "esn",
            description = "esn (one sparse reservoir), deepesn (--layers stacked reservoirs sharing --size nodes) or"
                    + " ngrc (Gauthier 2021 next-generation RC, k = 2, s = 1, quadratic; uses --ridge)"
                    + " (default: ${DEFAULT-VALUE})")
    ModelKind modelKind;

    /** The --model choices, named in lower case as the option takes them (any case is accepted). */
    enum ModelKind {
        ESN, DEEPESN, NGRC;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--layers", defaultValue = "4", description = "layers of the deepesn (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = {"-N", "--size"}, defaultValue = "2000",
            description = "reservoir nodes (all layers together for deepesn) (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--degree", defaultValue = "6", description = "average degree of W (default: ${DEFAULT-VALUE})")
    double degree;

    @Option(names = "--topology", defaultValue = "ERDOS_RENYI",
            description = "ERDOS_RENYI or FIXED_IN_DEGREE (default: ${DEFAULT-VALUE})")
    ReservoirConfig.Topology topology;

    @Option(names = "--spectral-radius", defaultValue = "0.9", description = "spectral radius of W (default: ${DEFAULT-VALUE})")
    double spectralRadius;

    @Option(names = "--leak", defaultValue = "1.0", description = "leak rate a in (0, 1] (default: ${DEFAULT-VALUE})")
    double leak;

    @Option(names = "--input-scaling", defaultValue = "0.1", description = "W_in entries in [-s, s] (default: ${DEFAULT-VALUE})")
    double inputScaling;

    @Option(names = "--input", defaultValue = "DENSE", description = "DENSE or BLOCKS (one input per node) (default: ${DEFAULT-VALUE})")
    ReservoirConfig.InputConnectivity input;

    @Option(names = "--bias", defaultValue = "0.5",
            description = "reservoir bias b in [-s, s]; breaks tanh's odd symmetry (default: ${DEFAULT-VALUE})")
    double bias;

    @Option(names = "--transform", defaultValue = "identity", converter = Main.TransformConverter.class,
            description = "state transform: identity, pathak, nlat1, nlat2, nlat3 (default: ${DEFAULT-VALUE})")
    StateTransform transform;

    @Option(names = "--ridge", defaultValue = "1e-6", description = "ridge parameter beta (default: ${DEFAULT-VALUE})")
    double ridge;

    @Option(names = "--washout", defaultValue = "1000", description = "washout steps (default: ${DEFAULT-VALUE})")
    int washout;

    @Option(names = "--train", defaultValue = "20000", description = "training steps (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--dt", defaultValue = "0.02", description = "sampling step of the data (default: ${DEFAULT-VALUE})")
    double dt;

    @Option(names = "--windows", defaultValue = "12", description = "test windows (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--sync", defaultValue = "500",
            description = "teacher-forced steps before each forecast (default: ${DEFAULT-VALUE})")
    int sync;

    @Option(names = "--horizon", defaultValue = "1500",
            description = "forecast steps per window (default: ${DEFAULT-VALUE} = 30 time units)")
    int horizon;

    @Option(names = "--autonomous", defaultValue = "50000",
            description = "steps of the long autonomous run, >= 1000 (default: ${DEFAULT-VALUE})")
    int autonomous;

    @Option(names = "--threshold", defaultValue = "0.4", description = "VPT error threshold (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--lambda-max", defaultValue = "0.9056",
            description = "largest Lyapunov exponent for Lyapunov times (default: ${DEFAULT-VALUE})")
    double lambdaMax;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the reservoir (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--out"}, defaultValue = "out/lorenz", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    /** The shortest autonomous run whose climate is compared (20 time units at dt = 0.02, about 25 z-maxima). */
    static final int MIN_AUTONOMOUS = 1000;

    private NgrcConfig ngrcConfig() {
        return NgrcConfig.gauthierLorenz().toBuilder().standardize(true).ridge(ridge).build();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        ReservoirConfig config;
        TrainingConfig training;
        TestWindows tests;
        try {
            config = ReservoirConfig.builder().size(size).averageDegree(degree).topology(topology)
                    .spectralRadius(spectralRadius).leakRate(leak).inputScaling(inputScaling).inputConnectivity(input)
                    .bias(bias).seed(seed).build();
            training = new TrainingConfig(washout, train, ridge, transform, true, true);
            for (var check : new Object[][] {{"--windows", windows}, {"--sync", sync}, {"--horizon", horizon}}) {
                Checks.positive((String) check[0], (Integer) check[1]);
            }
            Checks.require(autonomous >= MIN_AUTONOMOUS, "--autonomous must be >= " + MIN_AUTONOMOUS + " steps (the"
                    + " climate statistics compare z-maxima over at least that run), got " + autonomous);
            tests = new TestWindows(training.rowsNeeded(), windows, sync, horizon);
            Checks.positive("--threshold", threshold);
            Checks.positive("--lambda-max", lambdaMax);
            Checks.positive("--dt", dt);
            // the data start after a transient of 100 time units in RK4 steps of dt / 2
            Trajectory.wholeSteps("--dt: the transient of 100 time units", 100.0, dt / 2);
            if (modelKind == ModelKind.DEEPESN) {
                Checks.inRange("--layers", layers, 1, size);
                config.toBuilder().size(size / layers).build(); // each layer's config must be valid too
            }
            if (modelKind == ModelKind.NGRC) {
                int window = ngrcConfig().window();
                Checks.require(washout >= window, "--washout must be >= " + window + " (NG-RC's delay window), got " + washout);
                Checks.require(sync >= window, "--sync must be >= " + window + " (NG-RC's delay window), got " + sync);
            }
        } catch (IllegalArgumentException e) {
            throw Main.badArgument(spec, e);
        }
        Files.createDirectories(out);
        List<String> report = new ArrayList<>();
        Reports.say(log, report, String.format(Locale.ROOT, "rclab lorenz: N = %d, degree %s, rho = %s, leak %s, input scaling %s, "
                + "bias %s, transform %s, ridge %s, seed %d", size, degree, spectralRadius, leak, inputScaling, bias,
                transform, ridge, seed));

        // the Gram kernels compile on the idle core while the data are simulated and the reservoir is built
        GramAccumulator.warmUpInBackground();
        // 1. data: Lorenz-63 by RK4 at dt / 2, sampled every dt
        long t0 = System.nanoTime();
        int trainRows = training.rowsNeeded();
        var rk4 = new Rk4(Lorenz63.classic(), dt / 2);
        TimeSeries data = Trajectory.sample(rk4, new double[] {1, 1, 1}, 100.0, dt, tests.rowsNeeded());
        TimeSeries climateTruth = Trajectory.sample(new Rk4(Lorenz63.classic(), dt / 2),
                data.row(data.rows() - 1), 0L, 2, autonomous);
        double dataSeconds = Reports.seconds(t0);

        // 2. reservoir and training
        long t1 = System.nanoTime();
        Forecaster model;
        TrainedModel esn = null;
        switch (modelKind) {
            case ESN, DEEPESN -> {
                EchoState reservoir = modelKind == ModelKind.ESN ? Reservoir.create(config, 3)
                        : DeepReservoir.uniform(config, layers, size / layers, 3, false, true);
                double reservoirSeconds = Reports.seconds(t1);
                // the update compiled before the clock starts, as in a JVM that has trained before
                JitWarmUp.Result warm = JitWarmUp.compileUpdate(reservoir, 0.5);
                Trainer.Timed timed = Trainer.trainTimed(reservoir, data, training, ProgressBar.onTerminal("training"));
                esn = timed.model();
                model = esn;
                Reports.say(log, report, String.format(Locale.ROOT, "%s with %d nodes: data %.2f s, reservoir %.2f s,"
                                + " JIT warm-up of its update %.2f s (%d steps%s), training run %.2f s, fit %.2f s (rest of"
                                + " the Gram accumulation + %s), run + fit %.2f s", modelKind,
                        reservoir.stateSize(), dataSeconds, reservoirSeconds, warm.seconds(), warm.steps(),
                        warm.compiled() ? "" : ", stopped at its time limit", timed.runSeconds(), timed.fitSeconds(),
                        esn.readout().note(), timed.runSeconds() + timed.fitSeconds()));
            }
            case NGRC -> {
                NgrcConfig ngrc = ngrcConfig();
                model = NextGenerationRc.train(data, washout, trainRows, ngrc);
                Reports.say(log, report, String.format(Locale.ROOT, "NG-RC (k = %d, s = %d, order %d, z-scored, ridge %s)"
                                + " on %d rows: data %.2f s, fit %.2f s", ngrc.delays(), ngrc.skip(), ngrc.order(),
                        ngrc.ridge(), trainRows - washout, dataSeconds, Reports.seconds(t1)));
            }
            default -> throw new AssertionError(modelKind); // every kind is a case; the compiler wants model assigned
        }

        double trainingPeakMb = Reports.peakRssMb(); // the training's peak, to compare with ReservoirPy's run + fit

        // 3. forecasts from test windows
        long t2 = System.nanoTime();
        // a diverging window keeps its valid rows (padded with NaN), so its VPT counts the valid part
        TestWindows.Result scored = tests.forecast(model, data, Metrics.climateStd(data.slice(0, trainRows)), threshold,
                lambdaMax);
        double[] vpt = scored.vpt();
        double[] forecasts = new double[windows * horizon * 3];
        double[] truths = new double[windows * horizon * 3];
        for (int w = 0; w < windows; w++) {
            System.arraycopy(scored.forecast(w).toArray(), 0, forecasts, w * horizon * 3, horizon * 3);
            System.arraycopy(tests.truth(data, w).toArray(), 0, truths, w * horizon * 3, horizon * 3);
        }
        double forecastSeconds = Reports.seconds(t2);
        Reports.say(log, report, String.format(Locale.ROOT, "VPT (Lyapunov times, threshold %s) per window:%s", threshold,
                Reports.list(vpt)));
        Reports.say(log, report, String.format(Locale.ROOT, "VPT mean %.2f, median %.2f, min %.2f, max %.2f over %d windows "
                        + "(%d closed-loop steps each, %.3f s per window)", Metrics.mean(vpt), Metrics.median(vpt),
                Metrics.min(vpt), Metrics.max(vpt), windows, horizon, forecastSeconds / windows));

        // 4. climate of a long autonomous run
        long t3 = System.nanoTime();
        TimeSeries auto;
        try {
            auto = model.forecast(data, trainRows, sync, autonomous);
        } catch (ForecastDivergedException e) {
            Reports.say(log, report, "the autonomous run diverged: " + e.getMessage() + "; no climate statistics");
            AtomicFiles.writeString(out.resolve("report.md"), "# rclab lorenz report\n\n" + String.join("\n\n", report)
                    + "\n");
            log.flush();
            return 1;
        }
        double autoSeconds = Reports.seconds(t3);
        double[][] trueMap = Climate.returnMap(climateTruth.column(2));
        double[][] autoMap = Climate.returnMap(auto.column(2));
        // a model that settles on a fixed point or a cycle leaves too few maxima to compare: say so
        boolean maps = autoMap.length >= 2 && trueMap.length >= 2;
        double mapDistance = maps ? Climate.returnMapDistance(autoMap, trueMap) : Double.NaN;
        double[] w1 = new double[3];
        for (int j = 0; j < 3; j++) {
            w1[j] = Climate.wasserstein(auto.column(j), climateTruth.column(j));
        }
        double maxAbs = 0;
        for (double v : auto.toArray()) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        Reports.say(log, report, String.format(Locale.ROOT, "autonomous run of %d steps (%.0f time units) in %.2f s: max |x,y,z| = %.1f; "
                        + "%d z-maxima (truth %d)", autonomous, autonomous * dt, autoSeconds, maxAbs, autoMap.length + 1,
                trueMap.length + 1));
        Reports.say(log, report, String.format(Locale.ROOT, "climate distances to the truth: z-maxima return map %s "
                        + "(mean distance to the true map / std of z-maxima), Wasserstein-1 / std: x %.4f, y %.4f, z %.4f",
                maps ? String.format(Locale.ROOT, "%.4f", mapDistance) : "not computed (fewer than 3 z-maxima)",
                w1[0], w1[1], w1[2]));
        Reports.say(log, report, "forecast fingerprint " + Reports.fingerprint(forecasts) + " (equal fingerprints, identical forecasts)");

        // 5. files
        Npy.write(out.resolve("forecasts.npy"), new int[] {windows, horizon, 3}, forecasts);
        Npy.write(out.resolve("truth.npy"), new int[] {windows, horizon, 3}, truths);
        Npy.write(out.resolve("autonomous.npy"), auto);
        Csv.write(out.resolve("forecast-window0.csv"), scored.forecast(0));
        StringBuilder vptCsv = new StringBuilder("window,start_time,vpt_lyapunov_times\n");
        for (int w = 0; w < windows; w++) {
            vptCsv.append(w).append(',').append(data.time(tests.start(w))).append(',').append(vpt[w]).append('\n');
        }
        AtomicFiles.writeString(out.resolve("vpt.csv"), vptCsv);
        int median = Reports.medianIndex(vpt);
        Figures.forecast(tests.truth(data, median), scored.forecast(median), dt, lambdaMax, vpt[median],
                out.resolve("forecast"));
        Figures.errorCurves(scored.errorCurves(), dt, lambdaMax, threshold, out.resolve("error"));
        Figures.attractors(climateTruth, auto, out.resolve("attractor"));
        Figures.returnMaps(trueMap, autoMap, out.resolve("return-map"));
        Figures.histograms(climateTruth, auto, out.resolve("histograms"));
        boolean saved = esn != null && esn.network() instanceof Reservoir;
        if (saved) {
            ModelArchive.save(esn, out.resolve("model"));
        }
        Reports.say(log, report, String.format(Locale.ROOT, "peak resident memory %.0f MB (%.0f MB by the end of the"
                + " training)", Reports.peakRssMb(), trainingPeakMb));
        report.add(0, "# rclab lorenz report\n");
        AtomicFiles.writeString(out.resolve("report.md"), String.join("\n\n", report) + "\n");
        log.printf(Locale.ROOT, "wrote the report, forecasts (NPY, CSV), figures (PNG, SVG)%s to %s%n",
                saved ? " and the model (model/)" : "", out.toAbsolutePath());
        log.flush();
        return 0;
    }

}
