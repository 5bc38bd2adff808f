package dev.chaos.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.slo.Slo;
import dev.chaos.history.History;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.history.io.LoadedHistory;
import dev.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos check}: re-checks a history offline, no cluster and no Docker needed. */
@Command(name = "check",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Check a history offline and print each checker's verdict.",
            "",
            "Reads chaos history.jsonl (or a run directory), Jepsen history.edn and",
            "Jepsen log lines; the format is recognised from the content.",
            "The 'slo' checker judges the thresholds given with --slo, or else those of",
            "the scenario.json beside the history (a run directory has one).",
            "Exit code: 0 valid, 1 invalid, 2 unknown, 254 unreadable input (the",
            "message names the line)."
        })
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HISTORY", description = "history file or run directory")
    Path history;

    @Option(names = {"-c", "--checker"}, split = ",", paramLabel = "NAME",
            description = "checkers to run (repeat or comma-separate); default: all that apply")
    List<String> checkers;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "consistency model for 'linearizable' (cas-register, register, kv, set, counter, mutex);"
                    + " default: inferred from the ops")
    String model;

    @Mixin
    CheckingOptions checking;

    @Option(names = "--slo", split = ",", paramLabel = "NAME=VALUE",
            description = "an SLO threshold for the 'slo' checker (repeat or comma-separate): failover=10s,"
                    + " majority-availability=0.9, error-rate=0.1, p99-latency=2s, convergence=30s, fault-p99-latency=2s,"
                    + " availability-objective=99.9%;"
                    + " default: the scenario's, from the scenario.json beside the history")
    List<String> slo;

    @Option(names = "--json", description = "print the results as JSON (results.json's shape) instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CheckOptions options = checking.options(model);
        if (slo != null) {
            options = options.withSlo(parseSlo(slo));
        } else {
            dev.chaos.pipeline.RecordedScenario recorded = dev.chaos.pipeline.RunDirectory.readScenario(history,
                    spec.commandLine().getErr());
            if (recorded != null && recorded.scenario() != null) {
                // the model stays inferred, or --model; transactions are judged as the run judged them
                com.fasterxml.jackson.databind.JsonNode target = recorded.root() == null ? null : recorded.root().get("target");
                options = ScenarioChecks.of(recorded.scenario(), target != null && target.isTextual() ? target.asText() : null)
                        .thresholds(options);
            }
        }
        List<Checker> selected = Checks.select(checkers, options);
        LoadedHistory loaded = HistoryFiles.read(history);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        History h = loaded.history();
        List<CheckResult> results = Checks.run(h, selected, checkers != null);
        Verdict verdict = Checks.verdict(results);
        if (json) {
            out.println(jsonMapper().writeValueAsString(Checks.checkJson(history.toString(), loaded, results)));
        } else {
            out.println(history + " (" + loaded.format().description() + ", " + h.size() + " ops)");
            for (CheckResult r : results) {
                out.println();
                out.println(Text.verdictWord(r.verdict()) + "  " + r.checker());
                r.summary().forEach(line -> out.println("  " + line));
            }
            out.println();
            out.println("verdict: " + Text.verdictWord(verdict).trim());
        }
        out.flush();
        return verdict.exitCode();
    }

    /** {@code --slo failover=10s,error-rate=0.1}: each name once, values as the scenario files write them. */
    static Slo parseSlo(List<String> items) {
        Map<String, String> v = new LinkedHashMap<>();
        List<String> names = List.of("failover", "majority-availability", "error-rate", "p99-latency", "convergence", "fault-p99-latency",
                "availability-objective");
        for (String item : items) {
            int eq = item.indexOf('=');
            String name = eq < 0 ? item.trim() : item.substring(0, eq).trim();
            if (eq < 0 || !names.contains(name)) {
                throw new UsageException("--slo: '" + item + "': write NAME=VALUE, NAME one of " + String.join(", ", names));
            }
            v.put(name, item.substring(eq + 1).trim());
        }
        return new Slo(sloDuration(v, "failover"), sloFraction(v, "majority-availability"), sloFraction(v, "error-rate"),
                sloDuration(v, "p99-latency"), sloDuration(v, "convergence"), sloDuration(v, "fault-p99-latency"), sloObjective(v));
    }

    private static Double sloObjective(Map<String, String> v) {
        if (!v.containsKey("availability-objective")) {
            return null;
        }
        Double o = Slo.parseObjective(v.get("availability-objective"));
        if (o == null) {
            throw new UsageException("--slo availability-objective: '" + v.get("availability-objective")
                    + "' is not an objective; write a percentage below 100, e.g. 99.9%, or a fraction below 1, e.g. 0.999");
        }
        return o;
    }

    private static Duration sloDuration(Map<String, String> v, String name) {
        return v.containsKey(name) ? DurationOption.parse("--slo " + name, v.get(name)) : null;
    }

    private static Double sloFraction(Map<String, String> v, String name) {
        if (!v.containsKey(name)) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.get(name));
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--slo " + name + ": '" + v.get(name) + "' is not a fraction between 0 and 1");
    }

    /**
     * The scenario a run recorded in the scenario.json beside the history (or in the run directory
     * given), or null when there is none; a scenario.json that cannot be read is a warning on
     * {@code err}, or an error when {@code err} is null.
     */
    static Scenario scenarioBeside(Path history, PrintWriter err) {
        dev.chaos.pipeline.RecordedScenario recorded = dev.chaos.pipeline.RunDirectory.readScenario(history, err);
        return recorded == null ? null : recorded.scenario();
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
