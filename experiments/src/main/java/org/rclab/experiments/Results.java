package org.rclab.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rclab.core.AtomicFiles;
import org.rclab.core.Provenance;

/**
 * The results page of one experiment: markdown lines echoed to standard output as they come,
 * then written (atomically) to {@code results.md} in the experiment's folder with the machine and
 * the time the run took.
 */
final class Results {

    private final Path dir;
    private final List<String> lines = new ArrayList<>();
    private final long start = System.nanoTime();

    Results(Path dir, String title, String intro) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        add("# " + title);
        add("");
        add(intro);
        add("");
    }

    /** The folder figures go to. */
    Path dir() {
        return dir;
    }

    /** One markdown line, also printed. */
    void add(String line) {
        lines.add(line);
        System.out.println(line);
        System.out.flush();
    }

    /** A formatted markdown line. */
    void addf(String format, Object... args) {
        add(String.format(Locale.ROOT, format, args));
    }

    /** Writes results.md with a footer naming the machine, the Java version and the run time. */
    void write(String command) throws IOException {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Runtime rt = Runtime.getRuntime();
        add("");
        add("Reproduce with `" + command + "`. " + Provenance.now(java.util.Map.of()).summary() + "; took "
                + String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart())
                + String.format(Locale.ROOT, "; max heap %d MB.", rt.maxMemory() / 1048576));
        AtomicFiles.writeString(dir.resolve("results.md"), String.join("\n", lines) + "\n");
    }
}
