package org.rclab.lyapunov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;

class RosensteinTest {

    @Test
    void lorenzXGivesTheLargestExponent() {
        // x(t) sampled every 0.02 over 200 time units; embedding m = 5, lag 0.1 (Rosenstein et al. 1993 used
        // m = 5, tau = 0.11); the divergence curve is linear from about 1 to 4 time units, where it is fitted
        double[] x = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 50.0, 0.02, 10000)
                .column(0);
        var r = Rosenstein.largestExponent(x, 0.02, 5, 5, 50, 250, 50, 200);
        assertEquals(0.9, r.exponent(), 0.1, "Rosenstein estimate " + r.exponent());
    }
}
