package org.rclab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.core.Seeds;
import org.rclab.core.TimeSeries;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void writesHeaderAndShortestDoubles() throws IOException {
        TimeSeries ts = TimeSeries.of(new double[][] {{0.1, -2.0}, {Double.NaN, Double.NEGATIVE_INFINITY}}, 0.5)
                .withNames(List.of("x", "y"));
        Path p = dir.resolve("a.csv");
        Csv.write(p, ts);
        assertEquals("t,x,y\n0.0,0.1,-2.0\n0.5,nan,-inf\n", Files.readString(p));
    }

    @Test
    void randomSeriesRoundTripBitForBit() throws IOException {
        SplittableRandom rnd = new Seeds(314).stream("csv");
        int rows = 300;
        int cols = 4;
        double[] v = new double[rows * cols];
        for (int k = 0; k < v.length; k++) {
            // every bit pattern (subnormals, huge, NaN payloads aside) and ordinary values
            v[k] = k % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextGaussian();
            if (Double.isNaN(v[k])) {
                v[k] = Double.NaN;
            }
        }
        v[0] = -0.0;
        v[1] = Double.MIN_VALUE;
        v[2] = Double.MAX_VALUE;
        for (double[] time : new double[][] {{0.0, 0.01}, {5.0, 0.01}, {-3.7, 0.025}, {1e3, 1.0 / 3.0}}) {
            TimeSeries ts = TimeSeries.wrap(v.clone(), rows, cols, time[0], time[1], List.of("x", "y", "z", "w_2"));
            Path p = dir.resolve("rt.csv");
            Csv.write(p, ts);
            TimeSeries back = Csv.read(p);
            assertEquals(ts.names(), back.names());
            assertEquals(time[0], back.t0());
            if (time[1] != 1.0 / 3.0) {
                assertEquals(time[1], back.dt(), "a decimal dt is recovered exactly, t0=" + time[0]);
            } else {
                // Not a short decimal and t0 != 0: a neighbouring double may fit the times just as well.
                assertEquals(time[1], back.dt(), 2 * Math.ulp(time[1]));
            }
            for (int i = 0; i < rows; i++) {
                assertEquals(ts.time(i), back.time(i), "every time is reproduced exactly");
            }
            double[] got = back.toArray();
            for (int k = 0; k < v.length; k++) {
                assertEquals(Double.doubleToLongBits(v[k]), Double.doubleToLongBits(got[k]), "value " + k);
            }
            TimeSeries withDt = Csv.read(p, time[1]);
            assertEquals(time[0], withDt.t0());
            assertArrayEquals(ts.toArray(), withDt.toArray(), 0.0);
        }
    }

    @Test
    void readsWithoutTimeColumnWithCommentsAndBlankLines() throws IOException {
        Path p = dir.resolve("b.csv");
        Files.writeString(p, "# made by hand\n\nx, y\n1, 2\r\n# a comment\n3e-3,NaN\n  \n-inf,+4.5\n");
        TimeSeries ts = Csv.read(p, 0.1);
        assertEquals(List.of("x", "y"), ts.names());
        assertEquals(3, ts.rows());
        assertEquals(0.0, ts.t0());
        assertArrayEquals(new double[] {1, 2, 3e-3, Double.NaN, Double.NEGATIVE_INFINITY, 4.5}, ts.toArray(), 0.0);

        IOException e = assertThrows(IOException.class, () -> Csv.read(p));
        assertTrue(e.getMessage().contains("no 't' column") && e.getMessage().contains("b.csv"), e.getMessage());
    }

    @Test
    void readsHeaderlessNumbers() throws IOException {
        Path p = dir.resolve("c.csv");
        Files.writeString(p, "1,2,3\n4,5,6\n");
        TimeSeries ts = Csv.read(p, 1.0);
        assertEquals(TimeSeries.defaultNames(3), ts.names());
        assertEquals(2, ts.rows());
        assertEquals(6.0, ts.get(1, 2));
    }

    @Test
    void timeColumnMustAgree() throws IOException {
        Path p = dir.resolve("d.csv");
        Files.writeString(p, "t,x\n0.0,1\n0.1,2\n0.3,3\n");
        IOException e = assertThrows(IOException.class, () -> Csv.read(p));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("not uniformly spaced"),
                e.getMessage());
        IOException e2 = assertThrows(IOException.class, () -> Csv.read(p, 0.2));
        assertTrue(e2.getMessage().contains("line 3"), e2.getMessage());

        Path rounded = dir.resolve("rounded.csv"); // times rounded by another tool still give dt = 0.1
        Files.writeString(rounded, "t,x\n0.1,1\n0.2,2\n0.3,3\n0.4,4\n");
        TimeSeries ts = Csv.read(rounded);
        assertEquals(0.1, ts.t0());
        assertEquals(0.1, ts.dt(), 1e-16); // 0.09999999999999999 reproduces these times exactly, 0.1 does not
        assertEquals(0.4, ts.time(3));

        Path single = dir.resolve("single.csv");
        Files.writeString(single, "t,x\n2.0,1\n");
        assertThrows(IOException.class, () -> Csv.read(single));
        assertEquals(2.0, Csv.read(single, 0.5).t0());
    }

    @Test
    void nonNumberNamesLineAndColumn() throws IOException {
        Path p = dir.resolve("e.csv");
        Files.writeString(p, "t,x,y\n# note\n0,1,2\n1,3,abc\n");
        IOException e = assertThrows(IOException.class, () -> Csv.read(p));
        assertEquals(p + " line 4, column 3 (y): cannot parse 'abc' as a number", e.getMessage());

        Files.writeString(p, "t,x,y\n0,1,2\n1,3\n");
        IOException short1 = assertThrows(IOException.class, () -> Csv.read(p));
        assertTrue(short1.getMessage().contains("line 3: expected 3 values"), short1.getMessage());

        Files.writeString(p, "t,x\n0,1d\n");
        assertThrows(IOException.class, () -> Csv.read(p, 1.0)); // Java's "1d" is not a CSV number

        Files.writeString(p, "t,x\n0,\n");
        IOException empty = assertThrows(IOException.class, () -> Csv.read(p, 1.0));
        assertTrue(empty.getMessage().contains("column 2 (x): cannot parse ''"), empty.getMessage());
    }

    @Test
    void badNamesFailBeforeWriting() {
        Path p = dir.resolve("f.csv");
        TimeSeries ts = TimeSeries.of(new double[][] {{1, 2}}, 1).withNames(List.of("a,b", "c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.write(p, ts));
        assertTrue(e.getMessage().startsWith("names[0] must be a plain CSV column name"), e.getMessage());
        assertFalse(Files.exists(p));
    }
}
