package org.rclab.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rclab.core.TimeSeries;
import org.rclab.metrics.Climate;
import org.rclab.metrics.Metrics;

/**
 * The standard figures of the lab, built on {@link Figure}: forecasts against truth with the VPT
 * marked, error curves, attractor projections, return maps, distributions, Lyapunov spectra and
 * space-time heatmaps. Each writes {@code file.png} and {@code file.svg}.
 */
public final class Figures {

    private Figures() {
    }



    /** Truth and forecast of each variable against time in Lyapunov times, with the VPT marked. */
    public static void forecast(TimeSeries truth, TimeSeries predicted, double dt, double lambda, double vpt, Path file)
            throws IOException {
        double[] t = new double[truth.rows()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i + 1) * dt * lambda;
        }
        List<Figure.Panel> panels = new ArrayList<>();
        for (int j = 0; j < truth.cols(); j++) {
            String name = truth.names().get(j);
            panels.add(Figure.panel(j == 0 ? "Forecast from one test window" : "", "time (Lyapunov times)", name)
                    .line("truth", t, truth.column(j), Figure.BLACK)
                    .dashed("ESN", t, predicted.column(j), Figure.RED)
                    .verticalLine(vpt, String.format(java.util.Locale.ROOT, " VPT %.1f", vpt)));
        }
        Figure.of(1, panels).cellSize(900, 260).write(file);
    }

    /** The normalised error of every window against time in Lyapunov times, with the threshold. */
    public static void errorCurves(double[][] curves, double dt, double lambda, double threshold, Path file) throws IOException {
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
    public static void attractors(TimeSeries truth, TimeSeries auto, Path file) throws IOException {
        int n = Math.min(15_000, Math.min(truth.rows(), auto.rows()));
        TimeSeries a = truth.slice(truth.rows() - n, truth.rows());
        TimeSeries b = auto.slice(auto.rows() - n, auto.rows());
        Figure.of(2,
                Figure.panel("Lorenz-63 (truth)", "x", "z").thin("truth", a.column(0), a.column(2), Figure.BLACK),
                Figure.panel("ESN running autonomously", "x", "z").thin("ESN", b.column(0), b.column(2), Figure.RED))
                .cellSize(560, 480).write(file);
    }

    /** Successive z maxima, truth and ESN. */
    public static void returnMaps(double[][] truth, double[][] model, Path file) throws IOException {
        Figure.of(1, Figure.panel("Return map of successive z maxima", "z_max(n)", "z_max(n+1)")
                .points("truth", column(truth, 0), column(truth, 1), Figure.BLACK)
                .points("ESN autonomous", column(model, 0), column(model, 1), Figure.RED)).cellSize(600, 520).write(file);
    }

    /** Densities of x, y and z over the long runs. */
    public static void histograms(TimeSeries truth, TimeSeries auto, Path file) throws IOException {
        List<Figure.Panel> panels = new ArrayList<>();
        for (int j = 0; j < truth.cols(); j++) {
            double[] a = truth.column(j);
            double[] b = auto.column(j);
            double lo = Math.min(Metrics.min(a), Metrics.min(b));
            double hi = Math.max(Metrics.max(a), Metrics.max(b));
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





    public static void heatmaps(TimeSeries truth, TimeSeries predicted, double[] grid, double dt, double lambda, double vpt,
                         Path file) throws IOException {
        int rows = truth.rows();
        double[] t = new double[rows];
        double[][] a = truth.toMatrix();
        double[][] b = predicted.toMatrix();
        double[][] e = new double[rows][];
        double max = 0;
        for (int i = 0; i < rows; i++) {
            t[i] = (i + 1) * dt * lambda;
            e[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                e[i][j] = b[i][j] - a[i][j];
                max = Math.max(max, Math.abs(a[i][j]));
            }
        }
        String label = String.format(java.util.Locale.ROOT, " VPT %.1f", vpt);
        Figure.of(1,
                Figure.panel("Truth", "time (Lyapunov times)", "x").heatmap(t, grid, a, -max, max, "u"),
                Figure.panel("Reservoir forecast", "time (Lyapunov times)", "x").heatmap(t, grid, b, -max, max, "u")
                        .verticalLine(vpt, label),
                Figure.panel("Error (forecast - truth)", "time (Lyapunov times)", "x").heatmap(t, grid, e, -max, max, "error")
                        .verticalLine(vpt, label))
                .cellSize(1000, 260).write(file);
    }

    /** A true Lyapunov spectrum and a model's against the exponent index. */
    public static void spectra(String title, double[] truth, double[] model, Path file) throws IOException {
        Figure.of(1, Figure.panel(title, "index i", "lambda_i (per unit time)")
                        .markers("true system", index(truth.length), truth, Figure.BLACK)
                        .markers("reservoir (closed loop)", index(model.length), model, Figure.RED)
                        .horizontalLine(0, "")
                        .withIntegerX())
                .cellSize(800, 480).write(file);
    }

    private static double[] index(int n) {
        double[] i = new double[n];
        for (int j = 0; j < n; j++) {
            i[j] = j + 1;
        }
        return i;
    }
}
