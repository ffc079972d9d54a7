// The Lyapunov spectrum of a trained reservoir against the true Lorenz-63 spectrum (Pathak, Lu,
// Hunt, Girvan, Ott 2017, Chaos 27:121102, arXiv:1710.07313). From the repository root:
//
//     jshell --class-path target/rclab.jar notebooks/lyapunov.jsh
//
// Writes out/lyapunov/spectra.png (and .svg). Exits non-zero on any error.
import java.nio.file.*;
import org.rclab.core.*;
import org.rclab.dynamics.*;
import org.rclab.reservoir.*;
import org.rclab.forecast.*;
import org.rclab.lyapunov.*;
import org.rclab.plot.*;

int status = 1;
try {
    long started = System.nanoTime();
    // 1. the true spectrum: Benettin's method on RK4 (h = 0.01) and its tangent map, T = 10^4
    LyapunovSpectrum truth = Benettin.spectrum(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1},
            Benettin.Options.of(3, 10_000.0, 0.01));
    System.out.print("true Lorenz-63 spectrum\n" + truth.table());

    // 2. a reservoir of 500 nodes (spectral radius 0.4, bias 0.5) trained on 20000 steps of dt = 0.02
    TimeSeries data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 100.0, 0.02, 21_001);
    var config = ReservoirConfig.builder().size(500).spectralRadius(0.4).bias(0.5).seed(1).build();
    TrainedModel model = Trainer.train(Reservoir.create(config, 3), data, TrainingConfig.lorenzDefaults());

    // 3. its spectrum: the closed-loop reservoir is a map of its 500-dimensional state with a tangent
    //    map, so the same Benettin code applies; exponents are per unit time (one step is dt = 0.02)
    LyapunovSpectrum esn = Benettin.spectrum(model.closedLoop(), model.trainingEndState(),
            Benettin.Options.of(3, 1000.0, model.dt()));
    System.out.print(LyapunovSpectrum.comparison("Lorenz-63", truth, esn));

    // 4. figure: both spectra (markers shifted apart so both show) and the reservoir's error per exponent
    double[] lt = truth.exponents(), le = esn.exponents();
    double[] difference = new double[3];
    for (int i = 0; i < 3; i++) difference[i] = le[i] - lt[i];
    Path out = Files.createDirectories(Path.of("out", "lyapunov"));
    Figure.of(2,
            Figure.panel("Lyapunov spectrum of Lorenz-63", "index i", "lambda_i (per unit time)")
                    .markers("true system", new double[] {0.95, 1.95, 2.95}, lt, Figure.BLACK)
                    .markers("reservoir, N = 500", new double[] {1.05, 2.05, 3.05}, le, Figure.RED)
                    .horizontalLine(0, "").withIntegerX(),
            Figure.panel("Reservoir minus true exponent", "index i", "difference (per unit time)")
                    .markers("reservoir - true", new double[] {1, 2, 3}, difference, Figure.RED)
                    .horizontalLine(0, "").withIntegerX())
            .write(out.resolve("spectra"));
    System.out.printf("wrote %s (%.1f s)%n", out.resolve("spectra.png").toAbsolutePath(),
            (System.nanoTime() - started) * 1e-9);
    status = 0;
} catch (Throwable e) {
    e.printStackTrace();
}
if (status != 0) System.err.println("lyapunov.jsh failed: see the error above");
/exit status
