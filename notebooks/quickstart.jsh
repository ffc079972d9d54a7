// rclab quick start: an echo state network learns Lorenz-63 from data, forecasts it, and runs on
// its own. From the repository root (the jar is built by ./rclab, or mvn -B -q -DskipTests package):
//
//     jshell --class-path target/rclab.jar notebooks/quickstart.jsh
//
// Writes out/quickstart/forecast.png and attractor.png (and .svg). Exits non-zero on any error.
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
    // 1. data: Lorenz-63 by RK4 with h = 0.01, sampled every 0.02 after a transient of 100 time units
    TimeSeries data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 100.0, 0.02, 40_000);

    // 2. a sparse reservoir of 1000 nodes, readout fitted by ridge regression on 20000 steps
    var config = ReservoirConfig.builder().size(1000).spectralRadius(0.9).bias(0.5).seed(42).build();
    TrainingConfig training = TrainingConfig.lorenzDefaults();
    TrainedModel model = Trainer.train(Reservoir.create(config, 3), data, training);

    // 3. a closed-loop forecast of 750 steps (15 time units) after 500 steps of teacher forcing
    int start = training.rowsNeeded() + 500;
    TimeSeries truth = data.slice(start, start + 750);
    TimeSeries forecast = model.forecast(data, start, 500, 750);
    double lambdaMax = 0.9056;   // the largest Lyapunov exponent of Lorenz-63: one Lyapunov time is 1.10 time units
    double[] sigma = Metrics.climateStd(data.slice(0, training.rowsNeeded()));
    double vpt = Metrics.validPredictionTime(Metrics.errorCurve(truth, forecast, sigma), Metrics.VPT_THRESHOLD,
            data.dt(), lambdaMax);
    System.out.printf("valid prediction time %.2f Lyapunov times%n", vpt);

    // 4. the climate: the reservoir runs on its own for 15000 steps after the training data
    TimeSeries autonomous = model.forecast(model.trainingEndState(), 15_000, data.time(training.rowsNeeded()));
    TimeSeries trueClimate = data.slice(training.rowsNeeded(), data.rows());

    // 5. figures
    Path out = Files.createDirectories(Path.of("out", "quickstart"));
    Figures.forecast(truth, forecast, data.dt(), lambdaMax, vpt, out.resolve("forecast"));
    Figures.attractors(trueClimate, autonomous, out.resolve("attractor"));
    System.out.printf("wrote %s and %s (%.1f s)%n", out.resolve("forecast.png").toAbsolutePath(),
            out.resolve("attractor.png").toAbsolutePath(), (System.nanoTime() - started) * 1e-9);
    status = 0;
} catch (Throwable e) {
    e.printStackTrace();
}
if (status != 0) System.err.println("quickstart.jsh failed: see the error above");
/exit status
