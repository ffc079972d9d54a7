package org.rclab.readout;

import org.rclab.core.Checks;

/**
 * A trained linear readout {@code y = W_out r + b} (M outputs, F features), immutable. {@code W_out}
 * is stored row-major, M x F.
 *
 * @param weights  W_out, row-major M x F
 * @param bias     b, length M (zeros when the readout has no bias)
 * @param features F
 * @param note     how the ridge system was solved (e.g. "Cholesky" or the fallback used)
 */
public record RidgeReadout(double[] weights, double[] bias, int features, String note) {

    public RidgeReadout {
        Checks.positive("features", features);
        Checks.require(bias.length > 0 && weights.length == (long) bias.length * features,
                "weights must have outputs * features = " + bias.length + " * " + features + " entries, got "
                        + weights.length);
        Checks.finite("weights", weights);
        Checks.finite("bias", bias);
        weights = weights.clone();
        bias = bias.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    /** M. */
    public int outputs() {
        return bias.length;
    }

    /** Entry {@code W_out[m][f]}. */
    public double weight(int m, int f) {
        return weights[m * features + f];
    }

    /**
     * {@code out = W_out r + b}. Allocates nothing.
     *
     * @param r   features, length F, not modified
     * @param out outputs, length M, overwritten
     */
    public void apply(double[] r, double[] out) {
        applyWeights(r, out);
        for (int m = 0; m < out.length; m++) {
            out[m] += bias[m];
        }
    }

    /**
     * {@code out = W_out r}, without the bias: the readout's derivative, for tangent maps.
     * Allocates nothing.
     */
    public void applyWeights(double[] r, double[] out) {
        if (r.length != features || out.length != bias.length) {
            throw new IllegalArgumentException("apply needs features of length " + features + " and out of length "
                    + bias.length + ", got " + r.length + " and " + out.length);
        }
        int f = features;
        for (int m = 0; m < out.length; m++) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int base = m * f;
            int p = 0;
            for (; p + 3 < f; p += 4) {
                s0 += weights[base + p] * r[p];
                s1 += weights[base + p + 1] * r[p + 1];
                s2 += weights[base + p + 2] * r[p + 2];
                s3 += weights[base + p + 3] * r[p + 3];
            }
            for (; p < f; p++) {
                s0 += weights[base + p] * r[p];
            }
            out[m] = (s0 + s1) + (s2 + s3);
        }
    }
}
