package dev.chaos.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.report.Reports;
import dev.chaos.run.RunSpec;
import dev.chaos.scenario.ScenarioFiles;
import dev.chaos.scenario.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run directory's own files, written here and only here: {@code scenario.json} (the resolved
 * scenario, seed and plan, so {@code --replay} and offline checks judge as the run did) and
 * {@code results.json} (with report.html and junit.xml beside it, through {@link Reports}).
 */
public final class RunDirectory {

    public static final String SCENARIO = "scenario.json";
    public static final String RESULTS = Reports.RESULTS;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ScenarioFiles FILES = new ScenarioFiles(dev.chaos.checker.CheckerCatalog.names());

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The directory, created if missing. */
    public static RunDirectory create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /** The files the reports were written to. */
    public record Written(Path html, Path junit, Path results) {
    }

    /** scenario.json: the resolved scenario in the file format (seed included), and how it ran. */
    public void writeScenario(RunSpec rs) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", FILES.asMap(rs.scenario()));
        m.put("target", rs.target());
        m.put("backend", rs.backend());
        m.put("nodes", rs.nodes());
        m.put("seed", rs.seed());
        m.put("warm-up-ms", rs.warmUp().toMillis());
        m.put("recovery-ms", rs.recovery().toMillis());
        List<Map<String, Object>> plan = new ArrayList<>();
        for (Schedule.Occurrence oc : rs.plan()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("step", oc.step());
            p.put("fault", oc.kind());
            p.put("start-ms", oc.start().toMillis());
            p.put("stop-ms", oc.stop().toMillis());
            plan.add(p);
        }
        m.put("plan", plan);
        Files.writeString(dir.resolve(SCENARIO), JSON.writeValueAsString(m));
    }

    /** results.json of a run, with report.html and junit.xml. */
    public Written writeResults(History h, List<CheckResult> results, RunSpec rs, long wallMs) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", Verdict.combine(results.stream().map(CheckResult::verdict).toList()).json());
        json.put("scenario", rs.name());
        json.put("target", rs.target());
        json.put("seed", rs.seed());
        json.put("ops", h.size());
        json.put("wall-ms", wallMs);
        json.put("checkers", checkersJson(results));
        Reports.Written w = Reports.write(dir, h, results, json);
        return new Written(w.html(), w.junit(), w.results());
    }

    /** Each checker's result as results.json has it, by name, in order: {@code {"valid": ..., "summary": [...], ...details}}. */
    public static Map<String, Object> checkersJson(List<CheckResult> results) {
        Map<String, Object> byChecker = new LinkedHashMap<>();
        for (CheckResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("valid", r.verdict().json());
            m.put("summary", r.summary());
            r.details().forEach(m::putIfAbsent);
            byChecker.put(r.checker(), m);
        }
        return byChecker;
    }
}
