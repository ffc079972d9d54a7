// A reservoir learns the Kuramoto-Sivashinsky equation (L = 22, Q = 64, dt = 0.25; Pathak, Hunt,
// Girvan, Lu, Ott 2018, PRL 120:024102) with small settings (N = 2000, 20000 training steps; about
// half a minute). From the repository root:
//
//     jshell --class-path target/rclab.jar notebooks/ks.jsh
//
// Writes out/ks/heatmaps.png (and .svg). The full study is ./rclab ks. Exits non-zero on any error.
import java.nio.file.*;
import org.rclab.core.*;
import org.rclab.dynamics.*;
import org.rclab.reservoir.*;
import org.rclab.forecast.*;
import org.rclab.lyapunov.*;
import org.rclab.metrics.*;
import org.rclab.plot.*;

int status = 1;
try {
    long started = System.nanoTime();
    // 1. data: ETDRK4 with dt = 0.25 from a small random field, 4000 transient steps discarded
    var ks = KuramotoSivashinsky.of(22, 64);
    double dt = 0.25;
    var training = new TrainingConfig(1000, 20_000, 1e-4, StateTransform.PATHAK_SQUARE, true, true);
    int sync = 200, horizon = 500, windows = 5;
    // test windows sync + horizon rows apart: each is teacher-forced on fresh rows after the previous forecast
    var tests = new TestWindows(training.rowsNeeded(), windows, sync, horizon, sync + horizon);
    double[] u0 = ks.initialCondition(new Seeds(42).stream("ks-initial"));
    TimeSeries data = Trajectory.sample(ks.etdrk4(dt), u0, 4000L, 1, tests.rowsNeeded());

    // 2. the largest Lyapunov exponent of the true system sets the time unit (about 0.048)
    LyapunovSpectrum truth = Benettin.spectrum(ks.etdrk4(dt), data.row(0), Benettin.Options.of(1, 5000.0, dt));
    double lambdaMax = truth.exponent(0);
    System.out.printf("true lambda_1 = %.4f: one Lyapunov time is %.1f time units%n", lambdaMax, 1 / lambdaMax);

    // 3. a reservoir of 2000 nodes, each driven by one grid point (Pathak's blocks), with Pathak's
    //    squared-node transform before the readout
    var config = ReservoirConfig.builder().size(2000).averageDegree(3).spectralRadius(0.6).inputScaling(0.5)
            .inputConnectivity(ReservoirConfig.InputConnectivity.BLOCKS).seed(42).build();
    TrainedModel model = Trainer.train(Reservoir.create(config, ks.Q()), data, training);

    // 4. forecasts from test windows after the training data; the heatmaps show the median one
    double[] sigma = Metrics.climateStd(data.slice(0, training.rowsNeeded()));
    TestWindows.Result forecasts = tests.forecast(model, data, sigma, Metrics.VPT_THRESHOLD, lambdaMax);
    double[] vpt = forecasts.vpt();
    int median = 0;
    for (int w = 0; w < windows; w++) {
        System.out.printf("window %d: VPT %.2f Lyapunov times%n", w, vpt[w]);
        if (vpt[w] == Metrics.median(vpt)) median = w;
    }

    // 5. figure: truth, forecast and error over space (x) and time (Lyapunov times)
    Path out = Files.createDirectories(Path.of("out", "ks"));
    Figures.heatmaps(tests.truth(data, median), forecasts.forecast(median), ks.grid(), dt, lambdaMax, vpt[median],
            out.resolve("heatmaps"));
    System.out.printf("wrote %s (%.1f s)%n", out.resolve("heatmaps.png").toAbsolutePath(),
            (System.nanoTime() - started) * 1e-9);
    status = 0;
} catch (Throwable e) {
    e.printStackTrace();
}
if (status != 0) System.err.println("ks.jsh failed: see the error above");
/exit status
