package org.rclab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.Trajectory;
import org.rclab.io.Csv;
import org.rclab.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rclab simulate SYSTEM}: a sampled trajectory written as CSV or NPY. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Writes a sampled trajectory of a system as CSV or NPY.",
        description = {"Integrates a system, discards a transient and writes the sampled trajectory",
                "(rows = time) as CSV (with a time column) or NPY (numpy's np.load reads it).", "",
                SystemSetup.SYSTEMS_HELP},
        footer = {"", "Example: rclab simulate lorenz63 --samples 10000 --sample-step 0.02 --out lorenz.npy"})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SystemOptions systemOptions;

    @Option(names = {"-n", "--samples"}, paramLabel = "N", defaultValue = "10000",
            description = "number of samples (rows) (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--sample-step", paramLabel = "DT",
            description = "time between samples, a whole multiple of dt (default: per system)")
    Double sampleStep;

    @Option(names = "--transient", paramLabel = "T0", description = "time discarded before the first sample (default: per system)")
    Double transientTime;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "output file, .csv or .npy")
    Path out;

    @Override
    public Integer call() throws Exception {
        String file = out.getFileName().toString().toLowerCase(Locale.ROOT);
        SystemSetup setup;
        double step;
        double t0;
        try {
            Checks.require(file.endsWith(".csv") || file.endsWith(".npy"), "--out must end in .csv or .npy, got " + out);
            setup = systemOptions.create();
            double h = setup.map().timeStep();
            step = sampleStep == null ? setup.sampleStep() : sampleStep;
            t0 = transientTime == null ? setup.transientTime() : transientTime;
            Checks.positive("--samples", samples);
            Checks.nonNegative("--transient", t0);
            Trajectory.wholeSteps("--transient", t0, h);
            Checks.positive("--sample-step", step);
            Checks.require(Trajectory.wholeSteps("--sample-step", step, h) >= 1,
                    "--sample-step must be at least the integration step " + h + ", got " + step);
        } catch (IllegalArgumentException e) {
            throw Main.badArgument(spec, e);
        }
        long start = System.nanoTime();
        TimeSeries series = Trajectory.sample(setup.map(), setup.initial(), t0, step, samples);
        if (file.endsWith(".csv")) {
            Csv.write(out, series);
        } else {
            Npy.write(out, series);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s %s: %d samples x %d variables every %s time units after %s, in %.2f s -> %s%n",
                setup.name(), setup.parameters(), series.rows(), series.cols(), step, t0,
                (System.nanoTime() - start) * 1e-9, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
