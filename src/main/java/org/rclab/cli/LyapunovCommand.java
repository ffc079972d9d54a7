package org.rclab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rclab.core.Checks;
import org.rclab.core.ProgressBar;
import org.rclab.core.TimeSeries;
import org.rclab.forecast.ModelArchive;
import org.rclab.forecast.TrainedModel;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.forecast.ClosedLoopMap;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;
import org.rclab.dynamics.Trajectory;
import org.rclab.lyapunov.Benettin;
import org.rclab.lyapunov.LyapunovSpectrum;
import org.rclab.plot.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rclab lyapunov SYSTEM}: the Lyapunov spectrum of a true system by Benettin's method. */
@Command(name = "lyapunov", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Lyapunov spectrum of a system, optionally next to a trained reservoir's.",
        description = {"Lyapunov spectrum of a system (Benettin's method with QR), its Kaplan-Yorke dimension,",
                "a convergence estimate and how long it took.", "", SystemSetup.SYSTEMS_HELP},
        footer = {"", "Example: rclab lyapunov lorenz63 --time 20000",
                "         rclab lyapunov ks -p L=60 -p Q=128 --exponents 20",
                "         rclab lyapunov lorenz63 --esn          (true spectrum next to a trained ESN's)",
                "         rclab lyapunov lorenz63 --load out/lorenz/model"})
