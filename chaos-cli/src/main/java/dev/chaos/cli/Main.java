package dev.chaos.cli;

import dev.chaos.history.HistoryFormatException;
import dev.chaos.run.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chaos} command: subcommands are the product's verbs. */
@Command(name = "chaos",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = {
            "Jepsen-style chaos and consistency checking: start a cluster, wrap every",
            "link in a fault proxy, record a history, inject faults, heal, and prove",
            "from the history alone that nothing was lost.",
            "",
            "Exit codes: 0 valid, 1 invalid, 2 unknown, 254 bad usage or input,",
            "255 setup or internal error."
        },
        subcommands = {
            RunCommand.class,
            ScenariosCommand.class,
            TargetsCommand.class,
            CheckCommand.class,
            ReportCommand.class,
            ConvertCommand.class,
            ProxyCommand.class,
            CleanCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static {
        // Testcontainers (used only to find the Docker engine) reports at INFO what chaos says itself.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.testcontainers") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers", "warn");
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI and returns its exit code, without exiting (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("chaos: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof HistoryFormatException || ex instanceof UsageException) {
                err.println("chaos: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("chaos: internal error: " + ex);
            ex.printStackTrace(err);
            return ExitCodes.INTERNAL;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("chaos: out of memory (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap); give the JVM"
                    + " more, e.g. CHAOS_JAVA_OPTS=-Xmx4g ./chaos ..., or lower --memory-limit");
            return ExitCodes.INTERNAL;
        } catch (Error e) {
            // never exit 1 (that means "invalid") for a broken installation or a bug
            err.println("chaos: internal error: " + e);
            e.printStackTrace(err);
            return ExitCodes.INTERNAL;
        }
    }
}
