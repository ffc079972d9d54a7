// A deep echo state network (DeepESN: Gallicchio, Micheli, Pedrelli 2017, Neurocomputing 268:87)
// against a single reservoir with the same total number of units (600) on Lorenz-63: valid
// prediction time (VPT) over 10 test windows for 1, 2, 3 and 4 layers. From the repository root:
//
//     jshell --class-path target/rclab.jar notebooks/deep-esn.jsh
//
// Writes out/deep-esn/vpt.png (and .svg). Exits non-zero on any error.
import java.nio.file.*;
import org.rclab.core.*;
import org.rclab.dynamics.*;
import org.rclab.reservoir.*;
import org.rclab.forecast.*;
import org.rclab.metrics.*;
import org.rclab.plot.*;

int status = 1;
try {
    long started = System.nanoTime();
    int windows = 10, sync = 500, horizon = 750;
    TrainingConfig training = TrainingConfig.lorenzDefaults();
    // window w forecasts horizon rows from row first + sync + w * horizon, after sync teacher-forced rows
    var tests = new TestWindows(training.rowsNeeded(), windows, sync, horizon);
    TimeSeries data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 100.0, 0.02,
            tests.rowsNeeded());
    double[] sigma = Metrics.climateStd(data.slice(0, training.rowsNeeded()));

    // every layer has the same hyperparameters; only the split of the 600 units changes
    var base = ReservoirConfig.builder().spectralRadius(0.9).bias(0.5).inputScaling(0.1).seed(42).build();
    int total = 600;
    int[] layers = {1, 2, 3, 4};
    double[] layerAxis = new double[layers.length];
    double[] mean = new double[layers.length];
    double[] median = new double[layers.length];
    double[][] perWindow = new double[layers.length][];
    for (int i = 0; i < layers.length; i++) {
        int l = layers[i];
        EchoState network = l == 1 ? Reservoir.create(base.toBuilder().size(total).build(), 3)
                : DeepReservoir.uniform(base, l, total / l, 3, false, true);   // readout on all layers
        TrainedModel model = Trainer.train(network, data, training);
        perWindow[i] = tests.forecast(model, data, sigma, Metrics.VPT_THRESHOLD, 0.9056).vpt();   // Lyapunov times
        layerAxis[i] = l;
        mean[i] = Metrics.mean(perWindow[i]);
        median[i] = Metrics.median(perWindow[i]);
        System.out.printf("%d layer(s) of %3d units: VPT mean %.2f +- %.2f (standard error), median %.2f Lyapunov times%n",
                l, total / l, mean[i], Metrics.std(perWindow[i]) / Math.sqrt(windows), median[i]);
    }

    double[] window = new double[windows];
    for (int w = 0; w < windows; w++) window[w] = w + 1;
    Path out = Files.createDirectories(Path.of("out", "deep-esn"));
    Figure.of(2,
            Figure.panel("VPT over " + windows + " windows, " + total + " units in all", "layers", "VPT (Lyapunov times)")
                    .markers("mean", layerAxis, mean, Figure.RED)
                    .markers("median", layerAxis, median, Figure.BLUE)
                    .withIntegerX(),
            Figure.panel("VPT per test window", "test window", "VPT (Lyapunov times)")
                    .markers("ESN, 1 x " + total, window, perWindow[0], Figure.BLACK)
                    .markers("DeepESN, 3 x " + total / 3, window, perWindow[2], Figure.RED)
                    .withIntegerX())
            .write(out.resolve("vpt"));
    System.out.printf("wrote %s (%.1f s)%n", out.resolve("vpt.png").toAbsolutePath(), (System.nanoTime() - started) * 1e-9);
    status = 0;
} catch (Throwable e) {
    e.printStackTrace();
}
if (status != 0) System.err.println("deep-esn.jsh failed: see the error above");
/exit status
