package org.rclab.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.rclab.core.TimeSeries;
import org.rclab.plot.Figure;

/** Space-time heatmaps of truth, forecast and error (Pathak et al. 2018, Fig. 1 style). */
final class KsFigures {

    private KsFigures() {
    }

    static void heatmaps(TimeSeries truth, TimeSeries predicted, double[] grid, double dt, double lambda, double vpt,
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
}
