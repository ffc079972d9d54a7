package org.rclab.core;

import java.io.PrintStream;

/**
 * A one-line text progress bar on standard error, redrawn at most ten times a second, with the
 * percentage, elapsed time and an estimate of the time left. Quiet when the process has no
 * terminal ({@code System.console() == null}), so logs and CI stay clean. Not thread-safe.
 */
public final class ProgressBar implements Progress {

    private static final int WIDTH = 30;

    private final String label;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(String label, PrintStream out) {
        this.label = label;
        this.out = out;
    }

    /** A bar labelled {@code label} if a terminal is attached, else {@link Progress#NONE}. */
    public static Progress onTerminal(String label) {
        return System.console() == null ? Progress.NONE : new ProgressBar(label, System.err);
    }

    /** A bar that always draws on {@code out} (for tests and forced output). */
    public static ProgressBar to(String label, PrintStream out) {
        return new ProgressBar(label, out);
    }

    @Override
    public void update(long done, long total) {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (now - start) * 1e-9;
        String eta = fraction > 0 && fraction < 1 ? String.format(" eta %s", seconds(elapsed * (1 - fraction) / fraction)) : "";
        out.print(String.format("\r%-16s [%s%s] %3.0f%% %s%s   ", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                100 * fraction, seconds(elapsed), eta));
        out.flush();
    }

    @Override
    public void finish() {
        if (drawn) {
            out.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            out.flush();
        }
    }

    private static String seconds(double s) {
        return s < 60 ? String.format("%.1fs", s) : String.format("%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
