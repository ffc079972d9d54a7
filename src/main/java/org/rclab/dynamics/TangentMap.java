package org.rclab.dynamics;

/**
 * A step map that also advances tangent vectors by its linearisation:
 * {@code x(n+1) = F(x(n))}, {@code v(n+1) = DF(x(n)) v(n)}.
 *
 * <p>This is what Benettin's algorithm needs to compute Lyapunov exponents; it is implemented by
 * the integrators of every system in rclab and, later, by trained closed-loop reservoirs.
 * Not thread-safe.
 */
public interface TangentMap extends StepMap {

    /**
     * Advances {@code state} and each row of {@code tangents} ({@code k} vectors of length
     * {@link #dimension()}) by one step, in place. The state after the call equals what
     * {@link #step(double[])} would give.
     */
    void step(double[] state, double[][] tangents);
}
