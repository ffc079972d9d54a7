package org.rclab.experiments;

import java.nio.file.Path;
import java.util.Arrays;

import org.rclab.core.Experiment;
import org.rclab.core.ProgressBar;
import org.rclab.core.Seeds;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.KuramotoSivashinsky;
import org.rclab.dynamics.Trajectory;
import org.rclab.forecast.TestWindows;
import org.rclab.forecast.TrainedModel;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.lyapunov.Benettin;
import org.rclab.forecast.ClosedLoopMap;
import org.rclab.lyapunov.LyapunovSpectrum;
import org.rclab.metrics.Metrics;
import org.rclab.plot.Figures;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;

/**
 * Pathak, Lu, Hunt, Girvan, Ott 2017 (Chaos 27:121102, arXiv:1710.07313), Kuramoto-Sivashinsky
 * part: the inhomogeneous equation {@code y_t = -y y_x - (1 + mu cos(2 pi x / lambda)) y_xx - y_xxxx}
 * with L = 60, Q = 128, mu = 0.1, lambda = 15; a reservoir of up to 9000 nodes (degree 3, radius
 * 0.4, input scaling 0.5, one input per node block, Pathak's squaring, ridge 1e-4) trained on 40000
 * steps after 10000 discarded; its Lyapunov spectrum against the true one.
 */
public final class Pathak2017KuramotoSivashinsky implements Experiment {

    /** Runs it from the command line: {@code [--quick] [out-dir]}. */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        String dir = args.length > (quick ? 1 : 0) ? args[quick ? 1 : 0]
                : "experiments/results/Pathak2017KuramotoSivashinsky";
        new Pathak2017KuramotoSivashinsky().run(Path.of(dir), quick);
    }

    @Override
    public String name() {
        return "Pathak2017KuramotoSivashinsky";
    }

    @Override
    public String description() {
        return "KS L = 60 with Pathak's inhomogeneity: reservoir vs true Lyapunov spectrum (Pathak et al. 2017)";
    }

    @Override
    public String duration() {
        return "5 min";
    }

    @Override
    public void run(Path out, boolean quick) throws Exception {
        double dt = 0.25;
        int size = quick ? 2000 : 9000;
        int train = quick ? 10_000 : 40_000;
        int exponents = quick ? 10 : 26;
        double lyapunovTime = quick ? 1000 : 2500;
        var ks = new KuramotoSivashinsky(60, 128, 0.1, 15);
        Results results = new Results(out, "Pathak et al. 2017: Kuramoto-Sivashinsky L = 60 spectrum from a reservoir",
                String.format(java.util.Locale.ROOT, "KS on [0, 60) with Q = 128, mu = 0.1, lambda = 15, dt = 0.25"
                        + " (ETDRK4). Reservoir N = %d, degree 3, spectral radius 0.4, input scaling 0.5, one input per"
                        + " node in blocks, Pathak's squaring of odd nodes, ridge 1e-4, 10000 washout and %d training"
                        + " steps, seed 42. %d exponents averaged over %.0f time units.%s", size, train, exponents,
                        lyapunovTime, quick ? " QUICK RUN: smaller settings." : ""));
        TrainingConfig training = new TrainingConfig(10_000, train, 1e-4, StateTransform.PATHAK_SQUARE, true, true);
        var tests = new TestWindows(training.rowsNeeded(), 10, 200, 400);
        long t0 = System.nanoTime();
        double[] u0 = ks.initialCondition(new Seeds(42).stream("ks-initial"));
        TimeSeries data = Trajectory.sample(ks.etdrk4(dt), u0, 4000L, 1, tests.rowsNeeded());
        long steps = Math.round(lyapunovTime / dt);
        LyapunovSpectrum truth = Benettin.spectrum(ks.etdrk4(dt), data.row(0),
                new Benettin.Options(exponents, 0, steps / 10, steps, 1, 20, 1), ProgressBar.onTerminal("true spectrum"));
        results.addf("True spectrum: lambda_1 = %.4f, D_KY %.2f, %d positive exponents (%.0f s).", truth.exponent(0),
                truth.kaplanYorke(), positives(truth), truth.seconds());

        long t1 = System.nanoTime();
        var config = ReservoirConfig.builder().size(size).averageDegree(3).spectralRadius(0.4).inputScaling(0.5)
                .bias(0).inputConnectivity(ReservoirConfig.InputConnectivity.BLOCKS).seed(42).build();
        var timed = Trainer.trainTimed(Reservoir.create(config, 128), data, training, ProgressBar.onTerminal("training"));
        TrainedModel model = timed.model();
        Runtime rt = Runtime.getRuntime();
        results.addf("Reservoir built and trained in %.0f s (run %.0f s, fit %.0f s, %s); heap in use after training %.0f MB.",
                (System.nanoTime() - t1) * 1e-9, timed.runSeconds(), timed.fitSeconds(), model.readout().note(),
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0);

        double[] vpt = tests.forecast(model, data, Metrics.climateStd(data.slice(0, training.rowsNeeded())), 0.4,
                truth.exponent(0)).vpt();
        results.addf("VPT over %d windows: mean %.2f, median %.2f Lyapunov times.", tests.count(), Metrics.mean(vpt),
                Metrics.median(vpt));

        LyapunovSpectrum esn = Benettin.spectrum(new ClosedLoopMap(model), model.trainingEndState(),
                new Benettin.Options(exponents, steps / 10, steps / 10, steps, 1, 20, 1), ProgressBar.onTerminal("ESN spectrum"));
        results.add(LyapunovSpectrum.comparison("KS L = 60, mu = 0.1, lambda = 15", truth, esn));
        results.addf("Positive exponents: true %d, reservoir %d.", positives(truth), positives(esn));
        Figures.spectra("KS L = 60 (mu = 0.1, lambda = 15): true and reservoir spectra", truth.exponents(),
                esn.exponents(), out.resolve("spectra"));
        results.add("");
        results.add("![spectra](spectra.png)");
        results.addf("Total %.0f s.", (System.nanoTime() - t0) * 1e-9);
        results.write("./rclab experiments Pathak2017KuramotoSivashinsky" + (quick ? " --quick" : ""));
    }

    private static long positives(LyapunovSpectrum s) {
        return Arrays.stream(s.exponents()).filter(l -> l > 0.005).count();
    }
}
