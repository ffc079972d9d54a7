package org.rclab.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rclab.core.ProgressBar;
import org.rclab.dynamics.Trajectory;
import org.rclab.lyapunov.Benettin;
import org.rclab.lyapunov.LyapunovSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rclab lyapunov SYSTEM}: the Lyapunov spectrum of a true system by Benettin's method. */
@Command(name = "lyapunov", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lyapunov spectrum of a system (Benettin's method with QR), its Kaplan-Yorke dimension,",
                "a convergence estimate and how long it took.", "", SystemSetup.SYSTEMS_HELP},
        footer = {"", "Example: rclab lyapunov lorenz63 --time 20000",
                "         rclab lyapunov ks -p L=60 -p Q=128 --exponents 20"})
final class LyapunovCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "the system: " + SystemSetup.NAMES)
    String system;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "a system parameter or the integration step dt, e.g. -p rho=28 -p dt=0.01")
    Map<String, Double> params = new LinkedHashMap<>();

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

    @Override
    public Integer call() {
        SystemSetup setup = SystemSetup.create(system, params);
        double h = setup.map().timeStep();
        double t = time == null ? setup.lyapunovTime() : time;
        double t0 = transientTime == null ? setup.transientTime() : transientTime;
        int k = exponents == null ? setup.exponents() : exponents;
        long steps = Math.max(1, Math.round(t / h));
        long warmup = Trajectory.wholeSteps("--transient", t0, h);
        var options = new Benettin.Options(k, warmup, Math.max(1, steps / 20), steps, qrEvery, blocks, seed);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s %s: %d exponents, step %s, averaged over %s time units%n", setup.name(),
                setup.parameters(), k, h, t);
        LyapunovSpectrum s = Benettin.spectrum(setup.map(), setup.initial(), options,
                ProgressBar.onTerminal("lyapunov"));
        spec.commandLine().getOut().print(s.table());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
