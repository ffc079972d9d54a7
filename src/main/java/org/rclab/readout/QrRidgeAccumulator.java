package org.rclab.readout;

import java.util.Arrays;

import org.rclab.core.Checks;

/**
 * Streaming ridge regression by Givens QR (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
 * sections 5.1.8 and 6.5.3): keeps the triangular factor R of the rows {@code [x, 1]} seen so far
 * and {@code Q^T Y}, folding each new row in with one sweep of rotations (about {@code 3 F^2}
 * flops per row), and solves
 *
 * <pre>
 *   min |X W + 1 b - Y|^2 + beta |W|^2        (the bias b unpenalised)
 * </pre>
 *
 * without forming {@code X^T X}, whose condition number is the square of X's. Reservoirs driven by
 * smooth, low-dimensional signals (Mackey-Glass) have nearly collinear states; there the normal
 * equations of {@link RidgeAccumulator} lose the digits a 1e-4 fit needs and QR keeps them. It is
 * slower per row than the Gram kernel, so it is the choice for small, precise fits. Not thread-safe.
 */
public final class QrRidgeAccumulator {

    private final int features;
    private final int outputs;
    private final int f;
    private final double[][] r;
    private final double[][] qty;
    private final double[] row;
    private final double[] target;
    private long count;

    /**
     * @param features F, the number of features per row
     * @param outputs  M, the number of targets per row
     */
    public QrRidgeAccumulator(int features, int outputs) {
        this.features = Checks.positive("features", features);
        this.outputs = Checks.positive("outputs", outputs);
        this.f = features + 1;
        this.r = new double[f][f];
        this.qty = new double[f][outputs];
        this.row = new double[f];
        this.target = new double[outputs];
    }

    public int features() {
        return features;
    }

    public int outputs() {
        return outputs;
    }

    /** Rows added so far. */
    public long count() {
        return count;
    }

    /**
     * Adds one row {@code [x, 1]} with targets {@code y}.
     *
     * @throws IllegalArgumentException on a length mismatch or a non-finite value (naming row and column)
     */
    public void add(double[] x, double[] y) {
        RidgeAccumulator.checkRow(x, y, features, outputs, count);
        System.arraycopy(x, 0, row, 0, features);
        row[features] = 1;
        System.arraycopy(y, 0, target, 0, outputs);
        rotateIn(r, qty, row, target, 0);
        count++;
    }

    /**
     * Solves for the readout with ridge parameter {@code beta >= 0}; the accumulated factor is not
     * changed, so several betas can be tried on one accumulation. Pivots below 1e-14 of the largest
     * are treated as zero (their weights set to 0) and the note says how many.
     */
    public RidgeReadout solve(double beta) {
        Checks.nonNegative("beta", beta);
        if (count == 0) {
            throw new IllegalArgumentException("the ridge system has no rows: add training rows before solve");
        }
        double[][] rr = new double[f][];
        double[][] c = new double[f][];
        for (int j = 0; j < f; j++) {
            rr[j] = r[j].clone();
            c[j] = qty[j].clone();
        }
        double sq = Math.sqrt(beta);
        if (sq > 0) {
            double[] penalty = new double[f];
            double[] zero = new double[outputs];
            for (int i = 0; i < features; i++) {
                Arrays.fill(penalty, 0);
                Arrays.fill(zero, 0);
                penalty[i] = sq;
                rotateIn(rr, c, penalty, zero, i);
            }
        }
        double largest = 0;
        for (int j = 0; j < f; j++) {
            largest = Math.max(largest, Math.abs(rr[j][j]));
        }
        double[][] w = new double[f][outputs];
        int dropped = 0;
        for (int j = f - 1; j >= 0; j--) {
            if (!(Math.abs(rr[j][j]) > 1e-14 * largest)) {
                dropped++;
                continue;
            }
            for (int m = 0; m < outputs; m++) {
                double sum = c[j][m];
                for (int k = j + 1; k < f; k++) {
                    sum -= rr[j][k] * w[k][m];
                }
                w[j][m] = sum / rr[j][j];
            }
        }
        double[] weights = new double[outputs * features];
        double[] bias = new double[outputs];
        for (int m = 0; m < outputs; m++) {
            for (int i = 0; i < features; i++) {
                weights[m * features + i] = w[i][m];
            }
            bias[m] = w[features][m];
        }
        return new RidgeReadout(weights, bias, features, dropped == 0 ? "QR" : "QR, " + dropped
                + " negligible pivots dropped");
    }

    /** Rotates {@code z} (non-zero from column {@code start}) into R and its targets {@code y} into Q^T Y. */
    private static void rotateIn(double[][] r, double[][] c, double[] z, double[] y, int start) {
        int f = z.length;
        for (int j = start; j < f; j++) {
            double zj = z[j];
            if (zj == 0) {
                continue;
            }
            double[] rj = r[j];
            double a = rj[j];
            double h = Math.sqrt(a * a + zj * zj);
            double cos = a / h;
            double sin = zj / h;
            rj[j] = h;
            for (int k = j + 1; k < f; k++) {
                double p = rj[k];
                double q = z[k];
                rj[k] = cos * p + sin * q;
                z[k] = cos * q - sin * p;
            }
            double[] cj = c[j];
            for (int m = 0; m < cj.length; m++) {
                double p = cj[m];
                cj[m] = cos * p + sin * y[m];
                y[m] = cos * y[m] - sin * p;
            }
        }
    }
}
