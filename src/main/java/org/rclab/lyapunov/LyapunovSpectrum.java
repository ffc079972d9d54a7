package org.rclab.lyapunov;

import java.util.Locale;

/**
 * The k leading Lyapunov exponents (per unit time, largest first) with their convergence
 * estimates and the Kaplan-Yorke dimension.
 *
 * @param exponents       lambda_1 >= ... >= lambda_k, per unit time
 * @param standardErrors  standard error of each exponent from the spread of B block estimates,
 *                        {@code std(block) / sqrt(B)}
 * @param runningSpread   max - min of each running (cumulative) estimate over the last quarter of
 *                        the blocks: how much the printed value still moves
 * @param kaplanYorke     the Kaplan-Yorke (Lyapunov) dimension, NaN when the k exponents sum to a
 *                        positive number (more exponents are needed)
 * @param time            physical time over which the exponents were averaged
 * @param steps           map steps averaged over
 * @param seconds         wall-clock seconds taken
 */
public record LyapunovSpectrum(double[] exponents, double[] standardErrors, double[] runningSpread,
                               double kaplanYorke, double time, long steps, double seconds) {

    public LyapunovSpectrum {
        exponents = exponents.clone();
        standardErrors = standardErrors.clone();
        runningSpread = runningSpread.clone();
    }

    @Override
    public double[] exponents() {
        return exponents.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] runningSpread() {
        return runningSpread.clone();
    }

    /** Exponent {@code i}, 0-based. */
    public double exponent(int i) {
        return exponents[i];
    }

    /** Number of exponents. */
    public int size() {
        return exponents.length;
    }

    /** Sum of the exponents. */
    public double sum() {
        double s = 0;
        for (double l : exponents) {
            s += l;
        }
        return s;
    }

    /**
     * The Kaplan-Yorke dimension {@code D = j + (lambda_1 + ... + lambda_j) / |lambda_{j+1}|}, where
     * j is the largest index with a non-negative partial sum (Kaplan &amp; Yorke 1979, Lecture Notes
     * in Math. 730:204). 0 when lambda_1 &lt; 0; NaN when all k partial sums are non-negative.
     */
    public static double kaplanYorke(double[] lambdas) {
        double sum = 0;
        for (int j = 0; j < lambdas.length; j++) {
            if (sum + lambdas[j] < 0) {
                return j + sum / Math.abs(lambdas[j]);
            }
            sum += lambdas[j];
        }
        return Double.NaN;
    }

    /** A printable table: index, exponent, standard error, running spread; then sum and D_KY. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%4s %14s %12s %12s%n", "i", "lambda_i", "std.err", "spread"));
        for (int i = 0; i < exponents.length; i++) {
            b.append(String.format(Locale.ROOT, "%4d %14.6f %12.2e %12.2e%n", i + 1, exponents[i], standardErrors[i],
                    runningSpread[i]));
        }
        b.append(String.format(Locale.ROOT, "sum of exponents   %.6f%n", sum()));
        b.append(String.format(Locale.ROOT, "Kaplan-Yorke dim.  %s%n",
                Double.isNaN(kaplanYorke) ? "> " + exponents.length + " (compute more exponents)"
                        : String.format(Locale.ROOT, "%.4f", kaplanYorke)));
        b.append(String.format(Locale.ROOT, "averaged over %.1f time units (%d steps) in %.2f s%n", time, steps, seconds));
        return b.toString();
    }

    /** A markdown table of a true spectrum next to a model's: index, both exponents with standard errors, difference. */
    public static String comparison(String system, LyapunovSpectrum truth, LyapunovSpectrum model) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nLyapunov spectrum of %s: true system vs trained reservoir (per unit time)%n%n", system));
        b.append("| i | true | reservoir | reservoir - true |\n| --- | --- | --- | --- |\n");
        int k = Math.min(truth.size(), model.size());
        for (int i = 0; i < k; i++) {
            b.append(String.format(Locale.ROOT, "| %d | %.4f +- %.4f | %.4f +- %.4f | %+.4f |%n", i + 1, truth.exponent(i),
                    truth.standardErrors()[i], model.exponent(i), model.standardErrors()[i],
                    model.exponent(i) - truth.exponent(i)));
        }
        b.append(String.format(Locale.ROOT, "| D_KY | %s | %s | |%n", dimension(truth), dimension(model)));
        b.append(String.format(Locale.ROOT, "%ntrue: %.1f time units in %.1f s; reservoir: %.1f time units in %.1f s%n", truth.time(),
                truth.seconds(), model.time(), model.seconds()));
        return b.toString();
    }


    private static String dimension(LyapunovSpectrum s) {
        return Double.isNaN(s.kaplanYorke()) ? "> " + s.size() : String.format(Locale.ROOT, "%.3f", s.kaplanYorke());
    }
}
