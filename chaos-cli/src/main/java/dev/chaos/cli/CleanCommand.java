package dev.chaos.cli;

import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerCleaner;
import dev.chaos.run.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos clean}: removes the containers and networks that killed runs left behind. */
@Command(name = "clean",
        mixinStandardHelpOptions = true,
        description = {
            "Remove what aborted docker-backend runs left behind.",
            "",
            "A run removes its own containers and networks on success, failure and",
            "Ctrl-C; a run killed with SIGKILL (or a crashed JVM) cannot. Everything a",
            "run creates carries the label dev.chaos.run=<run id>; this removes every",
            "container and network with that label (or one run's, with --run).",
            "Local-backend runs leave nothing behind: their processes die with the JVM."
        })
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "ID", description = "only this run's leftovers (the id in its container names)")
    String run;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Docker.available()) {
            spec.commandLine().getErr().println("chaos clean: no Docker engine answers; nothing to clean (local runs leave nothing behind)");
            return ExitCodes.INTERNAL;
        }
        DockerCleaner.Removed r = DockerCleaner.clean(run, line -> {
            out.println(line);
            out.flush();
        });
        out.println("chaos clean: removed " + r.containers() + " containers and " + r.networks() + " networks");
        return ExitCodes.VALID;
    }
}
