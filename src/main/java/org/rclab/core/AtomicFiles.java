package org.rclab.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes files so that nothing is ever left half-written.
 *
 * <p>The content goes to a temporary file {@code .<name>.<random>.tmp} in the target's own
 * directory (created if missing), is forced to disk, and is then moved onto the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} (falling back to {@link StandardCopyOption#REPLACE_EXISTING}
 * where the file system cannot move atomically). Readers therefore see either the old file or the
 * complete new one. If anything fails, the temporary file is deleted, the target is untouched and
 * the exception is rethrown. The temporary file gets the default permissions of a new file.
 */
public final class AtomicFiles {

    /** Writes the content of a file to an open channel; the channel is closed by the caller. */
    @FunctionalInterface
    public interface ChannelBody {
        /** Writes everything to {@code channel}, which is positioned at 0 of an empty file. */
        void write(FileChannel channel) throws IOException;
    }

    /** Writes the content of a file to a buffered stream; the stream is closed by the caller. */
    @FunctionalInterface
    public interface StreamBody {
        /** Writes everything to {@code out}; need not flush or close it. */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} atomically through a {@link FileChannel}. */
    public static void writeChannel(Path target, ChannelBody body) throws IOException {
        Objects.requireNonNull(body, "body");
        Path file = prepareTarget(target);
        Path tmp = createTemp(file);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                body.write(channel);
                channel.force(true);
            }
            moveIntoPlace(tmp, file);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    /** Writes {@code target} atomically through a buffered {@link OutputStream}. */
    public static void writeStream(Path target, StreamBody body) throws IOException {
        Objects.requireNonNull(body, "body");
        writeChannel(target, channel -> {
            // Not closed here: closing would close the channel before it is forced to disk.
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            body.write(out);
            out.flush();
        });
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        Objects.requireNonNull(text, "text");
        writeStream(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.append(text);
            w.flush();
        });
    }

    /** Absolute target path, with its parent directories created; rejects an existing directory. */
    private static Path prepareTarget(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path file = target.toAbsolutePath().normalize();
        if (file.getFileName() == null) {
            throw new IllegalArgumentException("target must name a file, got " + target);
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot write file " + target + ": it is an existing directory");
        }
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        return file;
    }

    private static Path createTemp(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        Path tmp = file.resolveSibling("." + name + "." + UUID.randomUUID() + ".tmp");
        // CREATE_NEW: never reuse an existing file; default permissions, unlike createTempFile (0600).
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
    }

    private static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp, Throwable cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
