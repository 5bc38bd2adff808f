package dev.chaos.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.cluster.Target;
import dev.chaos.history.History;
import dev.chaos.report.Reports;
import dev.chaos.run.RunSpec;
import dev.chaos.scenario.ScenarioException;
import dev.chaos.scenario.ScenarioFiles;
import dev.chaos.scenario.Schedule;
import dev.chaos.targetfile.FileTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run directory's own files, written and read here and only here: {@code scenario.json} (the
 * resolved scenario, seed and plan, so {@code --replay} and offline checks judge as the run did)
 * and {@code results.json} (with report.html and junit.xml beside it, through {@link Reports}).
 */
public final class RunDirectory {

    public static final String SCENARIO = "scenario.json";
    public static final String RESULTS = Reports.RESULTS;
    /** scenario.json's field naming the run directory a replay repeats; readers that do not know it ignore it. */
    public static final String REPLAY_OF = "replay-of";
    /** scenario.json's field naming the target file a run was made from (absolute), so a replay reads the same file. */
    public static final String TARGET_FILE = "target-file";
    /** scenario.json's field with the SHA-256 of that file as the run read it, so a replay can say the file changed since. */
    public static final String TARGET_FILE_SHA256 = "target-file-sha256";

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

    /** The files the reports were written to. */
    public record Written(Path html, Path junit, Path results) {
    }

    /**
     * scenario.json: the resolved scenario in the file format (seed included), and how it ran;
     * {@code replayOf}, the run directory this run repeats ({@code chaos run --replay}), or null.
     */
    public void writeScenario(RunSpec rs, Path replayOf) throws IOException {
        writeScenario(rs, replayOf, null);
    }

