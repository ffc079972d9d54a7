package org.rclab.core;

/**
 * Receives progress of long work: {@code update(done, total)} in whatever units the work counts.
 * {@link #NONE} ignores it; {@link ProgressBar} draws a bar on a terminal.
 */
@FunctionalInterface
public interface Progress {

    /** Ignores all updates. */
    Progress NONE = (done, total) -> { };

    /** Reports that {@code done} of {@code total} units are finished. */
    void update(long done, long total);

    /** Called once when the work ends (normally or not); default does nothing. */
    default void finish() {
    }
}
