package org.rclab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rclab.core.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rclab gallery}: regenerates the README's headline figures by running the jobs that make
 * them ({@code lorenz}, {@code lyapunov --esn}, {@code ks}) and copying their PNGs into one folder.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Regenerates the README's figures.",
        description = {"Regenerates the README's figures: runs 'rclab lorenz', 'rclab lyapunov lorenz63 --esn' and",
                "'rclab ks' with their defaults (about 2 minutes on 2 cores) and copies the PNGs to --out."},
        footer = {"", "Example: rclab gallery --out experiments/results/gallery"})
final class GalleryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, defaultValue = "experiments/results/gallery",
            description = "folder of the gallery PNGs (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--work", defaultValue = "out/gallery",
            description = "folder for the jobs' full outputs (default: ${DEFAULT-VALUE})")
    Path work;

    /** A job to run and the figures to keep from it, as "file in the job's folder -> gallery name". */
    private record Job(String name, List<String> args, List<String[]> figures) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        Files.createDirectories(out);
        List<Job> jobs = List.of(
                new Job("lorenz", List.of("lorenz"), List.of(new String[] {"forecast.png", "lorenz-forecast.png"},
                        new String[] {"attractor.png", "lorenz-attractor.png"},
                        new String[] {"return-map.png", "lorenz-return-map.png"},
                        new String[] {"histograms.png", "lorenz-histograms.png"})),
                new Job("lyapunov", List.of("lyapunov", "lorenz63", "--esn", "--time", "2000"),
                        List.<String[]>of(new String[] {"spectra.png", "lorenz-spectra.png"})),
                new Job("ks", List.of("ks"), List.of(new String[] {"heatmaps.png", "ks-heatmaps.png"},
                        new String[] {"spectra.png", "ks-spectra.png"},
                        new String[] {"power-spectrum.png", "ks-power-spectrum.png"})));
        for (Job job : jobs) {
            Path dir = work.resolve(job.name());
            String[] args = new java.util.ArrayList<String>(job.args()) {
                {
                    add("--out");
                    add(dir.toString());
                }
            }.toArray(String[]::new);
            log.printf(Locale.ROOT, "== rclab %s%n", String.join(" ", args));
            log.flush();
            CommandLine sub = Main.commandLine();
            sub.setOut(log);
            sub.setErr(spec.commandLine().getErr());
            int code = sub.execute(args);
            if (code != 0) {
                log.printf(Locale.ROOT, "rclab %s failed with exit code %d; the gallery is incomplete%n", job.name(), code);
                log.flush();
                return code;
            }
            for (String[] f : job.figures()) {
                Path source = dir.resolve(f[0]);
                AtomicFiles.writeStream(out.resolve(f[1]), stream -> Files.copy(source, stream));
            }
        }
        log.printf(Locale.ROOT, "the gallery is in %s%n", out.toAbsolutePath());
        log.flush();
        return 0;
    }
}
