package org.rclab.io;

import org.rclab.core.AtomicFiles;

import java.io.IOException;
import java.io.EOFException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip file with one {@code .npy} entry per array,
 * the entry {@code name.npy} holding the array called {@code name} (as {@code np.savez} and
 * {@code np.load} do).
 *
 * <p>Reading accepts stored entries ({@code np.savez}) and deflated ones
 * ({@code np.savez_compressed}), checks each entry's CRC-32, and returns the arrays in archive
 * order. Writing stores the entries uncompressed, in the map's iteration order, with a fixed
 * timestamp (1980-01-01), so the same arrays always give the same bytes; the file is written
 * atomically ({@link AtomicFiles}).
 */
public final class Npz {

    private static final String SUFFIX = ".npy";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /** All arrays of {@code file}, by name, in archive order. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            for (ZipEntry e : entries(zip, file)) {
                String key = key(e, file);
                if (arrays.containsKey(key)) {
                    throw new IOException(file + ": archive holds array '" + key + "' twice");
                }
                arrays.put(key, readEntry(zip, e, file));
            }
        }
        return arrays;
    }

    /** The array called {@code name} in {@code file}; the error lists the names there are. */
    public static NpyArray read(Path file, String name) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        try (ZipFile zip = open(file)) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : entries(zip, file)) {
                String key = key(e, file);
                if (key.equals(name)) {
                    return readEntry(zip, e, file);
                }
                names.add(key);
            }
            throw new IOException(file + " has no array '" + name + "'; it has " + names);
        }
    }

    /**
     * Writes {@code arrays} as an uncompressed {@code .npz}, atomically; each key {@code k} becomes
     * the entry {@code k.npy}. Use a {@link LinkedHashMap} to fix the order.
     */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        Objects.requireNonNull(arrays, "arrays");
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("arrays keys must be non-empty names without NUL, got "
                        + (key == null ? "null" : "'" + key + "'"));
            }
            Objects.requireNonNull(e.getValue(), () -> "arrays['" + key + "'] must not be null");
        }
        Map<String, NpyArray> snapshot = new LinkedHashMap<>(arrays);
        AtomicFiles.writeStream(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            WritableByteChannel zipChannel = Channels.newChannel(zip);
            for (Map.Entry<String, NpyArray> e : snapshot.entrySet()) {
                // A stored entry needs its size and CRC before its data: a first pass computes them.
                CrcChannel crc = new CrcChannel();
                Npy.write(crc, e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(crc.count);
                entry.setCompressedSize(crc.count);
                entry.setCrc(crc.crc.getValue());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                Npy.write(zipChannel, e.getValue());
                zip.closeEntry();
            }
            zip.finish(); // not close(): AtomicFiles closes the file after forcing it to disk
        });
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + ": not a .npz (zip) archive or a corrupt one: " + e.getMessage(), e);
        }
    }

    private static List<ZipEntry> entries(ZipFile zip, Path file) {
        List<ZipEntry> list = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
            ZipEntry e = en.nextElement();
            if (!e.isDirectory()) {
                list.add(e);
            }
        }
        return list;
    }

    private static String key(ZipEntry e, Path file) throws IOException {
        String name = e.getName();
        if (!name.endsWith(SUFFIX)) {
            throw new IOException(file + ": entry '" + name + "' is not a .npy array (npz entries end in .npy)");
        }
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private static NpyArray readEntry(ZipFile zip, ZipEntry e, Path file) throws IOException {
        String source = file + " entry '" + e.getName() + "'";
        NpyArray array;
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
            array = Npy.read(Channels.newChannel(in), source, e.getSize());
            in.transferTo(OutputStream.nullOutputStream()); // the rest, for the CRC
            if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
                throw new IOException(source + ": CRC-32 mismatch (stored " + Long.toHexString(e.getCrc())
                        + ", computed " + Long.toHexString(in.getChecksum().getValue()) + "): the archive is corrupt");
            }
        } catch (ZipException | EOFException ex) {
            throw new IOException(source + ": corrupt entry: " + ex.getMessage(), ex);
        }
        return array;
    }

    /** Counts and checksums the bytes written to it, keeping none. Not thread-safe. */
    private static final class CrcChannel implements WritableByteChannel {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            crc.update(src);
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
