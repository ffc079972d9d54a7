package org.rclab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rclab.core.TimeSeries;
import org.rclab.metrics.Climate;
import org.rclab.plot.Figure;

/** The figures of {@code rclab lorenz}: forecast, error curves, attractors, return maps, histograms. */
final class LorenzFigures {

    private LorenzFigures() {
    }

    /** Truth and forecast of each variable against time in Lyapunov times, with the VPT marked. */
    static void forecast(TimeSeries truth, TimeSeries predicted, double dt, double lambda, double vpt, Path file)
            throws IOException {
        double[] t = new double[truth.rows()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i + 1) * dt * lambda;
        }
        List<Figure.Panel> panels = new ArrayList<>();
        for (int j = 0; j < truth.cols(); j++) {
            String name = truth.names().get(j);
            panels.add(Figure.panel(j == 0 ? "Lorenz-63 forecast from one test window" : "", "time (Lyapunov times)", name)
                    .line("truth", t, truth.column(j), Figure.BLACK)
                    .dashed("ESN", t, predicted.column(j), Figure.RED)
                    .verticalLine(vpt, String.format(java.util.Locale.ROOT, " VPT %.1f", vpt)));
        }
        Figure.of(1, panels).cellSize(900, 260).write(file);
    }

    /** The normalised error of every window against time in Lyapunov times, with the threshold. */
    static void errorCurves(double[][] curves, double dt, double lambda, double threshold, Path file) throws IOException {
        Figure.Panel p = Figure.panel("Normalised forecast error, " + curves.length + " test windows",
                "time (Lyapunov times)", "E(t)").withLogY();
        for (int w = 0; w < curves.length; w++) {
            double[] t = new double[curves[w].length];
            double[] e = new double[curves[w].length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (i + 1) * dt * lambda;
                e[i] = Math.max(curves[w][i], 1e-8);
            }
            p = p.line("window " + w, t, e, w == 0 ? Figure.RED : Figure.BLUE);
        }
        p = p.horizontalLine(threshold, " threshold " + threshold);
        Figure.of(1, p).cellSize(900, 420).write(file);
    }

    /** The x-z projection of the true attractor and of the ESN's autonomous run, side by side. */
    static void attractors(TimeSeries truth, TimeSeries auto, Path file) throws IOException {
        int n = Math.min(15_000, Math.min(truth.rows(), auto.rows()));
        TimeSeries a = truth.slice(truth.rows() - n, truth.rows());
        TimeSeries b = auto.slice(auto.rows() - n, auto.rows());
        Figure.of(2,
                Figure.panel("Lorenz-63 (truth)", "x", "z").thin("truth", a.column(0), a.column(2), Figure.BLACK),
                Figure.panel("ESN running autonomously", "x", "z").thin("ESN", b.column(0), b.column(2), Figure.RED))
                .cellSize(560, 480).write(file);
    }

    /** Successive z maxima, truth and ESN. */
    static void returnMaps(double[][] truth, double[][] model, Path file) throws IOException {
        Figure.of(1, Figure.panel("Return map of successive z maxima", "z_max(n)", "z_max(n+1)")
                .points("truth", column(truth, 0), column(truth, 1), Figure.BLACK)
                .points("ESN autonomous", column(model, 0), column(model, 1), Figure.RED)).cellSize(600, 520).write(file);
    }

    /** Densities of x, y and z over the long runs. */
    static void histograms(TimeSeries truth, TimeSeries auto, Path file) throws IOException {
        List<Figure.Panel> panels = new ArrayList<>();
        for (int j = 0; j < truth.cols(); j++) {
            double[] a = truth.column(j);
            double[] b = auto.column(j);
            double lo = Math.min(min(a), min(b));
            double hi = Math.max(max(a), max(b));
            int bins = 60;
            double[] centers = new double[bins];
            for (int k = 0; k < bins; k++) {
                centers[k] = lo + (k + 0.5) * (hi - lo) / bins;
            }
            String name = truth.names().get(j);
            panels.add(Figure.panel("Distribution of " + name, name, "density")
                    .line("truth", centers, Climate.histogram(a, lo, hi, bins), Figure.BLACK)
                    .dashed("ESN autonomous", centers, Climate.histogram(b, lo, hi, bins), Figure.RED));
        }
        Figure.of(3, panels).cellSize(440, 340).write(file);
    }

    private static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][j];
        }
        return c;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
