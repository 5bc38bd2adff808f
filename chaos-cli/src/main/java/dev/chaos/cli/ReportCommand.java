package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.history.io.LoadedHistory;
import dev.chaos.report.Reports;
import dev.chaos.pipeline.RecordedScenario;
import dev.chaos.pipeline.RunDirectory;
import dev.chaos.report.RunScenario;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chaos report}: (re)writes report.html, junit.xml and results.json offline. */
@Command(name = "report",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Write report.html, junit.xml and results.json for a run directory or a",
            "history file, offline (no cluster, no network).",
            "",
            "A run directory (or its history.jsonl) is checked again as the run checked",
            "it: the checkers, model and converge-within come from its scenario.json.",
            "A history alone gets every checker that applies, as 'chaos check' runs them.",
            "Exit code: 0 valid, 1 invalid, 2 unknown (the reports are written in every",
            "case), 254 unreadable input."
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|HISTORY", description = "run directory, or history file (chaos jsonl, Jepsen edn or log)")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: the run directory, or the history file's directory)")
    Path out;

    @Option(names = {"-c", "--checker"}, split = ",", paramLabel = "NAME",
            description = "checkers to run instead of the default (the run's, or all that apply)")
    List<String> checkers;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "consistency model for 'linearizable'; default: the run's workload's, else inferred")
    String model;

    @Mixin
    CheckingOptions checking;

    @Override
    public Integer call() throws Exception {
        CheckOptions options = checking.options(model);
        Path dir = Files.isDirectory(input) ? input : parentOf(input);
        boolean runDir = RunDirectory.hasScenario(dir)
                && (Files.isDirectory(input) || input.getFileName().toString().equals("history.jsonl"));
        if (checkers != null) {
            Checks.select(checkers, options); // a misspelt checker is a usage error before any reading
        }
        LoadedHistory loaded = HistoryFiles.read(input);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        History h = loaded.history();
        List<CheckResult> results;
        Map<String, Object> json;
        if (runDir) {
            RunScenario sc;
            ScenarioChecks checks;
            try {
                RecordedScenario recorded = RunDirectory.readScenario(dir, null);
                sc = recorded.facts();
                checks = ScenarioChecks.of(sc, recorded.scenario());
            } catch (IllegalArgumentException | dev.chaos.scenario.ScenarioException e) {
                throw new UsageException(e.getMessage());
            }
            results = Checks.run(h, Checks.select(checks.checkers(checkers), checks.options(options)), true);
            json = RunDirectory.resultsJson(sc.scenario(), sc.target(), sc.seed(), h, results, RunDirectory.readWallMillis(dir));
        } else {
            results = Checks.run(h, Checks.select(checkers, options), checkers != null);
            json = Checks.checkJson(input.toString(), loaded, results);
        }
        Reports.Written written = Reports.write(out != null ? out : dir, h, results, json);
        Verdict verdict = Checks.verdict(results);
        for (CheckResult r : results) {
            o.println(Text.verdictWord(r.verdict()) + "  " + r.checker());
        }
        o.println("verdict: " + Text.verdictWord(verdict).trim() + "   (" + h.size() + " ops"
                + (runDir ? ", checked as the run's " + RunDirectory.SCENARIO + " says" : "") + ")");
        o.println("wrote " + written.html());
        o.println("      " + written.junit());
        o.println("      " + written.results());
        o.flush();
        return verdict.exitCode();
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of(".");
    }
}
