package org.rclab.reservoir;

/**
 * The state update of an echo state network, single ({@link Reservoir}) or deep
 * ({@link DeepReservoir}): {@code x(t+1) = F(x(t), u(t))} with its derivative, so training, closed-loop
 * forecasting and Lyapunov spectra work the same for both. The readout reads the features
 * {@code x[featureOffset() .. featureOffset() + featureCount())}.
 */
public sealed interface EchoState permits Reservoir, DeepReservoir {

    /** Length of the state x. */
    int stateSize();

    /** Number of inputs D. */
    int inputDimension();

    /** First state entry the readout reads. */
    int featureOffset();

    /** Number of state entries the readout reads. */
    int featureCount();

    /** The leak rate of the layer whose state is read last (for reports). */
    double leakRate();

    /**
     * {@code next = F(x, u)}. Allocates nothing; {@code next} must not be {@code x} or {@code u}.
     *
     * @throws IllegalArgumentException on a wrong length or an output that aliases an input
     */
    void update(double[] x, double[] u, double[] next);

    /**
     * {@code next = F(x, u)}, also writing what {@link #tangent} needs (the activation slopes
     * {@code 1 - tanh^2}, length {@link #stateSize()}); {@code slopes} must not be {@code x},
     * {@code u} or {@code next}.
     *
     * @throws IllegalArgumentException on a wrong length or an output that aliases an input
     */
    void update(double[] x, double[] u, double[] next, double[] slopes);

    /**
     * The tangent map at the step whose slopes are given: {@code dnext = D_x F dx + D_u F du}.
     * {@code slopes}, {@code dx} and {@code dnext} have length {@link #stateSize()}, {@code du}
     * length {@link #inputDimension()}; {@code dnext} must not be {@code slopes}, {@code dx} or
     * {@code du}.
     *
     * @param work scratch of length {@link #stateSize()}
     * @throws IllegalArgumentException on a wrong length or an output that aliases an input
     */
    void tangent(double[] slopes, double[] dx, double[] du, double[] dnext, double[] work);
}
