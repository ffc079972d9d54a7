package org.rclab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FastMathTest {

    private static final MathContext DIGITS = new MathContext(40);

    /** tanh |x| to 40 digits: expm1 by its series at y = 2|x| / 2^s, then s doublings E -> E (E + 2). */
    private static double exactTanh(double x) {
        if (x == 0) {
            return x;
        }
        BigDecimal y = new BigDecimal(2 * Math.abs(x));
        int halvings = 0;
        while (y.compareTo(BigDecimal.valueOf(0.01)) > 0) {
            y = y.divide(BigDecimal.valueOf(2), DIGITS);
            halvings++;
        }
        BigDecimal term = y;
        BigDecimal e = y;
        for (int k = 2; k < 30; k++) {
            term = term.multiply(y, DIGITS).divide(BigDecimal.valueOf(k), DIGITS);
            e = e.add(term, DIGITS);
        }
        BigDecimal two = BigDecimal.valueOf(2);
        for (int i = 0; i < halvings; i++) {
            e = e.multiply(e.add(two, DIGITS), DIGITS);
        }
        double t = e.divide(e.add(two, DIGITS), DIGITS).doubleValue();
        return x < 0 ? -t : t;
    }

    @Test
    void tanhIsWithinTwoUlpOfTheExactValue() {
        // 2 ulp is the largest error seen over 300000 points; no proof bounds it there
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30_000; i++) {
            double x = switch (i % 4) {
                case 0 -> (random.nextDouble() - 0.5) * 40;
                case 1 -> (random.nextDouble() - 0.5) * 2;
                // 2|x| in [ln 2 / 2, 3 ln 2 / 2]: k = 1, where the rounding errors add up most
                case 2 -> (0.1733 + random.nextDouble() * 0.3466) * (random.nextBoolean() ? 1 : -1);
                default -> Math.scalb(random.nextDouble(), -random.nextInt(40)) * (random.nextBoolean() ? 1 : -1);
            };
            double t = exactTanh(x);
            assertEquals(t, FastMath.tanh(x), 2 * Math.ulp(t), "x = " + x);
        }
    }

    @Test
    void tanhAtTheEdges() {
        assertEquals(1.0, FastMath.tanh(19.1), 0.0);
        assertEquals(1.0, FastMath.tanh(800), 0.0);
        assertEquals(-1.0, FastMath.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(FastMath.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, FastMath.tanh(Double.MIN_VALUE), 0.0);
        assertEquals(1e-300, FastMath.tanh(1e-300), 0.0);
        // the sign of zero is kept, as Math.tanh keeps it
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FastMath.tanh(-0.0)));
        assertEquals(0L, Double.doubleToRawLongBits(FastMath.tanh(0.0)));
    }

    @Test
    void tanhIsOdd() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 100_000; i++) {
            double x = (random.nextDouble() - 0.5) * 50;
            assertEquals(-FastMath.tanh(x), FastMath.tanh(-x), 0.0, "x = " + x);
        }
    }
}
