package org.rclab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rclab.core.Experiment;
import org.rclab.core.Seeds;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.KuramotoSivashinsky;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.MackeyGlass;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;
import org.rclab.forecast.TestWindows;
import org.rclab.forecast.TrainedModel;
import org.rclab.forecast.Trainer;
import org.rclab.forecast.TrainingConfig;
import org.rclab.metrics.Metrics;
import org.rclab.plot.Figure;
import org.rclab.reservoir.DeepReservoir;
import org.rclab.reservoir.EchoState;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;

/**
 * What do the layers add? A deep echo state network (Gallicchio, Micheli, Pedrelli 2017,
 * Neurocomputing 268:87; Gallicchio &amp; Micheli 2018, arXiv:1712.04323) against a shallow one with
 * the same total number of units, on Mackey-Glass (NRMSE84, Jaeger's protocol), Lorenz-63 (VPT) and
 * Kuramoto-Sivashinsky L = 22 (VPT), over several seeds. The readout reads all layers (the DeepESN
 * default).
 */
public final class Gallicchio2018DeepEsn implements Experiment {

    /** Runs it from the command line: {@code [--quick] [out-dir]}. */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        String dir = args.length > (quick ? 1 : 0) ? args[quick ? 1 : 0] : "experiments/results/Gallicchio2018DeepEsn";
        new Gallicchio2018DeepEsn().run(Path.of(dir), quick);
    }

    @Override
    public String name() {
        return "Gallicchio2018DeepEsn";
    }

    @Override
    public String description() {
        return "DeepESN vs shallow ESN with the same units on Mackey-Glass, Lorenz and KS (Gallicchio et al.)";
    }

    @Override
    public String duration() {
        return "5 min";
    }

    /** One network design: a shallow reservoir or L layers sharing the same total. */
    private record Design(String label, int layers) {
    }

    @Override
    public void run(Path out, boolean quick) throws Exception {
        int seeds = quick ? 2 : 5;
        Results results = new Results(out, "Gallicchio et al.: deep vs shallow echo state networks",
                "Each pair has the same total number of units; DeepESN layers share the per-layer settings and the"
                        + " readout reads all layers. Mean and standard deviation of the mean VPT over " + seeds
                        + " seeds (10 test windows each)." + (quick ? " QUICK RUN: smaller settings." : ""));
        List<Design> designs = List.of(new Design("ESN", 1), new Design("DeepESN, 2 layers", 2),
                new Design("DeepESN, 4 layers", 4));
        results.add("");
        results.add("| task | total units | design | mean VPT (LT) | std over seeds |");
        results.add("| --- | --- | --- | --- | --- |");

        // Lorenz-63: dt 0.02, 20000 training steps, rclab's Lorenz settings per layer
        int lorenzUnits = quick ? 400 : 1200;
        TrainingConfig lorenzTraining = TrainingConfig.lorenzDefaults();
        var lorenzTests = new TestWindows(lorenzTraining.rowsNeeded(), 10, 500, 1200);
        TimeSeries lorenz = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 100.0, 0.02,
                lorenzTests.rowsNeeded());
        ReservoirConfig lorenzBase = ReservoirConfig.builder().spectralRadius(0.9).bias(0.5).leakRate(1.0).build();
        double[][] lorenzVpt = new double[designs.size()][];
        for (int k = 0; k < designs.size(); k++) {
            lorenzVpt[k] = vpts(designs.get(k), lorenzBase, lorenzUnits, lorenz, lorenzTraining, lorenzTests, 0.9056, seeds,
                    3, ReservoirConfig.InputConnectivity.DENSE);
            results.addf("| Lorenz-63 | %d | %s | %.2f | %.2f |", lorenzUnits, designs.get(k).label(),
                    Metrics.mean(lorenzVpt[k]), Metrics.std(lorenzVpt[k]));
        }

        // Kuramoto-Sivashinsky L = 22: per layer radius 0.5, input scaling 0.3, ridge 1e-5 (as the results were made)
        int ksUnits = quick ? 600 : 2000;
        int ksTrain = quick ? 10_000 : 20_000;
        var ks = KuramotoSivashinsky.of(22, 64);
        TrainingConfig ksTraining = new TrainingConfig(1000, ksTrain, 1e-5, StateTransform.PATHAK_SQUARE, true, true);
        var ksTests = new TestWindows(ksTraining.rowsNeeded(), 10, 200, 600);
        TimeSeries ksData = Trajectory.sample(ks.etdrk4(0.25), ks.initialCondition(new Seeds(1).stream("ks-initial")),
                4000L, 1, ksTests.rowsNeeded());
        ReservoirConfig ksBase = ReservoirConfig.builder().averageDegree(3).spectralRadius(0.5).inputScaling(0.3).build();
        double[][] ksVpt = new double[designs.size()][];
        for (int k = 0; k < designs.size(); k++) {
            ksVpt[k] = vpts(designs.get(k), ksBase, ksUnits, ksData, ksTraining, ksTests, 0.048, seeds, 64,
                    ReservoirConfig.InputConnectivity.BLOCKS);
            results.addf("| KS L = 22 | %d | %s | %.2f | %.2f |", ksUnits, designs.get(k).label(),
                    Metrics.mean(ksVpt[k]), Metrics.std(ksVpt[k]));
        }
        // Mackey-Glass tau = 17, Jaeger's protocol: 3000 training samples (1000 discarded), NRMSE84 of
        // 84-step free runs after 1000 teacher-forced steps, Jaeger's per-layer settings, QR readout
        int mgRuns = quick ? 5 : 20;
        TrainingConfig mgTraining = new TrainingConfig(1000, 1999, 1e-14, StateTransform.IDENTITY, true, false)
                .withSolver(TrainingConfig.Solver.QR);
        TimeSeries mg = MackeyGlass.jaeger(17).jaegerSeries(2000, mgTraining.rowsNeeded() + mgRuns * 1084, true);
        ReservoirConfig mgBase = ReservoirConfig.builder().averageDegree(4).spectralRadius(0.878).leakRate(0.396)
                .inputScaling(0.56).bias(0.028).build();
        results.add("");
        results.add("| task | total units | design | median NRMSE84 over seeds | min - max |");
        results.add("| --- | --- | --- | --- | --- |");
        double[][] mgNrmse = new double[designs.size()][];
        for (int k = 0; k < designs.size(); k++) {
            mgNrmse[k] = nrmse84(designs.get(k), mgBase, 400, mg, mgTraining, mgRuns, seeds);
            results.addf("| Mackey-Glass tau = 17, 3000 steps | 400 | %s | %.2e | %.1e - %.1e |", designs.get(k).label(),
                    Metrics.median(mgNrmse[k]), Metrics.min(mgNrmse[k]), Metrics.max(mgNrmse[k]));
        }
        List<Figure.Panel> panels = new ArrayList<>();
        panels.add(bars("Lorenz-63, " + lorenzUnits + " units", designs, lorenzVpt));
        panels.add(bars("Kuramoto-Sivashinsky L = 22, " + ksUnits + " units", designs, ksVpt));
        Figure.of(2, panels).cellSize(520, 380).write(out.resolve("vpt"));
        Figure.Panel mgPanel = Figure.panel("Mackey-Glass tau = 17, 400 units", "design (1 = ESN, 2 = 2 layers, 3 = 4 layers)",
                "NRMSE84").withLogY().withIntegerX();
        double[] x = new double[designs.size()];
        double[] median = new double[designs.size()];
        for (int k = 0; k < designs.size(); k++) {
            x[k] = k + 1;
            median[k] = Metrics.median(mgNrmse[k]);
        }
        Figure.of(1, mgPanel.markers("median over seeds", x, median, Figure.RED)).cellSize(520, 380)
                .write(out.resolve("nrmse84"));
        results.add("");
        results.add("![VPT by design](vpt.png) ![NRMSE84 by design](nrmse84.png)");
        results.write("./rclab experiments Gallicchio2018DeepEsn" + (quick ? " --quick" : ""));
    }

    /** Mean VPT over the test windows for each seed. */
    private static double[] vpts(Design design, ReservoirConfig base, int units, TimeSeries data, TrainingConfig training,
                                 TestWindows tests, double lambdaMax, int seeds, int inputs,
                                 ReservoirConfig.InputConnectivity firstLayerInput) {
        double[] sigma = Metrics.climateStd(data.slice(0, training.rowsNeeded()));
        double[] result = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            ReservoirConfig config = base.toBuilder().size(units / design.layers()).seed(1000 + s)
                    .inputConnectivity(firstLayerInput).build();
            EchoState network;
            if (design.layers() == 1) {
                network = Reservoir.create(config, inputs);
            } else {
                List<ReservoirConfig> layers = new ArrayList<>();
                Seeds split = new Seeds(config.seed());
                for (int l = 1; l <= design.layers(); l++) {
                    layers.add(config.toBuilder().seed(split.streamSeed("layer" + l))
                            .inputConnectivity(l == 1 ? firstLayerInput : ReservoirConfig.InputConnectivity.DENSE).build());
                }
                network = DeepReservoir.create(layers, inputs, false, true);
            }
            TrainedModel model = Trainer.train(network, data, training);
            result[s] = Metrics.mean(tests.forecast(model, data, sigma, 0.4, lambdaMax).vpt());
        }
        return result;
    }

    /**
     * NRMSE84 (Jaeger 2001, eq. 25) of each seed: {@code runs} blocks of 1084 samples after the
     * training rows, each 1000 teacher-forced steps from x = 0 and 84 free steps, the error at step
     * 84 in the original units {@code arctanh(s) + 1}, over the variance of the original signal
     * ({@link Metrics#nrmse(double[], double[], double)}, as in Jaeger2004MackeyGlass).
     */
    private static double[] nrmse84(Design design, ReservoirConfig base, int units, TimeSeries squashed,
                                    TrainingConfig training, int runs, int seeds) {
        int rows = squashed.rows();
        double[] original = new double[rows];
        for (int i = 0; i < rows; i++) {
            original[i] = MackeyGlass.unsquash(squashed.get(i, 0));
        }
        double variance = Metrics.std(original) * Metrics.std(original);
        double[] result = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            ReservoirConfig config = base.toBuilder().size(units / design.layers()).seed(2000 + s).build();
            EchoState network = design.layers() == 1 ? Reservoir.create(config, 1)
                    : DeepReservoir.uniform(config, design.layers(), units / design.layers(), 1, false, true);
            TrainedModel model = Trainer.train(network, squashed, training);
            double[] truth = new double[runs];
            double[] predicted = new double[runs];
            for (int r = 0; r < runs; r++) {
                int start = training.rowsNeeded() + r * 1084 + 1000;
                truth[r] = original[start + 83];
                try {
                    double p = model.forecast(squashed, start, 1000, 84).get(83, 0);
                    predicted[r] = MackeyGlass.unsquash(Math.max(-1 + 1e-12, Math.min(1 - 1e-12, p)));
                } catch (org.rclab.forecast.ForecastDivergedException e) {
                    predicted[r] = Double.NaN;
                }
            }
            result[s] = Metrics.nrmse(truth, predicted, variance);
        }
        return result;
    }

    /** VPT of each seed against the design index. */
    private static Figure.Panel bars(String title, List<Design> designs, double[][] vpt) {
        Figure.Panel p = Figure.panel(title, "design (1 = ESN, 2 = 2 layers, 3 = 4 layers)", "mean VPT (Lyapunov times)")
                .withIntegerX();
        double[] x = new double[designs.size()];
        double[] mean = new double[designs.size()];
        for (int k = 0; k < designs.size(); k++) {
            x[k] = k + 1;
            mean[k] = Metrics.mean(vpt[k]);
        }
        int total = 0;
        for (double[] v : vpt) {
            total += v.length;
        }
        double[] xs = new double[total];
        double[] ys = new double[total];
        int i = 0;
        for (int k = 0; k < designs.size(); k++) {
            for (double v : vpt[k]) {
                xs[i] = k + 1;
                ys[i++] = v;
            }
        }
        return p.markers("mean over seeds", x, mean, Figure.RED).points("one seed", xs, ys, Figure.BLACK);
    }
}
