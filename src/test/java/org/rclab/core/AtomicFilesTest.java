package org.rclab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndCreatesParentDirectories() throws IOException {
        Path p = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(p, "hello\n");
        assertEquals("hello\n", Files.readString(p));
        AtomicFiles.writeString(p, "replaced");
        assertEquals("replaced", Files.readString(p));
        assertEquals(List.of("c.txt"), names(p.getParent()));
    }

    @Test
    void failureLeavesTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path p = dir.resolve("model.npy");
        Files.writeString(p, "old content");
        IOException boom = new IOException("disk full (simulated)");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeChannel(p, ch -> {
            ch.write(ByteBuffer.wrap("half of the new cont".getBytes(StandardCharsets.US_ASCII)));
            throw boom;
        }));
        assertSame(boom, e);
        assertEquals("old content", Files.readString(p));
        assertEquals(List.of("model.npy"), names(dir));

        // A runtime failure half-way through a stream body behaves the same, also for a new target.
        Path fresh = dir.resolve("fresh.csv");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeStream(fresh, out -> {
            out.write(new byte[100_000]);
            throw new UncheckedIOException(new IOException("interrupted"));
        }));
        assertFalse(Files.exists(fresh));
        assertEquals(List.of("model.npy"), names(dir));
    }

    @Test
    void parentThatIsAFileFailsBeforeAnythingIsWritten() throws IOException {
        // The parent "dir/file" is a regular file, so the directories cannot be created.
        Path notADir = Files.writeString(dir.resolve("file"), "keep");
        assertThrows(IOException.class, () -> AtomicFiles.writeString(notADir.resolve("x.txt"), "x"));
        assertEquals("keep", Files.readString(notADir));
        assertEquals(List.of("file"), names(dir));
    }

    @Test
    void targetThatIsADirectoryIsRejected() throws IOException {
        Path d = Files.createDirectory(dir.resolve("out"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(d, "x"));
        assertTrue(e.getMessage().contains("existing directory"), e.getMessage());
        assertEquals(List.of(), names(d));
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(x -> x.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
