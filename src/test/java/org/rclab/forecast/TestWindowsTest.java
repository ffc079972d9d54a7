package org.rclab.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.TangentMap;

/** Test windows with a scripted forecaster, so every start, error curve and VPT is known. */
class TestWindowsTest {

    static final double DT = 0.5;
    static final double LAMBDA = 0.25;
    static final double[] SIGMA = {2, 2};

    /** Two columns, {@code sin(0.1 i)} and {@code cos(0.1 i)}, sampled every DT from t0 = 3. */
    static TimeSeries series(int rows) {
        double[] v = new double[rows * 2];
        for (int i = 0; i < rows; i++) {
            v[2 * i] = Math.sin(0.1 * i);
            v[2 * i + 1] = Math.cos(0.1 * i);
        }
        return TimeSeries.wrap(v, rows, 2, 3.0, DT, List.of("x", "y"));
    }

    /**
     * Forecasts the truth exactly for its first {@code exact[w]} rows on its w-th call, then the
     * truth plus 2 in both variables (error 1 in units of sigma = 2); on the calls listed in
     * {@code diverging} it diverges after those exact rows instead. Records each call's arguments.
     */
    static final class Scripted implements Forecaster {
        final int[] exact;
        final List<Integer> diverging;
        final List<int[]> calls = new ArrayList<>();

        Scripted(int[] exact, Integer... diverging) {
            this.exact = exact;
            this.diverging = List.of(diverging);
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double dt() {
            return DT;
        }

        @Override
        public TimeSeries forecast(TimeSeries data, int start, int history, int steps) {
            int w = calls.size();
            int k = exact[w];
            calls.add(new int[] {start, history, steps});
            TimeSeries truth = data.slice(start, start + steps);
            if (diverging.contains(w)) {
                throw new ForecastDivergedException("diverged at step " + k, k, k == 0 ? null : truth.slice(0, k));
            }
            double[] v = truth.toArray();
            for (int i = 2 * k; i < v.length; i++) {
                v[i] += 2;
            }
            return TimeSeries.wrap(v, steps, 2, data.time(start), DT, data.names());
        }

        @Override
        public int minimumHistory() {
            return 1;
        }

        @Override
        public TangentMap closedLoop() {
            throw new AssertionError("TestWindows never asks a model for its closed-loop map");
        }

        @Override
        public double[] closedLoopState(TimeSeries data, int start, int history) {
            throw new AssertionError("TestWindows only calls forecast(data, start, history, steps)");
        }
    }

    @Test
    void windowsFollowOneAnotherAfterTheFirstRows() {
        var tests = new TestWindows(100, 4, 20, 30);
        assertEquals(30, tests.stride());
        assertArrayEquals(new int[] {120, 150, 180, 210},
                new int[] {tests.start(0), tests.start(1), tests.start(2), tests.start(3)});
        assertEquals(100 + 20 + 4 * 30, tests.rowsNeeded());
        // separated windows: each synchronises on fresh rows after the previous forecast
        var spaced = new TestWindows(100, 3, 20, 30, 50);
        assertArrayEquals(new int[] {120, 170, 220}, new int[] {spaced.start(0), spaced.start(1), spaced.start(2)});
        assertEquals(100 + 3 * (20 + 30), spaced.rowsNeeded());
        TimeSeries data = series(spaced.rowsNeeded());
        assertArrayEquals(data.slice(170, 200).toArray(), spaced.truth(data, 1).toArray(), 0.0);
    }

    @Test
    void vptOfEachWindowCountsItsValidRows() {
        var tests = new TestWindows(50, 4, 10, 40);
        TimeSeries data = series(tests.rowsNeeded());
        // window 0 exact throughout, 1 exact for 7 rows, 2 for none, 3 diverges after 12 exact rows
        var model = new Scripted(new int[] {40, 7, 0, 12}, 3);
        TestWindows.Result r = tests.forecast(model, data, SIGMA, 0.4, LAMBDA);

        for (int w = 0; w < 4; w++) {
            assertArrayEquals(new int[] {tests.start(w), 10, 40}, model.calls.get(w), "window " + w);
        }
        assertArrayEquals(new double[] {40 * DT * LAMBDA, 7 * DT * LAMBDA, 0, 12 * DT * LAMBDA}, r.vpt(), 1e-15);
        // the error curve: 0 while exact, then sqrt(((2/2)^2 + (2/2)^2) / 2) = 1
        double[] curve = r.errorCurve(1);
        for (int k = 0; k < 40; k++) {
            assertEquals(k < 7 ? 0 : 1, curve[k], 1e-12, "row " + k);
        }
        assertArrayEquals(new double[40], r.errorCurve(0), 0.0);
        // the diverged window keeps its 12 finite rows, the rest NaN; its time stamps are the window's
        TimeSeries diverged = r.forecast(3);
        assertEquals(40, diverged.rows());
        assertArrayEquals(data.slice(tests.start(3), tests.start(3) + 12).toArray(), diverged.slice(0, 12).toArray(), 0.0);
        assertTrue(Arrays.stream(diverged.slice(12, 40).toArray()).allMatch(Double::isNaN));
        assertEquals(data.time(tests.start(3)), diverged.t0(), 0.0);
        assertEquals(data.names(), diverged.names());
        assertEquals(0.0, r.errorCurve(3)[11], 0.0);
        assertTrue(Double.isNaN(r.errorCurve(3)[12]));
        assertEquals(4, r.forecasts().size());
        assertEquals(4, r.errorCurves().length);
    }

