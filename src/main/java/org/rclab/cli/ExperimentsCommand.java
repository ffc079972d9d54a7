package org.rclab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

import org.rclab.core.Experiment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rclab experiments [NAME]}: lists the studies, or runs one. */
@Command(name = "experiments", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Lists the experiments that reproduce papers, or runs one.",
        description = {"Lists the experiments (studies that reproduce papers) or runs one by name.",
                "Each writes a markdown table and figures to experiments/results/NAME (or --out)."},
        footer = {"", "Example: rclab experiments", "         rclab experiments Pathak2017Lorenz"})
final class ExperimentsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the experiment to run (omit to list them)")
    String name;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "results folder (default: experiments/results/NAME)")
    Path out;

    @Option(names = "--quick", description = "a short smoke run with smaller settings (its results say so)")
    boolean quick;

    /** The experiments on the class path, by name. */
    static List<Experiment> all() {
        List<Experiment> list = new ArrayList<>();
        ServiceLoader.load(Experiment.class).forEach(list::add);
        list.sort(java.util.Comparator.comparing(Experiment::name));
        return list;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        List<Experiment> experiments = all();
        if (name == null) {
            log.println("Experiments (run one with: rclab experiments NAME):");
            for (Experiment e : experiments) {
                log.printf(Locale.ROOT, "  %-30s %s (%s)%n", e.name(), e.description(), e.duration());
            }
            log.flush();
            return 0;
        }
        for (Experiment e : experiments) {
            if (e.name().equalsIgnoreCase(name)) {
                Path dir = out != null ? out : Path.of("experiments", "results", e.name());
                log.printf(Locale.ROOT, "running %s%s -> %s%n", e.name(), quick ? " (quick)" : "", dir);
                log.flush();
                e.run(dir, quick);
                return 0;
            }
        }
        List<String> names = experiments.stream().map(Experiment::name).toList();
        throw new CommandLine.ParameterException(spec.commandLine(), "NAME must be one of " + names + ", got '" + name + "'");
    }
}
