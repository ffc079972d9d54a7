package org.rclab.dynamics;

import org.rclab.core.Checks;

/**
 * The Lorenz (1996) model on a ring of J sites, "Predictability: a problem partly solved",
 * ECMWF Seminar on Predictability; Lorenz &amp; Emanuel 1998, J. Atmos. Sci. 55:399.
 *
 * <pre>
 *   dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + F,   indices modulo J
 * </pre>
 *
 * With J = 40, F = 8 the largest Lyapunov exponent is about 1.68 (Karimi &amp; Paul 2010,
 * Chaos 20:043105).
 */
public record Lorenz96(int J, double F) implements OdeSystem {

    public Lorenz96 {
        if (J < 4) {
            throw new IllegalArgumentException("J must be at least 4, got " + J);
        }
        Checks.finite("F", F);
    }

    @Override
    public int dimension() {
        return J;
    }

    @Override
    public void derivative(double t, double[] x, double[] d) {
        int n = J;
        for (int i = 0; i < n; i++) {
            double xp1 = x[i + 1 < n ? i + 1 : i + 1 - n];
            double xm1 = x[i >= 1 ? i - 1 : i - 1 + n];
            double xm2 = x[i >= 2 ? i - 2 : i - 2 + n];
            d[i] = (xp1 - xm2) * xm1 - x[i] + F;
        }
    }

    @Override
    public void jacobianTimes(double t, double[] x, double[] v, double[] out) {
        int n = J;
        for (int i = 0; i < n; i++) {
            int ip1 = i + 1 < n ? i + 1 : i + 1 - n;
            int im1 = i >= 1 ? i - 1 : i - 1 + n;
            int im2 = i >= 2 ? i - 2 : i - 2 + n;
            out[i] = (v[ip1] - v[im2]) * x[im1] + (x[ip1] - x[im2]) * v[im1] - v[i];
        }
    }

    @Override
    public double divergence(double t, double[] x) {
        return -J;
    }

    /** x_i = F with a small bump at site 0, the usual start. */
    @Override
    public double[] defaultInitialState() {
        double[] x = new double[J];
        java.util.Arrays.fill(x, F);
        x[0] += 0.01;
        return x;
    }
}
