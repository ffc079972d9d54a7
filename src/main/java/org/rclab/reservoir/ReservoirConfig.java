package org.rclab.reservoir;

import org.rclab.core.Checks;

/**
 * Hyperparameters of a sparse echo state network (Jaeger 2001, GMD Report 148; Lukosevicius 2012,
 * "A practical guide to applying echo state networks", doi:10.1007/978-3-642-35289-8_36):
 *
 * <pre>
 *   x(t+1) = (1 - a) x(t) + a tanh(W x(t) + W_in u(t) + b)
 * </pre>
 *
 * with W an N x N sparse random matrix of the given average degree scaled to spectral radius rho,
 * W_in uniform in [-inputScaling, inputScaling] (dense, or Pathak et al. 2018's one input per node
 * in contiguous blocks), b uniform in [-bias, bias], a the leak rate.
 *
 * <p>The defaults are those of rclab's Lorenz protocol: N = 2000, degree 6, rho = 0.9, a = 1,
 * input scaling 0.1, dense input, no bias (issue 3; ReservoirPy's defaults are similar).
 *
 * @param size              N, the number of reservoir nodes
 * @param averageDegree     mean number of non-zeros per row of W
 * @param topology          how W's non-zeros are placed
 * @param spectralRadius    rho(W) after scaling
 * @param leakRate          a in (0, 1]
 * @param inputScaling      half-width of W_in's uniform entries
 * @param inputConnectivity dense W_in or one input per node in blocks
 * @param bias              half-width of b's uniform entries (0: no bias)
 * @param seed              master seed; W, W_in and b draw from named streams of it
 */
public record ReservoirConfig(int size, double averageDegree, Topology topology, double spectralRadius,
                              double leakRate, double inputScaling, InputConnectivity inputConnectivity, double bias,
                              long seed) {

    /** Placement of the recurrent non-zeros. */
    public enum Topology {
        /** Each entry non-zero with probability averageDegree / N (Pathak 2017, ReservoirPy). */
        ERDOS_RENYI,
        /** Exactly round(averageDegree) non-zeros per row (every node has the same in-degree). */
        FIXED_IN_DEGREE
    }

    /** Shape of the input matrix. */
    public enum InputConnectivity {
        /** Every node receives every input. */
        DENSE,
        /** Node i receives only input floor(i D / N): D contiguous blocks (Pathak et al. 2017, 2018). */
        BLOCKS
    }

    public ReservoirConfig {
        Checks.positive("size", size);
        Checks.require(averageDegree > 0 && averageDegree <= size,
                "averageDegree must be in (0, size = " + size + "], got " + averageDegree);
        Checks.require(topology != null, "topology must not be null");
        Checks.positive("spectralRadius", spectralRadius);
        Checks.inHalfOpen("leakRate", leakRate, 0, 1);
        Checks.nonNegative("inputScaling", inputScaling);
        Checks.require(inputConnectivity != null, "inputConnectivity must not be null");
        Checks.nonNegative("bias", bias);
    }

    /** A builder with the defaults of rclab's Lorenz protocol. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().size(size).averageDegree(averageDegree).topology(topology).spectralRadius(spectralRadius)
                .leakRate(leakRate).inputScaling(inputScaling).inputConnectivity(inputConnectivity).bias(bias).seed(seed);
    }

    /** Builder of {@link ReservoirConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int size = 2000;
        private double averageDegree = 6;
        private Topology topology = Topology.ERDOS_RENYI;
        private double spectralRadius = 0.9;
        private double leakRate = 1.0;
        private double inputScaling = 0.1;
        private InputConnectivity inputConnectivity = InputConnectivity.DENSE;
        private double bias = 0.0;
        private long seed = 42;

        public Builder size(int value) {
            size = value;
            return this;
        }

        public Builder averageDegree(double value) {
            averageDegree = value;
            return this;
        }

        public Builder topology(Topology value) {
            topology = value;
            return this;
        }

        public Builder spectralRadius(double value) {
            spectralRadius = value;
            return this;
        }

        public Builder leakRate(double value) {
            leakRate = value;
            return this;
        }

        public Builder inputScaling(double value) {
            inputScaling = value;
            return this;
        }

        public Builder inputConnectivity(InputConnectivity value) {
            inputConnectivity = value;
            return this;
        }

        public Builder bias(double value) {
            bias = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public ReservoirConfig build() {
            return new ReservoirConfig(size, averageDegree, topology, spectralRadius, leakRate, inputScaling,
                    inputConnectivity, bias, seed);
        }
    }
}
