package org.rclab.core;

import java.nio.file.Path;

/**
 * A runnable study that reproduces a paper or answers a question, writing a markdown table and
 * figures to its results folder. Implementations live in {@code experiments/} and are found with
 * {@link java.util.ServiceLoader}, so that {@code rclab experiments} can list and run them without
 * the library importing them.
 */
public interface Experiment {

    /** The class-like name, e.g. {@code Pathak2017Lorenz}. */
    String name();

    /** One line: what it reproduces and the paper. */
    String description();

    /** A rough idea of the run time on 2 cores, e.g. "2 min". */
    String duration();

    /**
     * Runs the study and writes its results into {@code out} (created if needed).
     *
     * @param quick a shorter run with smaller settings, for smoke tests; the results say so
     */
    void run(Path out, boolean quick) throws Exception;
}
