package org.rclab.dynamics;

/**
 * A scalar delay differential equation with one fixed delay,
 * {@code dy/dt = f(y(t), y(t - tau))}, with the partial derivatives of {@code f} that the
 * tangent (linearised) dynamics need.
 *
 * <p>The state of such a system at time {@code t} is the whole history {@code y} on
 * {@code [t - tau, t]}, so it is infinite-dimensional; integrators store it as a sampled history
 * window (see {@link MackeyGlass.Integrator}). Implementations are immutable and thread-safe.
 */
public interface DelaySystem {

    /** The delay {@code tau > 0}. */
    double delay();

    /** {@code f(y, yDelayed)}, where {@code yDelayed = y(t - tau)}. */
    double derivative(double y, double yDelayed);

    /** {@code df/dy} at {@code (y, yDelayed)}. */
    double partialY(double y, double yDelayed);

    /** {@code df/dyDelayed} at {@code (y, yDelayed)}. */
    double partialDelayed(double y, double yDelayed);
}