    /** As {@link #writeScenario(RunSpec, Path)}; a target made from a target file is recorded with the file's path and hash. */
    public void writeScenario(RunSpec rs, Path replayOf, Target target) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", FILES.asMap(rs.scenario()));
        m.put("target", rs.target());
        if (target instanceof FileTarget f) {
            m.put(TARGET_FILE, Path.of(f.file().source()).toAbsolutePath().normalize().toString());
            if (f.sha256() != null) {
                m.put(TARGET_FILE_SHA256, f.sha256());
            }
        }
        m.put("backend", rs.backend());
        m.put("nodes", rs.nodes());
        m.put("seed", rs.seed());
        if (replayOf != null) {
            m.put(REPLAY_OF, replayOf.toAbsolutePath().normalize().toString());
        }
        m.put("warm-up-ms", rs.warmUp().toMillis());
        m.put("recovery-ms", rs.recovery().toMillis());
        List<Map<String, Object>> plan = new ArrayList<>();
        for (Schedule.Occurrence oc : rs.plan()) {
            RecordedRun.Planned planned = RecordedRun.Planned.of(oc);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("step", planned.step());
            p.put("fault", planned.fault());
            p.put("start-ms", planned.startMs());
            p.put("stop-ms", planned.stopMs());
            plan.add(p);
        }
        m.put("plan", plan);
        Files.writeString(dir.resolve(SCENARIO), JSON.writeValueAsString(m));
    }

    /** results.json of a run, with report.html and junit.xml. */
    public Written writeResults(History h, List<CheckResult> results, RunSpec rs, long wallMs) throws IOException {
        Reports.Written w = Reports.write(dir, h, results, resultsJson(rs.name(), rs.target(), rs.seed(), h, results, wallMs));
        return new Written(w.html(), w.junit(), w.results());
    }

    /**
     * results.json of a run: the verdict, the run's facts and every checker's result; {@code wallMs}
     * is left out when not known (a report made again offline from a run without results.json).
     */
    public static Map<String, Object> resultsJson(String scenario, String target, Long seed, History h, List<CheckResult> results,
                                                  Long wallMs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", Verdict.combine(results.stream().map(CheckResult::verdict).toList()).json());
        json.put("scenario", scenario);
        json.put("target", target);
        json.put("seed", seed);
        json.put("ops", h.size());
        if (wallMs != null) {
            json.put("wall-ms", wallMs);
        }
        json.put("checkers", checkersJson(results));
        return json;
    }

    /** Whether {@code dir} holds a run's scenario.json. */
    public static boolean hasScenario(Path dir) {
        return Files.isRegularFile(dir.resolve(SCENARIO));
    }

    /**
     * The scenario.json beside the history (or in the run directory given), or null when there is
     * none; one that cannot be read is a warning on {@code err} (and null), or an error when
     * {@code err} is null.
     *
     * @throws ScenarioException naming the file, when it cannot be read and {@code err} is null
     */
    public static RecordedScenario readScenario(Path historyOrDir, PrintWriter err) {
        Path d = Files.isDirectory(historyOrDir) ? historyOrDir : historyOrDir.toAbsolutePath().getParent();
        Path file = d == null ? null : d.resolve(SCENARIO);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode sc = root.get("scenario");
            if (sc == null || !sc.isObject()) {
                return new RecordedScenario(file, root, null); // a run from before scenarios were data
            }
            return new RecordedScenario(file, root, FILES.parse(sc.toString(), file + " (scenario)", "scenario"));
        } catch (IOException | RuntimeException e) {
            if (err == null) {
                // the scenario's own errors already name the file, line and field
                throw e instanceof ScenarioException se ? se : new ScenarioException(file + ": " + e.getMessage());
            }
            err.println("warning: " + file + " ignored: " + e.getMessage());
            return null;
        }
    }

    /**
     * A run directory's scenario.json, for {@code chaos run --replay}: the scenario, target,
     * backend, nodes, seed and plan it recorded, each checked.
     *
     * @throws ScenarioException naming the directory or the file and field, and what to give instead
     */
    public static RecordedRun readRun(Path runDir) {
        if (!Files.exists(runDir)) {
            throw new ScenarioException(runDir + ": no such run directory; give the directory of an earlier run"
                    + " (runs/<scenario>-<target>-<UTC time>/)");
        }
        if (!Files.isDirectory(runDir)) {
            throw new ScenarioException(runDir + ": not a directory; give the run directory that holds " + SCENARIO);
        }
        if (!hasScenario(runDir)) {
            throw new ScenarioException(runDir + ": no " + SCENARIO + " in it; give a directory that 'chaos run' wrote"
                    + " (every run writes " + SCENARIO + " before its cluster starts)");
        }
        RecordedScenario recorded = readScenario(runDir, null);
        Path file = recorded.file();
        JsonNode root = recorded.root();
        if (!root.isObject()) {
            throw new ScenarioException(file + ": expected a JSON object, as 'chaos run' writes");
        }
        if (recorded.scenario() == null) {
            throw new ScenarioException(file + ": field 'scenario' is not an object: written by a chaos from before scenarios"
                    + " were recorded whole, so the run cannot be repeated exactly; run its scenario by name with --seed "
                    + root.path("seed").asText("<its seed>"));
        }
        String target = text(file, root, "target", "the target's name, e.g. zookeeper");
        String backend = text(file, root, "backend", "the backend's name, local or docker");
        JsonNode seedNode = root.get("seed");
        long seed;
        if (seedNode != null && seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
            seed = seedNode.asLong();
        } else if (seedNode == null && recorded.scenario().seed() != null) {
            seed = recorded.scenario().seed();
        } else {
            throw new ScenarioException(file + ": field 'seed' must be an integer (the run's seed)");
        }
        JsonNode nodesNode = root.get("nodes");
        List<String> nodes = new ArrayList<>();
        if (nodesNode == null || !nodesNode.isArray()) {
            throw new ScenarioException(file + ": field 'nodes' must be the list of node names, [\"n1\", \"n2\", ...]");
        }
        for (JsonNode n : nodesNode) {
            if (!n.isTextual()) {
                throw new ScenarioException(file + ": field 'nodes' must be the list of node names, [\"n1\", \"n2\", ...]");
            }
            nodes.add(n.asText());
        }
        Integer count = recorded.scenario().nodes();
        if (count != null && count != nodes.size()) {
            throw new ScenarioException(file + ": field 'nodes' lists " + nodes.size() + " nodes but the scenario's 'nodes' is "
                    + count + "; the file was edited by hand: make them agree");
        }
        return new RecordedRun(file, recorded.scenario(), target, backend, seed, nodes, plan(file, root.get("plan")),
                root.hasNonNull(REPLAY_OF) ? root.get(REPLAY_OF).asText() : null,
                optionalText(file, root, TARGET_FILE, "the target file's path"),
                optionalText(file, root, TARGET_FILE_SHA256, "the target file's SHA-256, hex"));
    }

    private static String optionalText(Path file, JsonNode root, String field, String what) {
        return root.has(field) ? text(file, root, field, what) : null;
    }

    private static String text(Path file, JsonNode root, String field, String what) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new ScenarioException(file + ": field '" + field + "' must be a string: " + what);
        }
        return n.asText();
    }

    private static List<RecordedRun.Planned> plan(Path file, JsonNode plan) {
        if (plan == null) {
            return null;
        }
        String shape = file + ": field 'plan' must be a list of {\"step\", \"fault\", \"start-ms\", \"stop-ms\"}";
        if (!plan.isArray()) {
            throw new ScenarioException(shape);
        }
        List<RecordedRun.Planned> out = new ArrayList<>();
        for (JsonNode p : plan) {
            if (!p.path("step").isInt() || !p.path("fault").isTextual() || !p.path("start-ms").isIntegralNumber()
                    || !p.path("stop-ms").isIntegralNumber()) {
                throw new ScenarioException(shape + "; entry " + out.size() + " is " + p);
            }
            out.add(new RecordedRun.Planned(p.get("step").asInt(), p.get("fault").asText(), p.get("start-ms").asLong(),
                    p.get("stop-ms").asLong()));
        }
        return out;
    }

    /** The wall time an earlier results.json of the run recorded, or null when there is none or it cannot be read. */
    public static Long readWallMillis(Path dir) {
        try {
            JsonNode old = JSON.readTree(dir.resolve(RESULTS).toFile());
            return old != null && old.path("wall-ms").isIntegralNumber() ? old.get("wall-ms").asLong() : null;
        } catch (IOException | RuntimeException e) {
            return null; // no earlier results, or unreadable: the wall time is simply not known
        }
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
