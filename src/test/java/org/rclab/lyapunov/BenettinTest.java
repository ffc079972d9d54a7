package org.rclab.lyapunov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Lorenz96;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Rossler;

/** Lyapunov spectra of flows against literature values (tolerances from issue 2). */
class BenettinTest {

    @Test
    void lorenz63SpectrumSumAndKaplanYorke() {
        var map = new Rk4(Lorenz63.classic(), 0.01);
        var s = Benettin.spectrum(map, new double[] {1, 1, 1}, Benettin.Options.of(3, 20_000, 0.01));
        // Literature: 0.9056, 0, -14.5723 (Sprott 2003, Chaos and Time-Series Analysis, table A.1)
        assertEquals(0.906, s.exponent(0), 0.01, s.table());
        assertEquals(0.0, s.exponent(1), 0.01, s.table());
        assertEquals(-14.572, s.exponent(2), 0.05, s.table());
        assertEquals(-(10 + 1 + 8.0 / 3.0), s.sum(), 1e-3, s.table());
        assertEquals(2.06, s.kaplanYorke(), 0.01, s.table());
        for (int i = 0; i < 3; i++) {
            assertTrue(s.standardErrors()[i] < 0.01, "standard error " + i + " small: " + s.table());
        }
    }

    @Test
    void rosslerLeadingExponents() {
        var map = new Rk4(Rossler.classic(), 0.01);
        var s = Benettin.spectrum(map, new double[] {1, 1, 0}, Benettin.Options.of(3, 50_000, 0.01));
        // Literature: 0.0714, 0, -5.3943 (Sprott 2003)
        assertEquals(0.071, s.exponent(0), 0.005, s.table());
        assertEquals(0.0, s.exponent(1), 0.005, s.table());
    }

    @Test
    void lorenz96LargestExponent() {
        var system = new Lorenz96(40, 8);
        var map = new Rk4(system, 0.01);
        var s = Benettin.spectrum(map, system.defaultInitialState(), Benettin.Options.of(4, 1_000, 0.01));
        // Karimi & Paul 2010, Chaos 20:043105: lambda_1 = 1.68 for J = 40, F = 8
        assertEquals(1.68, s.exponent(0), 0.05, s.table());
    }

    @Test
    void mackeyGlassIsLowDimensional() {
        var integrator = org.rclab.dynamics.MackeyGlass.jaeger(17).integrator(0.1);
        var s = Benettin.spectrum(integrator, integrator.initialHistory(1.2),
                Benettin.Options.of(4, 20_000, 0.1).withWarmup(10_000, 10_000));
        // Farmer 1982, Physica D 4:366: tau = 17 gives one positive exponent and dimension about 2.1
        assertTrue(s.exponent(0) > 0.003 && s.exponent(0) < 0.008, s.table());
        assertEquals(0.0, s.exponent(1), 1e-3, s.table());
        assertEquals(2.1, s.kaplanYorke(), 0.1, s.table());
    }

    @Test
    void kuramotoSivashinskyL22() {
        var ks = org.rclab.dynamics.KuramotoSivashinsky.of(22, 64);
        var map = ks.etdrk4(0.25);
        double[] u0 = ks.initialCondition(new java.util.SplittableRandom(1));
        // 100 000 ETDRK4 steps with tangents (25 000 time units) after a 1 000 time-unit transient
        var s = Benettin.spectrum(map, u0, new Benettin.Options(8, 4_000, 4_000, 100_000, 1, 20, 1));
        // Edson, Bunder, Mattner, Roberts 2019 (ANZIAM J. 61:270): lambda_1 = 0.043-0.048, D_KY = 5.198;
        // the Galilean, time and space translation modes give three zero exponents
        assertTrue(s.exponent(0) >= 0.043 && s.exponent(0) <= 0.050, s.table());
        assertEquals(5.2, s.kaplanYorke(), 0.3, s.table());
        for (int i = 1; i <= 3; i++) {
            assertEquals(0.0, s.exponent(i), 0.003, s.table());
        }
        assertEquals(1, java.util.Arrays.stream(s.exponents()).filter(l -> l > 0.01).count(), s.table());
    }

    @Test
    void sameSeedSameBits() {
        var options = Benettin.Options.of(2, 50, 0.01).withSeed(7);
        var a = Benettin.spectrum(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, options);
        var b = Benettin.spectrum(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, options);
        assertArrayEquals(a.exponents(), b.exponents(), 0.0);
    }

    @Test
    void kaplanYorkeDefinition() {
        assertEquals(2 + (0.9 + 0.0) / 14.5, LyapunovSpectrum.kaplanYorke(new double[] {0.9, 0.0, -14.5}), 1e-15);
        assertEquals(0.0, LyapunovSpectrum.kaplanYorke(new double[] {-1, -2}), 0.0);
        assertTrue(Double.isNaN(LyapunovSpectrum.kaplanYorke(new double[] {1, 0.5})));
    }

    @Test
    void badOptionsNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Benettin.Options(0, 0, 0, 100, 1, 20, 1));
        assertEquals("exponents must be positive, got 0", e.getMessage());
        var tooMany = assertThrows(IllegalArgumentException.class, () -> Benettin.spectrum(
                new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, Benettin.Options.of(4, 10, 0.01)));
        assertEquals("exponents must be at most the dimension 3, got 4", tooMany.getMessage());
    }
}
