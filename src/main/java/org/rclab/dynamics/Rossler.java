package org.rclab.dynamics;

import java.util.List;

import org.rclab.core.Checks;

/**
 * The Rossler (1976) system, Phys. Lett. A 57:397, doi:10.1016/0375-9601(76)90101-8.
 *
 * <pre>
 *   dx/dt = -y - z
 *   dy/dt = x + a y
 *   dz/dt = b + z (x - c)
 * </pre>
 *
 * With (0.2, 0.2, 5.7) its Lyapunov spectrum is about (0.071, 0, -5.39).
 */
public record Rossler(double a, double b, double c) implements OdeSystem {

    public Rossler {
        Checks.finite("a", a);
        Checks.finite("b", b);
        Checks.finite("c", c);
    }

    /** The classical chaotic parameters a = 0.2, b = 0.2, c = 5.7. */
    public static Rossler classic() {
        return new Rossler(0.2, 0.2, 5.7);
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public void derivative(double t, double[] s, double[] d) {
        d[0] = -s[1] - s[2];
        d[1] = s[0] + a * s[1];
        d[2] = b + s[2] * (s[0] - c);
    }

    @Override
    public void jacobianTimes(double t, double[] s, double[] v, double[] out) {
        out[0] = -v[1] - v[2];
        out[1] = v[0] + a * v[1];
        out[2] = s[2] * v[0] + (s[0] - c) * v[2];
    }

    @Override
    public double[] defaultInitialState() {
        return new double[] {1.0, 1.0, 0.0};
    }

    @Override
    public List<String> variableNames() {
        return List.of("x", "y", "z");
    }
}
