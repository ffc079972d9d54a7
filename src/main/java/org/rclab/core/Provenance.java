package org.rclab.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a result came from: the rclab version, the Java runtime, the machine's processors and the
 * time it was made, plus the caller's parameters. Written next to results so that a table can be
 * traced to the command that made it.
 */
public record Provenance(String rclabVersion, String javaVersion, int processors, Instant created,
                         Map<String, String> parameters) {

    public Provenance {
        parameters = Map.copyOf(parameters);
    }

    /** Provenance of this process, now, with the given parameters (kept in insertion order when printed). */
    public static Provenance now(Map<String, String> parameters) {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(version == null ? "dev" : version, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Instant.now(), new LinkedHashMap<>(parameters));
    }

    /** One line, e.g. {@code rclab dev, Java 17.0.15, 2 processors, 2026-11-26T06:00:00Z}. */
    public String summary() {
        return "rclab " + rclabVersion + ", Java " + javaVersion + ", " + processors + " processors, " + created;
    }
}
