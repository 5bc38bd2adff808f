package dev.chaos.cli;

import dev.chaos.cluster.Backend;
import dev.chaos.cluster.Backends;
import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.Targets;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos targets}: every system under test found on the class path, and what each can do where. */
@Command(name = "targets",
        mixinStandardHelpOptions = true,
        description = {
            "List every target (system under test) found: the built-in ones and any",
            "on the class path (a dev.chaos.cluster.Target provider, docs/architecture.md),",
            "with the backends it runs on (the first is its default), the workloads it",
            "has clients for, and what it can do on each backend: leader, kill, pause,",
            "stop-start, wipe, health. A scenario that needs what a target cannot do is",
            "refused before anything starts. The backends found are listed last."
        })
final class TargetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Target t : Targets.all()) {
            out.println(t.name() + "  " + t.description());
            out.println("  backends:  " + String.join(", ", t.backends()) + "   (default " + t.backends().get(0) + ")");
            out.println("  workloads: " + String.join(", ", t.workloads()));
            for (String b : t.backends()) {
                List<String> can = t.capabilities(b).stream().map(Capability::id).toList();
                out.println("  on " + b + ": " + (can.isEmpty() ? "partitions only" : String.join(", ", can)));
            }
            out.println("  provider:  " + t.getClass().getName());
            out.println();
        }
        out.println("backends:");
        for (Backend b : Backends.all()) {
            out.println("  " + b.name() + "  " + b.description());
        }
        out.flush();
        return 0;
    }
}
