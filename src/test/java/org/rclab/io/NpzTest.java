package org.rclab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.core.Seeds;
import org.rclab.io.NpyArray.Dtype;

class NpzTest {

    @TempDir
    Path dir;

    @Test
    void readsNumpySavezAndSavezCompressed() throws IOException {
        for (String name : List.of("savez.npz", "savez_compressed.npz")) {
            Map<String, NpyArray> m = Npz.read(Fixtures.path(name));
            assertEquals(List.of("W", "idx", "seed", "s"), List.copyOf(m.keySet()), name); // numpy's order
            assertEquals(NpyArray.matrix(Fixtures.A), m.get("W"), name);
            assertEquals(Dtype.INT32, m.get("idx").dtype());
            assertArrayEquals(new int[] {0, 2, 5}, m.get("idx").toIntArray(), name);
            assertEquals(Dtype.INT64, m.get("seed").dtype());
            assertEquals((1L << 62) + 1, m.get("seed").longValue(), name); // exact beyond 2^53
            assertEquals(0, m.get("s").ndim());
            assertEquals(0.5, m.get("s").doubleValue(), name);
            assertEquals(m.get("idx"), Npz.read(Fixtures.path(name), "idx"));
        }
    }

    @Test
    void roundTripKeepsOrderTypesAndBits() throws IOException {
        SplittableRandom rnd = new Seeds(99).stream("npz");
        double[] w = new double[40 * 3];
        for (int k = 0; k < w.length; k++) {
            w[k] = rnd.nextGaussian();
        }
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("z_last_alphabetically_first", NpyArray.scalar(0.3));
        m.put("W_out", NpyArray.of(new int[] {40, 3}, w));
        m.put("indptr", NpyArray.ofInts(new int[] {4}, new int[] {0, 1, 3, 3}));
        m.put("seed", NpyArray.scalarLong(-8_000_000_000_000_000_123L));
        m.put("empty", NpyArray.of(new int[] {0, 5}, new double[0]));
        m.put("f4", Npy.read(Fixtures.path("f4_2x2.npy")));
        Path p = dir.resolve("models/model.npz");
        Npz.write(p, m);
        Map<String, NpyArray> back = Npz.read(p);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()));
        assertEquals(m, back);

        // The same arrays always give the same bytes (fixed entry time).
        Path q = dir.resolve("again.npz");
        Npz.write(q, m);
        assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(q));
    }

    @Test
    void entriesAreStoredNpyFilesWithNumpyBytes() throws IOException {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("a", NpyArray.matrix(Fixtures.A));
        Path p = dir.resolve("one.npz");
        Npz.write(p, m);
        byte[] zip = Files.readAllBytes(p);
        byte[] npy = Files.readAllBytes(Fixtures.path("f8_3x2.npy"));
        // Stored, not compressed: the local header (30 bytes + the name "a.npy") is followed by numpy's bytes.
        assertEquals(0, zip[8] | zip[9], "compression method must be 0 (stored)");
        assertEquals("a.npy", new String(zip, 30, 5, StandardCharsets.US_ASCII));
        int extra = (zip[28] & 0xFF) | (zip[29] & 0xFF) << 8;
        byte[] entry = java.util.Arrays.copyOfRange(zip, 35 + extra, 35 + extra + npy.length);
        assertArrayEquals(npy, entry);
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws IOException {
        Path missing = dir.resolve("missing.npz");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Npz.read(missing));

        IOException notZip = assertThrows(IOException.class, () -> Npz.read(Fixtures.path("f8_3x2.npy")));
        assertTrue(notZip.getMessage().contains("f8_3x2.npy") && notZip.getMessage().contains("not a .npz"),
                notZip.getMessage());

        IOException noKey = assertThrows(IOException.class, () -> Npz.read(Fixtures.path("savez.npz"), "nope"));
        assertTrue(noKey.getMessage().contains("no array 'nope'") && noKey.getMessage().contains("[W, idx, seed, s]"),
                noKey.getMessage());

        // Flip one data byte of the stored entry 'W.npy': the CRC-32 check catches it.
        byte[] bytes = Files.readAllBytes(Fixtures.path("savez.npz"));
        int at = indexOf(bytes, "W.npy".getBytes(StandardCharsets.US_ASCII)) + 170; // inside the data
        bytes[at] ^= 0x01;
        Path corrupt = dir.resolve("corrupt.npz");
        Files.write(corrupt, bytes);
        IOException crc = assertThrows(IOException.class, () -> Npz.read(corrupt));
        assertTrue(crc.getMessage().contains("W.npy") && crc.getMessage().contains("CRC"), crc.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> Npz.write(dir.resolve("x.npz"), Map.of("", NpyArray.scalar(1))));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
