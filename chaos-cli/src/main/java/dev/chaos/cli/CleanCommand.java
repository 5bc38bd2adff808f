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
            "and Ctrl-C; a run killed with SIGKILL (or a crashed JVM) cannot.",
            "Local backend: its servers keep running; this stops every local node whose",
            "chaos process is gone (never those of a run still going).",
            "Docker backend: everything a run creates carries the label dev.chaos.run=<run id>;",
            "this removes every container and network with that label (or one run's, with",
            "--run), so use it while no other docker run is going on the engine."
        })
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "ID", description = "only this run's leftovers (the id in its container names)")
    String run;

    @Option(names = "--local", description = "only local leftovers (servers of dead runs); leave Docker alone")
    boolean localOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
        } else if (localOnly) {
            throw new UsageException("--run names a docker run; --local cleans local servers: give one of them");
        }
        if (!Docker.available()) {
            spec.commandLine().getErr().println("chaos clean: no Docker engine answers; no containers to clean"
                    + (run == null ? "" : " for run " + run));
            return run == null ? ExitCodes.VALID : ExitCodes.INTERNAL;
        }
        DockerCleaner.Removed r = DockerCleaner.clean(run, line -> {
            out.println(line);
            out.flush();
        });
        out.println("chaos clean: removed " + r.containers() + " containers and " + r.networks() + " networks");
        return ExitCodes.VALID;
    }
}
