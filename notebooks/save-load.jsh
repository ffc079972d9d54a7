// Save a trained model with ModelArchive, load it back, and check that the loaded model's forecast
// is bit-for-bit the original's. From the repository root:
//
//     jshell --class-path target/rclab.jar notebooks/save-load.jsh
//
// Writes the model directory out/save-load/model/ (model.json, weights.npz: readable from NumPy)
// and out/save-load/forecasts.png (and .svg). Exits non-zero on any error or any difference.
import java.nio.file.*;
import org.rclab.core.*;
import org.rclab.dynamics.*;
import org.rclab.reservoir.*;
import org.rclab.forecast.*;
import org.rclab.plot.*;

int status = 1;
try {
    long started = System.nanoTime();
    TimeSeries data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 100.0, 0.02, 23_001);
    var config = ReservoirConfig.builder().size(500).bias(0.5).seed(7).build();
    TrainedModel model = Trainer.train(Reservoir.create(config, 3), data, TrainingConfig.lorenzDefaults());

    // save: a directory with model.json and weights.npz, written atomically
    Path out = Files.createDirectories(Path.of("out", "save-load"));
    Path dir = out.resolve("model");
    ModelArchive.save(model, dir);
    try (var files = Files.list(dir)) {
        files.sorted().forEach(f -> System.out.printf("saved %s (%,d bytes)%n", f, f.toFile().length()));
    }

    // load, and forecast with both from the same test window
    TrainedModel loaded = ModelArchive.load(dir);
    int start = 21_501, sync = 500, steps = 1000;
    TimeSeries a = model.forecast(data, start, sync, steps);
    TimeSeries b = loaded.forecast(data, start, sync, steps);
    double maxDiff = 0;
    for (int i = 0; i < a.rows(); i++) {
        for (int j = 0; j < a.cols(); j++) maxDiff = Math.max(maxDiff, Math.abs(a.get(i, j) - b.get(i, j)));
    }
    boolean identical = java.util.Arrays.equals(a.toArray(), b.toArray());
    System.out.printf("forecasts of %d steps identical: %s (max |difference| %s)%n", steps, identical, maxDiff);
    if (!identical) throw new AssertionError("the loaded model's forecast differs from the original's by up to " + maxDiff);

    double[] t = new double[steps];
    for (int i = 0; i < steps; i++) t[i] = (i + 1) * data.dt() * 0.9056;
    double[] difference = new double[steps];
    for (int i = 0; i < steps; i++) difference[i] = b.get(i, 0) - a.get(i, 0);
    Figure.of(1,
            Figure.panel("Forecast of x by the trained and by the reloaded model", "time (Lyapunov times)", "x")
                    .line("truth", t, data.slice(start, start + steps).column(0), Figure.BLACK)
                    .line("trained model", t, a.column(0), Figure.RED)
                    .dashed("loaded from " + dir, t, b.column(0), Figure.BLUE),
            Figure.panel("Loaded minus trained", "time (Lyapunov times)", "difference in x")
                    .line("loaded - trained", t, difference, Figure.BLUE))
            .cellSize(900, 320).write(out.resolve("forecasts"));
    System.out.printf("wrote %s (%.1f s)%n", out.resolve("forecasts.png").toAbsolutePath(), (System.nanoTime() - started) * 1e-9);
    status = 0;
} catch (Throwable e) {
    e.printStackTrace();
}
if (status != 0) System.err.println("save-load.jsh failed: see the error above");
/exit status