    @Test
    void aForecastThatDivergesAtOnceIsAllNaNWithVptZero() {
        var tests = new TestWindows(0, 1, 5, 8);
        TestWindows.Result r = tests.forecast(new Scripted(new int[] {0}, 0), series(tests.rowsNeeded()), SIGMA, 0.4, LAMBDA);
        assertEquals(0, r.vpt()[0], 0.0);
        assertTrue(Arrays.stream(r.forecast(0).toArray()).allMatch(Double::isNaN));
    }

    @Test
    void resultIsACopy() {
        var tests = new TestWindows(0, 2, 5, 8);
        TestWindows.Result r = tests.forecast(new Scripted(new int[] {8, 3}), series(tests.rowsNeeded()), SIGMA, 0.4, LAMBDA);
        r.vpt()[0] = 99;
        r.errorCurves()[1][0] = 99;
        r.errorCurve(1)[0] = 99;
        assertEquals(8 * DT * LAMBDA, r.vpt()[0], 1e-15);
        assertEquals(0.0, r.errorCurve(1)[0], 0.0);
        assertThrows(UnsupportedOperationException.class, () -> r.forecasts().clear());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("first must be non-negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> new TestWindows(-1, 2, 5, 8)).getMessage());
        assertEquals("count must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new TestWindows(0, 0, 5, 8)).getMessage());
        assertEquals("sync must be non-negative, got -5",
                assertThrows(IllegalArgumentException.class, () -> new TestWindows(0, 2, -5, 8)).getMessage());
        assertEquals("horizon must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new TestWindows(0, 2, 5, 0)).getMessage());
        assertEquals("stride must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new TestWindows(0, 2, 5, 8, 0)).getMessage());
        assertEquals("test windows must end by row 2147483647, got first + sync + (count - 1) * stride + horizon"
                        + " = 0 + 5 + 99999 * 100000 + 100000 = 10000000005",
                assertThrows(IllegalArgumentException.class, () -> new TestWindows(0, 100_000, 5, 100_000)).getMessage());

        var tests = new TestWindows(10, 2, 5, 8);
        assertEquals("window must be in [0, 1], got 2",
                assertThrows(IllegalArgumentException.class, () -> tests.start(2)).getMessage());
        TimeSeries data = series(tests.rowsNeeded());
        TimeSeries shorter = series(tests.rowsNeeded() - 1);
        assertEquals("data must have at least 31 rows for " + tests + ", got 30", assertThrows(
                IllegalArgumentException.class, () -> tests.forecast(new Scripted(new int[] {8, 8}), shorter, SIGMA, 0.4, LAMBDA))
                .getMessage());
        assertEquals("sigma must have length 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> tests.forecast(new Scripted(new int[] {8, 8}), data, new double[] {1}, 0.4, LAMBDA)).getMessage());
        assertEquals("threshold must be positive and finite, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> tests.forecast(new Scripted(new int[] {8, 8}), data, SIGMA, 0, LAMBDA)).getMessage());
        assertEquals("lambdaMax must be positive and finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> tests.forecast(new Scripted(new int[] {8, 8}), data, SIGMA, 0.4, Double.NaN)).getMessage());
        var unsynchronised = new TestWindows(10, 2, 0, 8);
        assertEquals("sync must be >= the model's minimum history 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> unsynchronised.forecast(new Scripted(new int[] {8, 8}), data, SIGMA, 0.4, LAMBDA)).getMessage());
        TimeSeries coarse = TimeSeries.wrap(data.toArray(), data.rows(), 2, 0, 2 * DT, data.names());
        String dt = assertThrows(IllegalArgumentException.class,
                () -> tests.forecast(new Scripted(new int[] {8, 8}), coarse, SIGMA, 0.4, LAMBDA)).getMessage();
        assertTrue(dt.startsWith("data must be sampled at the model's time step " + DT), dt);
    }
}
