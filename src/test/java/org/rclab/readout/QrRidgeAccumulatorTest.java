package org.rclab.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class QrRidgeAccumulatorTest {

    @Test
    void agreesWithTheNormalEquationsOnAWellConditionedProblem() {
        SplittableRandom random = new SplittableRandom(1);
        QrRidgeAccumulator qr = new QrRidgeAccumulator(6, 2);
        RidgeAccumulator normal = new RidgeAccumulator(6, 2, true);
        for (int t = 0; t < 700; t++) {
            double[] x = new double[6];
            for (int i = 0; i < 6; i++) {
                x[i] = random.nextDouble() * 2 - 1;
            }
            double[] y = {x[0] - 2 * x[3] + 0.1 * random.nextDouble(), 3 + x[5] * x[1]};
            qr.add(x, y);
            normal.add(x, y);
        }
        for (double beta : new double[] {0, 1e-3, 1.0}) {
            RidgeReadout a = qr.solve(beta);
            RidgeReadout b = normal.solve(beta);
            assertArrayEquals(b.weights(), a.weights(), 1e-10, "beta " + beta);
            assertArrayEquals(b.bias(), a.bias(), 1e-10, "beta " + beta);
            assertEquals("QR", a.note());
        }
        assertEquals(700, qr.count());
    }

    @Test
    void keepsDigitsTheNormalEquationsLose() {
        // monomial features t^0.5 .. t^4 on [1, 2]: nearly collinear, condition number ~1e6, so
        // X^T X has condition ~1e12 and loses about 12 of 16 digits
        QrRidgeAccumulator qr = new QrRidgeAccumulator(5, 1);
        RidgeAccumulator normal = new RidgeAccumulator(5, 1, true);
        double[] w = {0.3, -1.2, 0.8, 0.5, -0.1};
        for (int k = 0; k <= 2000; k++) {
            double t = 1 + k / 2000.0;
            double[] x = {Math.sqrt(t), t, t * t, t * t * t, t * t * t * t};
            double y = 0.7;
            for (int i = 0; i < 5; i++) {
                y += w[i] * x[i];
            }
            qr.add(x, new double[] {y});
            normal.add(x, new double[] {y});
        }
        RidgeReadout a = qr.solve(0);
        RidgeReadout b = normal.solve(0);
        double qrError = 0;
        double normalError = 0;
        for (int i = 0; i < 5; i++) {
            qrError = Math.max(qrError, Math.abs(a.weight(0, i) - w[i]));
            normalError = Math.max(normalError, Math.abs(b.weight(0, i) - w[i]));
        }
        assertTrue(qrError < 1e-7, "QR error " + qrError);
        assertTrue(qrError < normalError / 10, "QR " + qrError + " against normal equations " + normalError);
    }

    @Test
    void badInputIsNamed() {
        QrRidgeAccumulator qr = new QrRidgeAccumulator(2, 1);
        assertEquals("features have a non-finite value NaN at row 0, column 1", assertThrows(
                IllegalArgumentException.class, () -> qr.add(new double[] {1, Double.NaN}, new double[] {1})).getMessage());
        assertEquals("the ridge system has no rows: add training rows before solve",
                assertThrows(IllegalArgumentException.class, () -> qr.solve(1)).getMessage());
    }
}
