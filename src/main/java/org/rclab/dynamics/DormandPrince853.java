package org.rclab.dynamics;

import java.util.List;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.rclab.core.Checks;

/**
 * Adaptive Dormand-Prince 8(5,3) integration (Hairer, Norsett, Wanner, Solving ODEs I, 1993) of an
 * {@link OdeSystem}, through commons-math3, as a step map whose step is the sampling interval: each
 * {@link #step} integrates adaptively over {@code interval} time units to the given tolerances.
 * It is the reference against which the fixed-step integrators are checked.
 *
 * <p>The tangent map integrates the variational equation {@code dv/dt = J(x) v} together with the
 * state, to the same tolerances. Not thread-safe.
 */
public final class DormandPrince853 implements TangentMap {

    private final OdeSystem system;
    private final double interval;
    private final double absTol;
    private final double relTol;
    private double t;

    /**
     * @param interval time advanced by one {@link #step}, {@code > 0}
     * @param absTol   absolute tolerance, {@code > 0}
     * @param relTol   relative tolerance, {@code > 0}
     */
    public DormandPrince853(OdeSystem system, double interval, double absTol, double relTol) {
        this.system = system;
        this.interval = Checks.positive("interval", interval);
        this.absTol = Checks.positive("absTol", absTol);
        this.relTol = Checks.positive("relTol", relTol);
    }

    /** Tight tolerances (1e-12 absolute and relative) for reference solutions. */
    public static DormandPrince853 reference(OdeSystem system, double interval) {
        return new DormandPrince853(system, interval, 1e-12, 1e-12);
    }

    @Override
    public int dimension() {
        return system.dimension();
    }

    @Override
    public double timeStep() {
        return interval;
    }

    @Override
    public List<String> outputNames() {
        return system.variableNames();
    }

    @Override
    public void step(double[] state) {
        integrate(state, null);
    }

    @Override
    public void step(double[] state, double[][] tangents) {
        integrate(state, tangents);
    }

    private void integrate(double[] state, double[][] tangents) {
        int n = system.dimension();
        int k = tangents == null ? 0 : tangents.length;
        double[] y = new double[n * (k + 1)];
        System.arraycopy(state, 0, y, 0, n);
        for (int j = 0; j < k; j++) {
            System.arraycopy(tangents[j], 0, y, n * (j + 1), n);
        }
        FirstOrderDifferentialEquations equations = new FirstOrderDifferentialEquations() {
            private final double[] x = new double[n];
            private final double[] v = new double[n];
            private final double[] out = new double[n];

            @Override
            public int getDimension() {
                return y.length;
            }

            @Override
            public void computeDerivatives(double time, double[] yy, double[] dy) {
                System.arraycopy(yy, 0, x, 0, n);
                system.derivative(time, x, out);
                System.arraycopy(out, 0, dy, 0, n);
                for (int j = 1; j <= k; j++) {
                    System.arraycopy(yy, n * j, v, 0, n);
                    system.jacobianTimes(time, x, v, out);
                    System.arraycopy(out, 0, dy, n * j, n);
                }
            }
        };
        double[] vecAbsTol = new double[y.length];
        double[] vecRelTol = new double[y.length];
        java.util.Arrays.fill(vecAbsTol, absTol);
        java.util.Arrays.fill(vecRelTol, relTol);
        DormandPrince853Integrator integrator =
                new DormandPrince853Integrator(1e-14 * interval, interval, vecAbsTol, vecRelTol);
        integrator.integrate(equations, t, y, t + interval, y);
        t += interval;
        System.arraycopy(y, 0, state, 0, n);
        for (int j = 0; j < k; j++) {
            System.arraycopy(y, n * (j + 1), tangents[j], 0, n);
        }
    }
}
