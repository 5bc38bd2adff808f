package dev.chaos.cli;

import dev.chaos.cluster.Backend;
import dev.chaos.cluster.Backends;
import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.Targets;
import dev.chaos.run.ExitCodes;
import dev.chaos.targetfile.FileTarget;
import dev.chaos.targetfile.TargetFileException;
import dev.chaos.targetfile.TargetFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
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
            "refused before anything starts. Target files (docs/targets.md) found in",
            "./targets/, or given as FILE or DIR, are listed after them; 'chaos targets",
            "show FILE' prints one resolved. The backends found are listed last.",
            "",
            "A target file that does not read does not stop the listing: the others are",
            "listed, then each bad one is reported on stderr (file:line, the field, the fix)",
            "and the exit code is 254; 0 when every file read."
        },
        subcommands = TargetFileShow.class)
final class TargetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "target files, or folders of them, to list (default: ./targets/)")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Target> all = new ArrayList<>(Targets.all());
        List<Path> paths = new ArrayList<>();
        for (Path p : files == null ? List.of(TargetFiles.DEFAULT_DIR) : files) {
            if (Files.isDirectory(p)) {
                paths.addAll(TargetFiles.in(p));
            } else if (files != null) {
                paths.add(p);
            }
        }
        List<String> bad = new ArrayList<>();
        for (Path p : paths) {
            try {
                all.add(TargetFiles.load(p));
            } catch (TargetFileException e) {
                bad.add(e.getMessage());
            }
        }
        for (Target t : all) {
            out.println(t.name() + "  " + t.description());
            out.println("  backends:  " + String.join(", ", t.backends()) + "   (default " + t.backends().get(0) + ")");
            out.println("  workloads: " + String.join(", ", t.workloads()));
            for (String b : t.backends()) {
                List<String> can = t.capabilities(b).stream().map(Capability::id).toList();
                out.println("  on " + b + ": " + (can.isEmpty() ? "partitions only" : String.join(", ", can)));
            }
            out.println("  provider:  " + (t instanceof FileTarget f ? "target file " + f.file().source() : t.getClass().getName()));
            out.println();
        }
        out.println("backends:");
        for (Backend b : Backends.all()) {
            out.println("  " + b.name() + "  " + b.description());
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (String b : bad) {
            err.println("chaos: not listed: " + b);
        }
        err.flush();
        return bad.isEmpty() ? 0 : ExitCodes.USAGE;
    }
}
