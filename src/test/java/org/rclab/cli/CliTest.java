package org.rclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.core.Checks;
import picocli.CommandLine;

/** The command line: help, a short real run, and exit code 2 with usage on bad arguments. */
class CliTest {

    /** Exit code, standard output and standard error of one CLI call. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        return execute(Main.commandLine(), args);
    }

    static Result execute(CommandLine cl, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("lyapunov"), r.out());
        Result sub = run("lyapunov", "--help");
        assertEquals(0, sub.code());
        assertTrue(sub.out().contains("--exponents") && sub.out().contains("lorenz63"), sub.out());
    }

    @Test
    void lyapunovPrintsSpectrumAndKaplanYorke() {
        Result r = run("lyapunov", "lorenz63", "--time", "200", "--transient", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Kaplan-Yorke") && r.out().contains("lambda_i"), r.out());
    }

    @Test
    void simulateWritesNpyAndCsvThatReadBack(@TempDir Path dir) throws Exception {
        var npy = dir.resolve("ks.npy");
        Result r = run("simulate", "ks", "-n", "200", "--transient", "100", "--out", npy.toString());
        assertEquals(0, r.code(), r.err());
        var ks = org.rclab.io.Npy.readTimeSeries(npy, 0.25);
        assertEquals(200, ks.rows());
        assertEquals(64, ks.cols());
        var csv = dir.resolve("sub/lorenz.csv");
        Result c = run("simulate", "lorenz63", "-n", "50", "--sample-step", "0.02", "--out", csv.toString());
        assertEquals(0, c.code(), c.err());
        var lorenz = org.rclab.io.Csv.read(csv);
        assertEquals(50, lorenz.rows());
        assertEquals(java.util.List.of("x", "y", "z"), lorenz.names());
        assertEquals(0.02, lorenz.dt(), 1e-12);
        Result bad = run("simulate", "lorenz63", "--out", dir.resolve("x.txt").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--out must end in .csv or .npy"), bad.err());
    }

    @Test
    void badArgumentsGiveUsageAndExitCode2() {
        for (String[] args : new String[][] {{}, {"nonsense"}, {"lyapunov"}, {"lyapunov", "lorenz63", "--time", "abc"},
                {"lyapunov", "nosuchsystem"}, {"lyapunov", "lorenz63", "-p", "tau=3"},
                {"lyapunov", "lorenz63", "-p", "dt=-0.1"}}) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
            assertTrue(r.err().contains("Usage"), r.err());
        }
        Result r = run("lyapunov", "nosuchsystem");
        assertTrue(r.err().contains("SYSTEM must be one of"), r.err());
    }

    @Test
    void badModelIsRejectedBeforeAnyWork(@TempDir Path dir) {
        var out = dir.resolve("lorenz");
        Result r = run("lorenz", "--model", "bogus", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--model") && r.err().contains("bogus") && r.err().contains("Usage"), r.err());
        assertTrue(!java.nio.file.Files.exists(out), "no output folder for a rejected run");
        var cl = Main.commandLine();
        cl.parseArgs("lorenz", "--model", "DeepESN");
        LorenzCommand lorenz = cl.getSubcommands().get("lorenz").getCommand();
        assertEquals(LorenzCommand.ModelKind.DEEPESN, lorenz.modelKind);
        assertEquals("deepesn", lorenz.modelKind.toString());
    }

    @Test
    void badEsnSettingsAreRejectedBeforeTheTrueSpectrum(@TempDir Path dir) {
        var out = dir.resolve("lyapunov");
        Result r = run("lyapunov", "lorenz63", "--esn", "--transform", "bogus", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--transform") && r.err().contains("bogus") && r.err().contains("Usage"), r.err());
        assertEquals("", r.out(), "nothing computed");
        assertTrue(!java.nio.file.Files.exists(out), "no output folder for a rejected run");
        Result radius = run("lyapunov", "lorenz63", "--esn", "--spectral-radius", "-1", "--out", out.toString());
        assertEquals(2, radius.code(), radius.err());
        assertTrue(radius.err().contains("spectralRadius") && radius.err().contains("Usage"), radius.err());
        assertEquals("", radius.out(), "nothing computed");
        var cl = Main.commandLine();
        cl.parseArgs("lorenz", "--transform", "pathak");
        LorenzCommand lorenz = cl.getSubcommands().get("lorenz").getCommand();
        assertEquals(org.rclab.reservoir.StateTransform.PATHAK_SQUARE, lorenz.transform);
    }

    /** A command that checks its argument up front as the real ones do, then fails inside its work. */
    @CommandLine.Command(name = "fails")
    static final class FailingCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--n", defaultValue = "1")
        int n;

        @Override
        public Integer call() {
            try {
                Checks.positive("n", n);
            } catch (IllegalArgumentException e) {
                throw Main.badArgument(spec, e);
            }
            throw new IllegalArgumentException("matrix must be square, got 3 x 4");
        }
    }

    @Test
    void anIllegalArgumentDuringTheRunIsAFailureNotAUsageError() {
        var cl = Main.commandLine().addSubcommand(new FailingCommand());
        Result failure = execute(cl, "fails");
        assertEquals(1, failure.code(), failure.err());
        assertTrue(failure.err().contains("matrix must be square, got 3 x 4"), failure.err());
        assertTrue(!failure.err().contains("Usage"), failure.err());
        Result usage = execute(Main.commandLine().addSubcommand(new FailingCommand()), "fails", "--n", "0");
        assertEquals(2, usage.code(), usage.err());
        assertTrue(usage.err().contains("n must be positive, got 0") && usage.err().contains("Usage: rclab fails"),
                usage.err());
    }

    @Test
    void argumentChecksGiveUsageAndExitCode2BeforeAnyWork(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Path notAModel = Files.createDirectories(dir.resolve("empty-folder"));
        for (String[] args : new String[][] {
                {"lorenz", "--autonomous", "10", "--out", out.toString()},
                {"lorenz", "--model", "ngrc", "--sync", "1", "--out", out.toString()},
                {"lorenz", "--model", "deepesn", "--size", "20", "--layers", "4", "--out", out.toString()},
                {"lyapunov", "lorenz63", "--load", notAModel.toString(), "--out", out.toString()},
                {"lyapunov", "lorenz63", "--esn", "--time", "3", "--blocks", "200", "--out", out.toString()},
                {"lorenz", "--windows", "0", "--out", out.toString()},
                {"lorenz", "--dt", "0.03", "--out", out.toString()},
                {"lorenz", "--model", "deepesn", "--layers", "0", "--out", out.toString()},
                {"ks", "--dt", "0", "--out", out.toString()},
                {"ks", "--exponents", "65", "--out", out.toString()},
                {"lyapunov", "lorenz63", "--exponents", "4", "--out", out.toString()},
                {"lyapunov", "lorenz63", "--load", dir.resolve("no-model").toString(), "--out", out.toString()},
                {"simulate", "lorenz63", "--sample-step", "0.015", "--out", out.resolve("x.csv").toString()},
                {"experiments", "NoSuchExperiment", "--out", out.toString()}}) {
            Result r = run(args);
            String call = String.join(" ", args) + "\n" + r.err();
            assertEquals(2, r.code(), call);
            assertTrue(r.err().contains("Usage: rclab " + args[0]), call);
            assertEquals("", r.out(), call);
            assertTrue(!Files.exists(out), call);
        }
    }
}
