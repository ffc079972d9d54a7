package org.rclab.dynamics;

import java.util.List;

import org.rclab.core.Checks;

/**
 * The classical fourth-order Runge-Kutta method with a fixed step {@code h}, as a step map of an
 * {@link OdeSystem}, with its tangent map: the same scheme applied to the variational equation
 * {@code dv/dt = J(x) v} alongside the state (so the tangent map is the exact derivative of the
 * discrete step).
 *
 * <pre>
 *   k1 = f(x), k2 = f(x + h/2 k1), k3 = f(x + h/2 k2), k4 = f(x + h k3)
 *   x' = x + h/6 (k1 + 2 k2 + 2 k3 + k4)
 * </pre>
 *
 * Global error O(h^4). Keeps scratch buffers: not thread-safe.
 */
public final class Rk4 implements TangentMap {

    private final OdeSystem system;
    private final double h;
    private final int n;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] x1;
    private final double[] x2;
    private final double[] x3;
    private final double[] vt;
    private final double[] l1;
    private final double[] l2;
    private final double[] l3;
    private final double[] l4;
    private double t;

    /** An RK4 stepper of {@code system} with step {@code h > 0}. */
    public Rk4(OdeSystem system, double h) {
        this.system = system;
        this.h = Checks.positive("h", h);
        this.n = system.dimension();
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        x1 = new double[n];
        x2 = new double[n];
        x3 = new double[n];
        vt = new double[n];
        l1 = new double[n];
        l2 = new double[n];
        l3 = new double[n];
        l4 = new double[n];
    }

    public OdeSystem system() {
        return system;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double timeStep() {
        return h;
    }

    @Override
    public List<String> outputNames() {
        return system.variableNames();
    }

    /** Time of the next step's start (for non-autonomous systems); advanced by every step. */
    public double time() {
        return t;
    }

    /** Sets the time of the next step's start. */
    public void setTime(double time) {
        this.t = Checks.finite("time", time);
    }

    @Override
    public void step(double[] x) {
        stages(x);
        combine(x);
        t += h;
    }

    @Override
    public void step(double[] x, double[][] tangents) {
        stages(x);
        double half = 0.5 * h;
        for (double[] v : tangents) {
            system.jacobianTimes(t, x, v, l1);
            for (int i = 0; i < n; i++) {
                vt[i] = v[i] + half * l1[i];
            }
            system.jacobianTimes(t + half, x1, vt, l2);
            for (int i = 0; i < n; i++) {
                vt[i] = v[i] + half * l2[i];
            }
            system.jacobianTimes(t + half, x2, vt, l3);
            for (int i = 0; i < n; i++) {
                vt[i] = v[i] + h * l3[i];
            }
            system.jacobianTimes(t + h, x3, vt, l4);
            double h6 = h / 6.0;
            for (int i = 0; i < n; i++) {
                v[i] += h6 * (l1[i] + 2.0 * (l2[i] + l3[i]) + l4[i]);
            }
        }
        combine(x);
        t += h;
    }

    /** Computes k1..k4 and the stage states x1, x2, x3 from x (left unchanged). */
    private void stages(double[] x) {
        double half = 0.5 * h;
        system.derivative(t, x, k1);
        for (int i = 0; i < n; i++) {
            x1[i] = x[i] + half * k1[i];
        }
        system.derivative(t + half, x1, k2);
        for (int i = 0; i < n; i++) {
            x2[i] = x[i] + half * k2[i];
        }
        system.derivative(t + half, x2, k3);
        for (int i = 0; i < n; i++) {
            x3[i] = x[i] + h * k3[i];
        }
        system.derivative(t + h, x3, k4);
    }

    private void combine(double[] x) {
        double h6 = h / 6.0;
        for (int i = 0; i < n; i++) {
            x[i] += h6 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        }
    }
}
