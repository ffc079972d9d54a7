package org.rclab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.rclab.lyapunov.LyapunovSpectrum;
import org.rclab.plot.Figure;

/** The true Lyapunov spectrum next to a trained model's: a markdown table and a figure. */
final class SpectrumComparison {

    private SpectrumComparison() {
    }

    /** A markdown table: index, true exponent, model exponent (with standard errors), difference. */
    static String table(String system, LyapunovSpectrum truth, LyapunovSpectrum model) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nLyapunov spectrum of %s: true system vs trained ESN (per unit time)%n%n", system));
        b.append("| i | true | ESN | ESN - true |\n| --- | --- | --- | --- |\n");
        int k = Math.min(truth.size(), model.size());
        for (int i = 0; i < k; i++) {
            b.append(String.format(Locale.ROOT, "| %d | %.4f +- %.4f | %.4f +- %.4f | %+.4f |%n", i + 1, truth.exponent(i),
                    truth.standardErrors()[i], model.exponent(i), model.standardErrors()[i],
                    model.exponent(i) - truth.exponent(i)));
        }
        b.append(String.format(Locale.ROOT, "| D_KY | %.3f | %.3f | |%n", truth.kaplanYorke(), model.kaplanYorke()));
        b.append(String.format(Locale.ROOT, "%ntrue: %.1f time units in %.1f s; ESN: %.1f time units in %.1f s%n", truth.time(),
                truth.seconds(), model.time(), model.seconds()));
        return b.toString();
    }

    /** Both spectra against the exponent index. */
    static void figure(String system, LyapunovSpectrum truth, LyapunovSpectrum model, Path file) throws IOException {
        double[] i1 = index(truth.size());
        double[] i2 = index(model.size());
        Figure.of(1, Figure.panel("Lyapunov spectrum of " + system + ": truth and trained ESN", "index i",
                        "lambda_i (per unit time)")
                        .markers("true system", i1, truth.exponents(), Figure.BLACK)
                        .markers("ESN (closed loop)", i2, model.exponents(), Figure.RED)
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
