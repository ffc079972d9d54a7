package org.rclab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.core.Seeds;
import org.rclab.core.TimeSeries;
import org.rclab.io.NpyArray.Dtype;

class NpyTest {

    @TempDir
    Path dir;

    private static final double[] A_FLAT = {1.5, -2.25, 0.1, 1e-300, Math.PI, -0.0};

    // ------------------------------------------------------------ numpy -> rclab

    @Test
    void readsNumpyFloat64InEveryHeaderVersion() throws IOException {
        for (String name : List.of("f8_3x2.npy", "f8_3x2_v2.npy", "f8_3x2_v3.npy")) {
            NpyArray a = Npy.read(Fixtures.path(name));
            assertEquals(Dtype.FLOAT64, a.dtype(), name);
            assertArrayEquals(new int[] {3, 2}, a.shape(), name);
            assertArrayEquals(A_FLAT, a.data(), 0.0, name);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(a.get(2, 1)), name);
            assertArrayEquals(Fixtures.A, a.toMatrix());
        }
    }

    @Test
    void readsNumpyBigEndianAndFortranOrder() throws IOException {
        NpyArray be = Npy.read(Fixtures.path("f8_be_3x2.npy"));
        assertArrayEquals(new int[] {3, 2}, be.shape());
        assertArrayEquals(A_FLAT, be.data(), 0.0);

        NpyArray f = Npy.read(Fixtures.path("f8_fortran_2x3.npy"));
        assertArrayEquals(new int[] {2, 3}, f.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, f.data(), 0.0); // returned in C order
        assertEquals(5.0, f.get(1, 2));
    }

    @Test
    void readsNumpyFloat32AndIntegers() throws IOException {
        NpyArray f4 = Npy.read(Fixtures.path("f4_2x2.npy"));
        assertEquals(Dtype.FLOAT32, f4.dtype());
        assertArrayEquals(new double[] {1.5f, -0.1f, 1e30f, 0.0f}, f4.data(), 0.0);

        NpyArray i8 = Npy.read(Fixtures.path("i8_5.npy"));
        assertEquals(Dtype.INT64, i8.dtype());
        assertArrayEquals(new int[] {5}, i8.shape());
        assertArrayEquals(new long[] {0, -1, (1L << 53) + 1, (1L << 62) + 1, Long.MIN_VALUE}, i8.toLongArray());

        NpyArray i4 = Npy.read(Fixtures.path("i4_2x3.npy"));
        assertEquals(Dtype.INT32, i4.dtype());
        assertArrayEquals(new int[] {2, 3}, i4.shape());
        assertArrayEquals(new int[] {1, -2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, 0}, i4.toIntArray());
        assertArrayEquals(new double[] {1, -2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, 0}, i4.data(), 0.0);
    }

    @Test
    void readsNumpyScalarAndVector() throws IOException {
        NpyArray s = Npy.read(Fixtures.path("f8_scalar.npy"));
        assertEquals(0, s.ndim());
        assertEquals(1, s.size());
        assertEquals(2.5, s.doubleValue());
        assertEquals(2.5, s.get());

        NpyArray v = Npy.read(Fixtures.path("f8_1d.npy"));
        assertArrayEquals(new int[] {3}, v.shape());
        assertArrayEquals(new double[] {0.5, 1.5, 2.5}, v.data(), 0.0);
    }

    @Test
    void readsTimeSeries() throws IOException {
        TimeSeries ts = Npy.readTimeSeries(Fixtures.path("f8_3x2.npy"), 0.01);
        assertEquals(3, ts.rows());
        assertEquals(2, ts.cols());
        assertEquals(0.01, ts.dt());
        assertArrayEquals(A_FLAT, ts.toArray(), 0.0);

        TimeSeries one = Npy.readTimeSeries(Fixtures.path("f8_1d.npy"), 0.5);
        assertEquals(3, one.rows());
        assertEquals(1, one.cols());
        assertArrayEquals(new double[] {0.5, 1.5, 2.5}, one.column(0), 0.0);

        IOException e = assertThrows(IOException.class, () -> Npy.readTimeSeries(Fixtures.path("f8_scalar.npy"), 1));
        assertTrue(e.getMessage().contains("f8_scalar.npy") && e.getMessage().contains("shape ()"), e.getMessage());
    }

    // ------------------------------------------------------------ rclab -> numpy bytes

    @Test
    void writesTheSameBytesAsNumpySave() throws IOException {
        assertSameBytes("f8_3x2.npy", p -> Npy.write(p, NpyArray.matrix(Fixtures.A)));
        assertSameBytes("f8_3x2.npy", p -> Npy.write(p, new int[] {3, 2}, A_FLAT));
        assertSameBytes("f8_3x2.npy", p -> Npy.write(p, TimeSeries.of(Fixtures.A, 0.1)));
        assertSameBytes("f8_1d.npy", p -> Npy.write(p, NpyArray.vector(0.5, 1.5, 2.5)));
        assertSameBytes("f8_scalar.npy", p -> Npy.write(p, NpyArray.scalar(2.5)));
        assertSameBytes("i4_2x3.npy",
                p -> Npy.writeInts(p, new int[] {2, 3}, new int[] {1, -2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, 0}));
        assertSameBytes("i8_5.npy", p -> Npy.writeLongs(p, new int[] {5},
                new long[] {0, -1, (1L << 53) + 1, (1L << 62) + 1, Long.MIN_VALUE}));
        // A file read from numpy and written back is numpy's file again (big-endian becomes '<f8').
        assertSameBytes("i4_2x3.npy", p -> Npy.write(p, Npy.read(Fixtures.path("i4_2x3.npy"))));
        assertSameBytes("f4_2x2.npy", p -> Npy.write(p, Npy.read(Fixtures.path("f4_2x2.npy"))));
        assertSameBytes("f8_3x2.npy", p -> Npy.write(p, Npy.read(Fixtures.path("f8_be_3x2.npy"))));
    }

    @Test
    void headerMatchesNumpyLayoutAndAlignment() {
        byte[] h = Npy.header(Dtype.FLOAT64, new int[] {3, 2});
        assertEquals(128, h.length);
        assertEquals(1, h[6]);
        assertEquals(0, h[7]);
        String text = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }"), text);
        assertTrue(text.endsWith(" \n"));
        for (int[] shape : new int[][] {{}, {0}, {7}, {123456789}, {20000, 2000}, {1, 2, 3, 4, 5, 6, 7, 8}}) {
            assertEquals(0, Npy.header(Dtype.INT32, shape).length % 64, Arrays.toString(shape));
        }
    }

    @Test
    void hugeHeaderUsesVersion2AndReadsBack() throws IOException {
        int[] shape = new int[23000]; // 23000 dimensions of length 1: a 69 kB dict, too long for 1.0
        Arrays.fill(shape, 1);
        byte[] h = Npy.header(Dtype.FLOAT64, shape);
        assertEquals(2, h[6]);
        assertEquals(0, h.length % 64);
        Path p = dir.resolve("v2.npy");
        Npy.write(p, shape, new double[] {4.25});
        NpyArray back = Npy.read(p);
        assertEquals(23000, back.ndim());
        assertEquals(4.25, back.doubleValue());
    }

    // ------------------------------------------------------------ round trips

    @Test
    void randomArraysRoundTrip() throws IOException {
        SplittableRandom rnd = new Seeds(20240611L).stream("npy-roundtrip");
        for (int trial = 0; trial < 20; trial++) {
            int ndim = rnd.nextInt(4);
            int[] shape = new int[ndim];
            for (int a = 0; a < ndim; a++) {
                shape[a] = rnd.nextInt(7); // includes empty arrays
            }
            int n = (int) NpyArray.checkedSize(shape);
            double[] d = new double[n];
            long[] l = new long[n];
            int[] i4 = new int[n];
            for (int k = 0; k < n; k++) {
                d[k] = Double.longBitsToDouble(rnd.nextLong()); // every bit pattern, NaNs included
                l[k] = rnd.nextLong();
                i4[k] = rnd.nextInt();
            }
            Path p = dir.resolve("r" + trial + ".npy");
            NpyArray a = NpyArray.of(shape, d);
            Npy.write(p, a);
            NpyArray back = Npy.read(p);
            assertEquals(a, back);
            assertArrayEquals(shape, back.shape());
            for (int k = 0; k < n; k++) {
                assertEquals(Double.doubleToRawLongBits(d[k]), Double.doubleToRawLongBits(back.data()[k]));
            }
            Npy.writeLongs(p, shape, l);
            assertArrayEquals(l, Npy.read(p).toLongArray());
            Npy.writeInts(p, shape, i4);
            assertArrayEquals(i4, Npy.read(p).toIntArray());
            assertEquals(NpyArray.ofInts(shape, i4), Npy.read(p));
        }
    }

    @Test
    void timeSeriesRoundTripAcrossChunks() throws IOException {
        // 700 x 300 doubles = 1.6 MiB: more than one 1 MiB write and read chunk.
        SplittableRandom rnd = new Seeds(7).stream("npy-ts");
        int rows = 700;
        int cols = 300;
        double[] v = new double[rows * cols];
        for (int k = 0; k < v.length; k++) {
            v[k] = rnd.nextGaussian();
        }
        TimeSeries ts = TimeSeries.wrap(v.clone(), rows, cols, 0.0, 0.02);
        Path p = dir.resolve("sub/dir/ts.npy");
        Npy.write(p, ts);
        assertEquals(128 + 8L * rows * cols, Files.size(p));
        TimeSeries back = Npy.readTimeSeries(p, 0.02);
        assertArrayEquals(v, back.toArray(), 0.0);
        assertArrayEquals(new int[] {rows, cols}, Npy.read(p).shape());
    }

    // ------------------------------------------------------------ errors

    @Test
    void corruptMagicIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("f8_3x2.npy"));
        bytes[1] = 'X';
        Path p = write("bad-magic.npy", bytes);
        IOException e = assertThrows(IOException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());

        IOException zip = assertThrows(IOException.class, () -> Npy.read(Fixtures.path("savez.npz")));
        assertTrue(zip.getMessage().contains("Npz.read"), zip.getMessage());

        IOException empty = assertThrows(IOException.class, () -> Npy.read(write("empty.npy", new byte[0])));
        assertTrue(empty.getMessage().contains("only 0 bytes"), empty.getMessage());
    }

    @Test
    void truncatedDataAndHeaderAreNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("f8_3x2.npy"));
        Path p = write("short.npy", Arrays.copyOf(bytes, bytes.length - 8));
        IOException e = assertThrows(IOException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("needs 48 bytes")
                && e.getMessage().contains("got 40"), e.getMessage());

        Path h = write("short-header.npy", Arrays.copyOf(bytes, 60));
        IOException eh = assertThrows(IOException.class, () -> Npy.read(h));
        assertTrue(eh.getMessage().contains("header is truncated"), eh.getMessage());

        // Trailing bytes after the data are ignored, as numpy does.
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 5);
        assertArrayEquals(A_FLAT, Npy.read(write("long.npy", longer)).data(), 0.0);
    }

    @Test
    void unsupportedDtypeVersionAndHeaderAreNamed() throws IOException {
        Path c16 = write("c16.npy", npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16));
        IOException e = assertThrows(IOException.class, () -> Npy.read(c16));
        assertTrue(e.getMessage().contains("c16.npy") && e.getMessage().contains("unsupported dtype '<c16'"),
                e.getMessage());

        Path rec = write("rec.npy", npy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 8));
        IOException er = assertThrows(IOException.class, () -> Npy.read(rec));
        assertTrue(er.getMessage().contains("structured"), er.getMessage());

        Path v4 = write("v4.npy", npy(4, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 8));
        IOException ev = assertThrows(IOException.class, () -> Npy.read(v4));
        assertTrue(ev.getMessage().contains("version 4.0"), ev.getMessage());

        Path keys = write("keys.npy", npy(1, "{'descr': '<f8', 'shape': (1,), }", 8));
        IOException ek = assertThrows(IOException.class, () -> Npy.read(keys));
        assertTrue(ek.getMessage().contains("keys"), ek.getMessage());

        Path garbage = write("garbage.npy", npy(1, "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", 8));
        IOException eg = assertThrows(IOException.class, () -> Npy.read(garbage));
        assertTrue(eg.getMessage().contains("cannot parse") && eg.getMessage().contains("Maybe"), eg.getMessage());

        // Python 2 style headers (long suffix, double quotes) and hand-written ones without padding are fine.
        Path py2 = write("py2.npy", npy(1, "{\"descr\": \"<i8\", \"fortran_order\": False, \"shape\": (1L,)}", 8));
        assertArrayEquals(new int[] {1}, Npy.read(py2).shape());

        Path huge = write("huge.npy",
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 0));
        IOException eh = assertThrows(IOException.class, () -> Npy.read(huge));
        assertTrue(eh.getMessage().contains("more than"), eh.getMessage());
    }

    @Test
    void badArgumentsFailBeforeWriting() {
        Path p = dir.resolve("never.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(p, new int[] {2, 2}, new double[3]));
        assertEquals("data must have 4 entries for shape (2, 2), got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.writeInts(p, new int[] {-1}, new int[0]));
        assertFalse(Files.exists(p));
    }

    @Test
    void arrayHelpers() {
        NpyArray m = NpyArray.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(2, m.ndim());
        assertEquals(3, m.dim(1));
        assertEquals(6.0, m.get(1, 2));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, m.toIntArray());
        assertEquals("NpyArray[<f8, shape (2, 3)]", m.toString());
        TimeSeries ts = m.toTimeSeries(0.5);
        assertEquals(2, ts.rows());
        assertEquals(4.0, ts.get(1, 0));
        assertEquals(Long.MIN_VALUE + 1, NpyArray.scalarLong(Long.MIN_VALUE + 1).longValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.vector(1, 2.5).toLongArray());
        assertEquals("data[1] must be a whole number in the long range, got 2.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> m.doubleValue());
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofLongs(new int[] {1}, new long[] {1L << 40}).toIntArray());
    }

    // ------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Writer {
        void write(Path p) throws IOException;
    }

    private void assertSameBytes(String fixture, Writer writer) throws IOException {
        Path p = dir.resolve("out-" + fixture);
        writer.write(p);
        byte[] expected = Files.readAllBytes(Fixtures.path(fixture));
        assertArrayEquals(expected, Files.readAllBytes(p), "bytes differ from numpy's " + fixture);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A hand-made .npy: version, the header text as given (plus '\n'), and {@code dataBytes} zeros. */
    private static byte[] npy(int major, String header, int dataBytes) {
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        int lenBytes = major == 1 ? 2 : 4;
        byte[] out = new byte[8 + lenBytes + h.length + dataBytes];
        System.arraycopy(Npy.MAGIC, 0, out, 0, 6);
        out[6] = (byte) major;
        out[8] = (byte) h.length;
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 8 + lenBytes, h.length);
        return out;
    }
}
