/**
 * True chaotic systems and their integrators: {@link org.rclab.dynamics.OdeSystem} flows
 * (Lorenz-63, Rossler, Lorenz-96), the Mackey-Glass delay equation and the Kuramoto-Sivashinsky
 * PDE, each with tangent dynamics, advanced as {@link org.rclab.dynamics.StepMap}s and sampled into
 * {@link org.rclab.core.TimeSeries} by {@link org.rclab.dynamics.Trajectory}. {@link org.rclab.dynamics.Rk23}
 * integrates and samples a flow as SciPy's {@code solve_ivp(method='RK23')} does, to reproduce data
 * made by Python scripts.
 */
package org.rclab.dynamics;
