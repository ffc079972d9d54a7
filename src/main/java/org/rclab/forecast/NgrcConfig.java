package org.rclab.forecast;

import org.rclab.core.Checks;

/**
 * Configuration of a next-generation reservoir computer, a nonlinear vector autoregression
 * (Gauthier, Bollt, Griffith, Barbosa 2021, Nat. Commun. 12:5564, doi:10.1038/s41467-021-25801-2):
 *
 * <pre>
 *   O_lin(t)    = [u(t), u(t - s), ..., u(t - (k-1) s)]                 (d k entries)
 *   O_nonlin(t) = [O_lin,i O_lin,j]_{i &lt;= j}  (+ [O_lin,i O_lin,j O_lin,l]_{i &lt;= j &lt;= l} for order 3)
 *   O_total(t)  = c (+) O_lin (+) O_nonlin,     u(t + 1) = u(t) + W_out O_total(t)   (their Eq. 5)
 * </pre>
 *
 * W_out (including the weight of the constant c = 1) is fitted by ridge regression with every
 * weight penalised, as in Gauthier's code. Defaults ({@link #gauthierLorenz()}) are those of their
 * Lorenz-63 forecast.
 *
 * @param delays      k, the number of delay taps ({@code >= 1})
 * @param skip        s, the spacing of the taps in samples ({@code >= 1})
 * @param order       2 (quadratic monomials) or 3 (quadratic and cubic monomials)
 * @param ridge       the ridge (Tikhonov) parameter, {@code >= 0}
 * @param constant    include the constant feature c = 1 (penalised like the other weights)
 * @param standardize z-score the data with the training rows' mean and std before forming features
 *                    (off in Gauthier's code, which works in physical units)
 */
public record NgrcConfig(int delays, int skip, int order, double ridge, boolean constant, boolean standardize) {

    public NgrcConfig {
        if (delays < 1) {
            throw new IllegalArgumentException("delays (k) must be at least 1, got " + delays);
        }
        if (skip < 1) {
            throw new IllegalArgumentException("skip (s) must be at least 1, got " + skip);
        }
        if (order != 2 && order != 3) {
            throw new IllegalArgumentException("order must be 2 (quadratic monomials) or 3 (quadratic and cubic"
                    + " monomials), got " + order);
        }
        Checks.nonNegative("ridge", ridge);
        Checks.require((long) (delays - 1) * skip + 1 <= Integer.MAX_VALUE / 2,
                "(delays - 1) * skip + 1 must be a reasonable window, got delays = " + delays + ", skip = " + skip);
    }

    /** Gauthier et al.'s Lorenz-63 settings: k = 2, s = 1, order 2, ridge 2.5e-6, constant, no standardisation. */
    public static NgrcConfig gauthierLorenz() {
        return new NgrcConfig(2, 1, 2, 2.5e-6, true, false);
    }

    /** A builder with the defaults of {@link #gauthierLorenz()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().delays(delays).skip(skip).order(order).ridge(ridge).constant(constant)
                .standardize(standardize);
    }

    /** Rows of history one step needs, {@code (k - 1) s + 1}: the span of the delay taps. */
    public int window() {
        return (delays - 1) * skip + 1;
    }

    /** Length of O_lin for {@code d} variables, {@code d k}. */
    public int linearFeatures(int d) {
        return Math.multiplyExact(Checks.positive("d", d), delays);
    }

    /** Length of O_total for {@code d} variables: constant, linear, quadratic and (order 3) cubic monomials. */
    public int features(int d) {
        long p = linearFeatures(d);
        long total = (constant ? 1 : 0) + p + p * (p + 1) / 2;
        if (order == 3) {
            total += p * (p + 1) * (p + 2) / 6;
        }
        Checks.require(total <= 46_340, "the feature vector must have at most 46340 entries (its Gram matrix is"
                + " F x F), got " + total + " for d = " + d + ", delays = " + delays + ", order = " + order);
        return (int) total;
    }

    public NgrcConfig withRidge(double beta) {
        return new NgrcConfig(delays, skip, order, beta, constant, standardize);
    }

    /** Builder of {@link NgrcConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int delays = 2;
        private int skip = 1;
        private int order = 2;
        private double ridge = 2.5e-6;
        private boolean constant = true;
        private boolean standardize = false;

        public Builder delays(int value) {
            delays = value;
            return this;
        }

        public Builder skip(int value) {
            skip = value;
            return this;
        }

        public Builder order(int value) {
            order = value;
            return this;
        }

        public Builder ridge(double value) {
            ridge = value;
            return this;
        }

        public Builder constant(boolean value) {
            constant = value;
            return this;
        }

        public Builder standardize(boolean value) {
            standardize = value;
            return this;
        }

        public NgrcConfig build() {
            return new NgrcConfig(delays, skip, order, ridge, constant, standardize);
        }
    }
}
