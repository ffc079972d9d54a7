package org.rclab.cli;

import java.io.PrintWriter;

import org.rclab.reservoir.StateTransform;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rclab} command line: {@code rclab --help} lists the commands. Bad arguments and
 * invalid parameters print a message and the usage, and exit with code 2: each command checks its
 * arguments before any work and reports a failed check as a {@link CommandLine.ParameterException}
 * ({@link #badArgument}). An exception later in the run is a failure: it prints the error, no
 * usage, and exits with code 1.
 */
@Command(name = "rclab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reservoir computing lab for chaotic systems.",
        footer = {"", "The launcher also has './rclab shell': JShell with rclab on the class path and its imports",
                "(see notebooks/README.md)."},
        subcommands = {LorenzCommand.class, KsCommand.class, ExperimentsCommand.class, GalleryCommand.class, SimulateCommand.class, LyapunovCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (exit code 2 for bad arguments and invalid parameters, 1 for failures). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpWidth(100);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("rclab: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            failed.usage(err);
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // a failure during the run, not a bad argument (those are ParameterExceptions): no usage
            PrintWriter err = commandLine.getErr();
            err.println("rclab: " + ex);
            for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by " + cause);
            }
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }

    /** A usage error (usage, exit code 2) of {@code spec}'s command from an argument check that failed before any work. */
    static CommandLine.ParameterException badArgument(CommandLine.Model.CommandSpec spec, IllegalArgumentException e) {
        return new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Reads --transform as {@link StateTransform#parse} does, so a bad name is a usage error (exit code 2). */
    static final class TransformConverter implements CommandLine.ITypeConverter<StateTransform> {
        @Override
        public StateTransform convert(String value) {
            try {
                return StateTransform.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Version from the jar manifest, "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rclab " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
