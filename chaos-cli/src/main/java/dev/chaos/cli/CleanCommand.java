package dev.chaos.cli;

import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerCleaner;
import dev.chaos.cluster.LocalLeftovers;
import dev.chaos.run.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos clean}: stops the local servers and removes the containers and networks that killed runs left behind. */
@Command(name = "clean",
        mixinStandardHelpOptions = true,
        description = {
            "Remove what aborted runs left behind.",
            "",
            "A run removes its own processes, containers and networks on success, failure",
            "and Ctrl-C; a run killed with SIGKILL (or a crashed JVM) cannot. Everything a",
            "run starts records the chaos process that started it, and by default this",
            "removes only what belongs to a chaos process that is gone, never a live run's:",
            "local servers (still running, reparented) and Docker containers and networks",
            "(labelled dev.chaos.run=<run id>). Docker resources of another host's runs, or",
            "made before owners were recorded, are listed and kept: name them with --run,",
            "or take everything with --all."
        })
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "ID", description = "this docker run's leftovers, whoever owns them (the id in its container names)")
    String run;

    @Option(names = "--all", description = "every chaos container and network on the engine, live runs' too")
    boolean all;

    @Option(names = "--local", description = "only local servers of dead runs; leave Docker alone")
    boolean localOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((run != null ? 1 : 0) + (all ? 1 : 0) + (localOnly ? 1 : 0) > 1) {
            throw new UsageException("give at most one of --run, --all and --local");
        }
        if (run == null) {
            int stopped = 0;
            for (LocalLeftovers.Leftover l : LocalLeftovers.find()) {
                boolean gone = LocalLeftovers.stop(l);
                out.println((gone ? "stopped" : "could not stop") + " pid " + l.process().pid() + " (its run, pid " + l.owner()
                        + ", is gone): " + l.what());
                stopped += gone ? 1 : 0;
            }
            out.println("chaos clean: stopped " + stopped + " local servers of dead runs");
            out.flush();
            if (localOnly) {
                return ExitCodes.VALID;
            }
        }
        if (!Docker.available()) {
            spec.commandLine().getErr().println("chaos clean: no Docker engine answers; no containers to clean"
                    + (run == null ? "" : " for run " + run));
            return run == null && !all ? ExitCodes.VALID : ExitCodes.INTERNAL;
        }
        DockerCleaner.Scope scope = run != null ? DockerCleaner.Scope.ONE : all ? DockerCleaner.Scope.ALL : DockerCleaner.Scope.DEAD;
        DockerCleaner.Removed r = DockerCleaner.clean(scope, run, line -> {
            out.println(line);
            out.flush();
        });
        out.println("chaos clean: removed " + r.containers() + " containers and " + r.networks() + " networks"
                + (r.kept().isEmpty() ? "" : "; kept " + r.kept().size() + " runs (above)"));
        return ExitCodes.VALID;
    }
}
