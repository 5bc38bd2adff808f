package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.io.LoadedHistory;
import dev.chaos.workload.Workload;
import dev.chaos.pipeline.RunDirectory;
import dev.chaos.workload.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which checkers judge a history, and what {@code results.json} says about them: shared by
 * {@code chaos check} and {@code chaos report}, so a regenerated report agrees with a fresh check.
 */
final class Checks {

    private Checks() {
    }

    /**
     * The checkers named (by catalog name), or every checker when {@code names} is null.
     *
     * @throws UsageException naming the option, when a name is not a checker
     */
    static List<Checker> select(List<String> names, CheckOptions options) {
        List<Checker> selected = new ArrayList<>();
        for (String name : names == null ? CheckerCatalog.names() : names) {
            try {
                selected.add(CheckerCatalog.create(name.trim(), options));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--checker: " + e.getMessage());
            }
        }
        return selected;
    }

    /**
     * Runs the checkers in order. Chosen explicitly, a checker runs regardless (and says what it
     * lacks); by default only those that apply to the history run.
     */
    static List<CheckResult> run(History history, List<Checker> checkers, boolean explicit) {
        List<CheckResult> results = new ArrayList<>();
        for (Checker c : checkers) {
            if (explicit || c.appliesTo(history)) {
                results.add(c.check(history));
            }
        }
        return results;
    }

    static Verdict verdict(List<CheckResult> results) {
        return Verdict.combine(results.stream().map(CheckResult::verdict).toList());
    }

    /** The workload a run used, by the name scenario.json records; it names its checkers and model. */
    static Workload workload(String name) {
        return Workloads.create(name).orElseThrow(() -> new UsageException("unknown workload '" + name + "'; known: "
                + String.join(", ", Workloads.names())));
    }

    /** The workload a resolved scenario runs, with its options (the kv workload's keys, distribution, mix). */
    static Workload workload(dev.chaos.scenario.Scenario s) {
        return Workloads.create(s.workload(), s.kv()).orElseThrow(() -> new UsageException("unknown workload '" + s.workload()
                + "'; known: " + String.join(", ", Workloads.names())));
    }

    /** {@code results.json} of an offline check: {@code chaos check --json} prints the same. */
    static Map<String, Object> checkJson(String source, LoadedHistory loaded, List<CheckResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("valid", verdict(results).json());
        root.put("history", source);
        root.put("format", loaded.format().description());
        root.put("ops", loaded.history().size());
        root.put("warnings", loaded.warnings());
        root.put("checkers", RunDirectory.checkersJson(results));
        return root;
    }
}
