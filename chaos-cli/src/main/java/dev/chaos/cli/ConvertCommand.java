package dev.chaos.cli;

import dev.chaos.history.io.HistoryFiles;
import dev.chaos.history.io.LoadedHistory;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos convert}: between chaos history.jsonl and Jepsen EDN, for cross-checking with Jepsen tools. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a history to chaos JSON lines or Jepsen EDN.",
            "",
            "Reads any format chaos reads. Use it to hand a chaos history to Knossos,",
            "Elle or Porcupine, or a Jepsen history to chaos."
        })
final class ConvertCommand implements Callable<Integer> {

    enum Target { jsonl, edn }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HISTORY", description = "history file or run directory")
    Path input;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "jsonl or edn")
    Target to;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "output file (default: standard output)")
    Path out;

    @Override
    public Integer call() throws Exception {
        LoadedHistory loaded = HistoryFiles.read(input);
        PrintWriter err = spec.commandLine().getErr();
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        OutputStream os = out == null ? System.out : Files.newOutputStream(out);
        try {
            if (to == Target.edn) {
                HistoryFiles.writeEdn(loaded.history(), os);
            } else {
                HistoryFiles.writeJsonl(loaded.history(), os);
            }
        } finally {
            if (out != null) {
                os.close();
            } else {
                os.flush();
            }
        }
        return 0;
    }
}
