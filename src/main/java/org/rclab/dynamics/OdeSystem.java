package org.rclab.dynamics;

import java.util.List;

import org.rclab.core.TimeSeries;

/**
 * An autonomous or non-autonomous ordinary differential equation {@code dx/dt = f(t, x)} with its
 * Jacobian-vector product {@code J(t, x) v}, the tangent (linearised) dynamics used by
 * Lyapunov-exponent computations.
 *
 * <p>Implementations are immutable and thread-safe; they write into caller-owned arrays and
 * allocate nothing.
 */
public interface OdeSystem {

    /** Dimension of the state. */
    int dimension();

    /** Writes {@code f(t, x)} into {@code dxdt}; {@code dxdt} must not be {@code x}. */
    void derivative(double t, double[] x, double[] dxdt);

    /** Writes {@code J(t, x) v} into {@code out}; {@code out} must be neither {@code x} nor {@code v}. */
    void jacobianTimes(double t, double[] x, double[] v, double[] out);

    /** The dense Jacobian {@code J[i][j] = df_i / dx_j}, built from Jacobian-vector products. */
    default double[][] jacobian(double t, double[] x) {
        int n = dimension();
        double[][] jac = new double[n][n];
        double[] e = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1.0;
            jacobianTimes(t, x, e, col);
            e[j] = 0.0;
            for (int i = 0; i < n; i++) {
                jac[i][j] = col[i];
            }
        }
        return jac;
    }

    /** A typical initial state on or near the attractor's basin. */
    double[] defaultInitialState();

    /** Names of the variables. */
    default List<String> variableNames() {
        return TimeSeries.defaultNames(dimension());
    }

    /**
     * The divergence {@code trace J}: the sum of all Lyapunov exponents equals its time average
     * (a constant {@code -(sigma + 1 + beta)} for Lorenz-63).
     */
    default double divergence(double t, double[] x) {
        double[][] jac = jacobian(t, x);
        double tr = 0;
        for (int i = 0; i < jac.length; i++) {
            tr += jac[i][i];
        }
        return tr;
    }
}