final class LyapunovCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SystemOptions systemOptions;

    @Option(names = {"-k", "--exponents"}, paramLabel = "K", description = "number of leading exponents (default: per system)")
    Integer exponents;

    @Option(names = "--time", paramLabel = "T", description = "averaging time in time units (default: per system)")
    Double time;

    @Option(names = "--transient", paramLabel = "T0", description = "warm-up time before tangents start (default: per system)")
    Double transientTime;

    @Option(names = "--qr-every", paramLabel = "N", defaultValue = "1",
            description = "steps between QR re-orthonormalisations (default: ${DEFAULT-VALUE})")
    int qrEvery;

    @Option(names = "--blocks", paramLabel = "B", defaultValue = "20",
            description = "blocks for the standard errors (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial tangent vectors (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--esn", description = "also train an echo state network on the system and compute its spectrum")
    boolean esn;

    @Option(names = "--load", paramLabel = "DIR", description = "compare with a saved model (from rclab lorenz) instead")
    Path load;

    @Option(names = {"-N", "--size"}, defaultValue = "1000", description = "ESN nodes (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--spectral-radius", defaultValue = "0.4",
            description = "ESN spectral radius; small values keep the reservoir's own exponents below the true"
                    + " negative ones (default: ${DEFAULT-VALUE})")
    double spectralRadius;

    @Option(names = "--input-scaling", defaultValue = "0.1", description = "ESN input scaling (default: ${DEFAULT-VALUE})")
    double inputScaling;

    @Option(names = "--bias", defaultValue = "0.5", description = "ESN bias scaling (default: ${DEFAULT-VALUE})")
    double bias;

    @Option(names = "--degree", defaultValue = "6", description = "ESN average degree (default: ${DEFAULT-VALUE})")
    double degree;

    @Option(names = "--leak", defaultValue = "1.0", description = "ESN leak rate (default: ${DEFAULT-VALUE})")
    double leak;

    @Option(names = "--transform", defaultValue = "identity", converter = Main.TransformConverter.class,
            description = "ESN state transform: identity, pathak, nlat1..3 (default: ${DEFAULT-VALUE})")
    StateTransform transform;

    @Option(names = "--ridge", defaultValue = "1e-6", description = "ESN ridge parameter (default: ${DEFAULT-VALUE})")
    double ridge;

    @Option(names = "--train", defaultValue = "20000", description = "ESN training steps (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--washout", defaultValue = "1000", description = "ESN washout steps (default: ${DEFAULT-VALUE})")
    int washout;

    @Option(names = "--esn-seed", defaultValue = "42", description = "ESN seed (default: ${DEFAULT-VALUE})")
    long esnSeed;

    @Option(names = {"-o", "--out"}, defaultValue = "out/lyapunov",
            description = "folder for the comparison table and figure (with --esn or --load) (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        SystemSetup setup;
        double t;
        int k;
        Benettin.Options options;
        // the ESN's settings are checked before the true spectrum is computed
        ReservoirConfig config = null;
        TrainingConfig training = null;
        TrainedModel loaded = null;
        Benettin.Options modelOptions = null;
        try {
            setup = systemOptions.create();
            double h = setup.map().timeStep();
            t = time == null ? setup.lyapunovTime() : time;
            double t0 = transientTime == null ? setup.transientTime() : transientTime;
            k = Checks.inRange("--exponents", exponents == null ? setup.exponents() : exponents, 1, setup.map().dimension());
            long steps = Math.max(1, Math.round(t / h));
            long warmup = Trajectory.wholeSteps("--transient", t0, h);
            options = new Benettin.Options(k, warmup, Math.max(1, steps / 20), steps, qrEvery, blocks, seed);
            double modelStep = Double.NaN;
            if (load != null) {
                Checks.require(Files.isDirectory(load), "--load must be a model folder (from rclab lorenz), got " + load);
                try {
                    loaded = ModelArchive.load(load);
                } catch (IOException e) {
                    throw new IllegalArgumentException("--load must be a model folder (from rclab lorenz): " + e.getMessage(), e);
                }
                modelStep = loaded.dt();
            } else if (esn) {
                config = ReservoirConfig.builder().size(size).averageDegree(degree).spectralRadius(spectralRadius)
                        .leakRate(leak).inputScaling(inputScaling).bias(bias).seed(esnSeed)
                        .inputConnectivity(setup.map().outputDimension() > 8 ? ReservoirConfig.InputConnectivity.BLOCKS
                                : ReservoirConfig.InputConnectivity.DENSE).build();
                training = new TrainingConfig(washout, train, ridge, transform, true, true);
                Trajectory.wholeSteps("--esn: the sample step", setup.sampleStep(), h);
                modelStep = setup.sampleStep();
            }
            if (load != null || esn) {
                // the model's spectrum runs in its own time step: its Benettin settings are checked now too
                long modelSteps = Math.max(1, Math.round(t / modelStep));
                modelOptions = new Benettin.Options(k, Math.max(1, modelSteps / 20), Math.max(1, modelSteps / 20),
                        modelSteps, qrEvery, blocks, seed);
            }
        } catch (IllegalArgumentException e) {
            throw Main.badArgument(spec, e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s %s: %d exponents, step %s, averaged over %s time units%n", setup.name(),
                setup.parameters(), k, setup.map().timeStep(), t);
        LyapunovSpectrum s = Benettin.spectrum(setup.map(), setup.initial(), options,
                ProgressBar.onTerminal("lyapunov"));
        PrintWriter log = spec.commandLine().getOut();
        log.print(s.table());
        log.flush();
        if (!esn && load == null) {
            return 0;
        }
        TrainedModel model;
        if (load != null) {
            model = loaded;
            log.printf(Locale.ROOT, "loaded %s: N = %d, dt = %s, transform %s%n", load, model.network().stateSize(), model.dt(),
                    model.transform());
        } else {
            TimeSeries data = Trajectory.sample(setup.map(), setup.initial(), setup.transientTime(), setup.sampleStep(),
                    training.rowsNeeded());
            long start = System.nanoTime();
            model = Trainer.train(Reservoir.create(config, data.cols()), data, training, ProgressBar.onTerminal("training"));
            log.printf(Locale.ROOT, "trained an ESN (N = %d, rho = %s, bias %s, transform %s, ridge %s) on %d steps "
                    + "sampled every %s in %.2f s%n", size, spectralRadius, bias, transform, ridge, train, setup.sampleStep(),
                    (System.nanoTime() - start) * 1e-9);
        }
        ClosedLoopMap map = new ClosedLoopMap(model);
        LyapunovSpectrum m = Benettin.spectrum(map, model.trainingEndState(), modelOptions,
                ProgressBar.onTerminal("ESN lyapunov"));
        String table = LyapunovSpectrum.comparison(setup.name(), s, m);
        log.print(table);
        Files.createDirectories(out);
        org.rclab.core.AtomicFiles.writeString(out.resolve("spectra.md"), table);
        Figures.spectra("Lyapunov spectrum of " + setup.name() + ": truth and reservoir", s.exponents(),
                m.exponents(), out.resolve("spectra"));
        log.printf(Locale.ROOT, "wrote %s and %s%n", out.resolve("spectra.md"), out.resolve("spectra.png"));
        log.flush();
        return 0;
    }
}
