package org.rclab.cli;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Small helpers shared by the jobs' reports. */
final class Reports {

    private Reports() {
    }

    /** Prints a line of a report and keeps it for the report file. */
    static void say(java.io.PrintWriter log, java.util.List<String> report, String line) {
        log.println(line);
        log.flush();
        report.add(line);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    /** Index of the entry holding the median (the lower one for an even count). */
    static int medianIndex(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        return idx[(v.length - 1) / 2];
    }

    /** The first 16 hex digits of the SHA-256 of the values' bits: equal digits, equal forecasts. */
    static String fingerprint(double[] values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(8 * values.length);
            for (double v : values) {
                buffer.putDouble(v);
            }
            return HexFormat.of().formatHex(digest.digest(buffer.array())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** " 1.23 4.56 ..." */
    static String list(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(String.format(Locale.ROOT, " %.2f", x));
        }
        return b.toString();
    }

    /** Peak resident memory of this process in MB (VmHWM from /proc/self/status), NaN where unknown. */
    static double peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Current heap in use, MB. */
    static double usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }
}
