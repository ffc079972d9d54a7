package org.rclab.dynamics;

import java.util.List;

import org.rclab.core.Checks;

/**
 * The Lorenz (1963) system, J. Atmos. Sci. 20:130, doi:10.1175/1520-0469(1963)020&lt;0130:DNF&gt;2.0.CO;2.
 *
 * <pre>
 *   dx/dt = sigma (y - x)
 *   dy/dt = x (rho - z) - y
 *   dz/dt = x y - beta z
 * </pre>
 *
 * With the classical (10, 28, 8/3) its Lyapunov spectrum is about (0.906, 0, -14.572) and the
 * exponents sum to the constant divergence {@code -(sigma + 1 + beta)}.
 */
public record Lorenz63(double sigma, double rho, double beta) implements OdeSystem {

    public Lorenz63 {
        Checks.finite("sigma", sigma);
        Checks.finite("rho", rho);
        Checks.finite("beta", beta);
    }

    /** The classical chaotic parameters sigma = 10, rho = 28, beta = 8/3. */
    public static Lorenz63 classic() {
        return new Lorenz63(10, 28, 8.0 / 3.0);
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public void derivative(double t, double[] s, double[] d) {
        double x = s[0];
        double y = s[1];
        double z = s[2];
        d[0] = sigma * (y - x);
        d[1] = x * (rho - z) - y;
        d[2] = x * y - beta * z;
    }

    @Override
    public void jacobianTimes(double t, double[] s, double[] v, double[] out) {
        double x = s[0];
        double y = s[1];
        double z = s[2];
        out[0] = sigma * (v[1] - v[0]);
        out[1] = (rho - z) * v[0] - v[1] - x * v[2];
        out[2] = y * v[0] + x * v[1] - beta * v[2];
    }

    @Override
    public double divergence(double t, double[] x) {
        return -(sigma + 1 + beta);
    }

    @Override
    public double[] defaultInitialState() {
        return new double[] {1.0, 1.0, 1.0};
    }

    @Override
    public List<String> variableNames() {
        return List.of("x", "y", "z");
    }
}
