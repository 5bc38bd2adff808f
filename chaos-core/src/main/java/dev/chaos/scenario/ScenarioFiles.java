package dev.chaos.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.chaos.checker.slo.Slo;
import dev.chaos.workload.Isolation;
import dev.chaos.workload.Workloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Scenario files: YAML bound strictly onto {@link Scenario} (unknown keys, duplicate keys, wrong
 * types and bad values are errors naming the file, line, field and reason), the built-in catalog,
 * and the YAML form {@code chaos scenarios show} prints. No polymorphic typing; files are bounded
 * ({@link #MAX_BYTES}, few aliases), since scenario files travel with bug reports too.
 */
public final class ScenarioFiles {

    /** Largest scenario file read. */
    public static final int MAX_BYTES = 64 * 1024;

    /** The built-in scenarios, in the order {@code chaos scenarios} lists them. */
    public static final List<String> BUILTIN = List.of("clean-split", "asymmetric", "cascading", "split-under-load",
            "conflicting-writes", "isolate", "isolate-leader", "flapping", "kill-restart", "pause", "slow-network", "bridge",
            "majorities-ring", "partition-and-kill", "none", "rolling-restart", "replace-node",
            "member-churn", "ramp", "clock-skew", "txn-serializable", "txn-repeatable-read", "txn-read-committed");

    private static final String RESOURCE_DIR = "/dev/chaos/scenarios/";
    private static final List<String> WORKLOADS = List.of("bank", "cas-register", "kv", "list-append", "rw-register", "set");
    private static final Set<String> READS = Set.of("linearizable", "serializable");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Set<String> knownCheckers;
    private final ObjectMapper yaml;

    /** @param knownCheckers checker names a scenario may list (the checker catalog's) */
    public ScenarioFiles(Collection<String> knownCheckers) {
        this.knownCheckers = Set.copyOf(knownCheckers);
        LoaderOptions lo = new LoaderOptions();
        lo.setCodePointLimit(MAX_BYTES);
        lo.setMaxAliasesForCollections(10);
        lo.setAllowDuplicateKeys(false);
        YAMLFactory f = YAMLFactory.builder().loaderOptions(lo)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        SimpleModule durations = new SimpleModule("chaos-durations");
        durations.addDeserializer(Duration.class, new DurationReader());
        durations.addSerializer(Duration.class, new DurationWriter());
        durations.setMixInAnnotation(Slo.class, SloFields.class);
        this.yaml = JsonMapper.builder(f)
                .propertyNamingStrategy(new FileNames())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(durations)
                .build();
    }

    // ---- reading

    /** Reads a scenario file as written (absent fields null), validated. */
    public Scenario load(Path file) {
        String source = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new ScenarioException(source + ": no such scenario file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ScenarioException(source + ": " + Files.size(file) + " bytes; a scenario file is at most " + MAX_BYTES);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), source, defaultName(file));
        } catch (IOException e) {
            throw new ScenarioException(source + ": cannot read: " + e.getMessage());
        }
    }

    /** A built-in scenario as its file defines it. */
    public Scenario builtin(String name) {
        if (!BUILTIN.contains(name)) {
            throw new ScenarioException("unknown scenario '" + name + "'; known: " + String.join(", ", BUILTIN)
                    + " (or a path to a .yaml file)");
        }
        try (InputStream in = ScenarioFiles.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the jar");
            }
            return parse(new String(in.readNBytes(MAX_BYTES + 1), StandardCharsets.UTF_8), name + ".yaml", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates scenario text. {@code source} names it in errors; {@code defaultName} is
     * its name when the text gives none.
     */
    public Scenario parse(String text, String source, String defaultName) {
        if (text.length() > MAX_BYTES) {
            throw new ScenarioException(source + ": longer than " + MAX_BYTES + " characters");
        }
        Scenario s;
        try {
            s = yaml.readValue(text, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(describe(source, e, text));
        }
        if (s == null) {
            throw new ScenarioException(source + ": empty scenario file");
        }
        if (s.name() == null) {
            s = s.withName(defaultName);
        }
        List<Problem> problems = problems(s);
        if (!problems.isEmpty()) {
            Problem p = problems.get(0);
            Map<String, Integer> lines = lines(text);
            throw new ScenarioException(source + ":" + lineOf(lines, p.pointer) + ": " + field(p.pointer) + ": " + p.reason);
        }
        return s;
    }

    /**
     * The scenario with every default filled in, the checkers included (the workload's, plus
     * {@code slo} when thresholds are set), validated: what runs and what {@code show} prints.
     *
     * @param checkersOf the default checkers of a workload
     */
    public Scenario resolve(Scenario s, java.util.function.Function<String, List<String>> checkersOf) {
        Scenario d = s.withDefaults();
        if (d.checkers() == null) {
            List<String> c = new ArrayList<>(checkersOf.apply(d.workload()));
            if (d.slo() != null && !d.slo().judgesNothing() && !c.contains("slo")) {
                c.add("slo");
            }
            if (!d.procedures().isEmpty() && !c.contains("procedure")) {
                c.add("procedure");
            }
            if (d.ramp() != null && !c.contains("ramp")) {
                c.add("ramp"); // the breaking point: each step of the ramp judged by its thresholds
            }
            if (d.alerts() != null && !c.contains("alerts")) {
                c.add("alerts"); // each expected alert fired within its deadline of each occurrence of its fault
            }
            if (!d.schedule().isEmpty() && !c.contains("fault-effect")) {
                c.add("fault-effect"); // the proof, from the proxy's counters, that the faults held and the heal healed
            }
            d = d.withCheckers(c);
        }
        List<Problem> problems = problems(d);
        if (!problems.isEmpty()) {
            throw new ScenarioException("scenario " + d.name() + ": " + field(problems.get(0).pointer) + ": " + problems.get(0).reason);
        }
        return d;
    }

    // ---- writing

    /** The scenario in the file format: loading the text gives an equal scenario. */
    public String toYaml(Scenario s) {
        try {
            return yaml.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scenario " + s.name(), e);
        }
    }

    /** The scenario as a JSON-ready map in the file format (for scenario.json). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap(Scenario s) {
        return yaml.convertValue(s, Map.class);
    }

    /** As a file writes it (see {@link Durations#format}). */
    public static String format(Duration d) {
        return Durations.format(d);
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}; null when the text is not one ({@link Durations#parse}). */
    public static Duration parseDuration(String text) {
        return Durations.parse(text);
    }

    // ---- validation

    /** One thing wrong: where (a JSON pointer into the file) and why. */
    record Problem(String pointer, String reason) {
    }

    /** Every field's rules; absent fields pass (defaults fill them). */
    List<Problem> problems(Scenario s) {
        List<Problem> out = new ArrayList<>();
        if (s.name() == null || !NAME.matcher(s.name()).matches()) {
            out.add(new Problem("/name", "'" + s.name() + "' is not a name: lower-case letters, digits and '-'"));
        }
        if (s.workload() != null && !WORKLOADS.contains(s.workload())) {
            out.add(new Problem("/workload", "'" + s.workload() + "' is not one of " + String.join(", ", WORKLOADS)));
        }
        if (s.isolation() != null && Isolation.of(s.isolation()) == null) {
            out.add(new Problem("/isolation", "'" + s.isolation() + "' is not one of " + String.join(", ", Isolation.ids())));
        } else if (s.isolation() != null && s.workload() != null && !Workloads.TRANSACTIONAL.contains(s.workload())) {
            out.add(new Problem("/isolation", "workload " + s.workload() + " has no transactions; isolation applies to "
                    + String.join(", ", Workloads.TRANSACTIONAL)));
        }
        kv(out, s);
        if (s.nodes() != null && (s.nodes() < 3 || s.nodes() > 9)) {
            out.add(new Problem("/nodes", s.nodes() + " is outside 3..9"));
        }
        if (s.rate() != null && (!(s.rate() > 0) || s.rate() > 100_000)) {
            out.add(new Problem("/rate", s.rate() + " must be > 0 and <= 100000 ops/s"));
        }
        if (s.concurrency() != null && (s.concurrency() < 1 || s.concurrency() > 1000)) {
            out.add(new Problem("/concurrency", s.concurrency() + " is outside 1..1000"));
        }
        if (s.duration() != null && s.duration().toSeconds() < 10) {
            out.add(new Problem("/duration", "at least 10s (warm-up, faults and recovery need time)"));
        }
        if (s.opTimeout() != null && s.opTimeout().toMillis() < 100) {
            out.add(new Problem("/op-timeout", "at least 100ms"));
        }
        if (s.convergeWithin() != null && s.convergeWithin().toMillis() < 1000) {
            out.add(new Problem("/converge-within", "at least 1s"));
        }
        if (s.reads() != null && !READS.contains(s.reads())) {
            out.add(new Problem("/reads", "'" + s.reads() + "' is not one of linearizable, serializable"));
        }
        if (s.checkers() != null) {
            for (int i = 0; i < s.checkers().size(); i++) {
                if (!knownCheckers.contains(s.checkers().get(i))) {
                    out.add(new Problem("/checkers/" + i, "unknown checker '" + s.checkers().get(i) + "'; known: "
                            + String.join(", ", new java.util.TreeSet<>(knownCheckers))));
                }
            }
        }
        if (s.slo() != null) {
            Slo o = s.slo();
            fraction(out, "/slo/majority-availability-min", o.majorityAvailabilityMin());
            fraction(out, "/slo/error-rate-max", o.errorRateMax());
            positive(out, "/slo/failover-max", o.failoverMax());
            positive(out, "/slo/p99-latency-max", o.p99LatencyMax());
            positive(out, "/slo/convergence-max", o.convergenceMax());
            positive(out, "/slo/fault-p99-latency-max", o.faultP99LatencyMax());
        }
        if (s.ramp() != null) {
            Ramp r = s.ramp();
            if (r.from() == null || !(r.from() > 0) || r.from() > 100_000) {
                out.add(new Problem("/ramp/from", "the first step's ops/s: a number > 0 and <= 100000, e.g. from: 200"));
            }
            if (r.step() == null || !(r.step() > 0) || r.step() > 100_000) {
                out.add(new Problem("/ramp/step", "the ops/s each step adds: a number > 0 and <= 100000, e.g. step: 200"));
            }
            if (r.every() == null || r.every().toSeconds() < 2) {
                out.add(new Problem("/ramp/every", "how long each step lasts: at least 2s, e.g. every: 10s"));
            }
            positive(out, "/ramp/p99-latency-max", r.p99LatencyMax());
            fraction(out, "/ramp/error-rate-max", r.errorRateMax());
            if (r.p99LatencyMax() == null && r.errorRateMax() == null) {
                out.add(new Problem("/ramp", "give what a step must hold: p99-latency-max, error-rate-max or both"));
            }
            if (s.rate() != null) {
                out.add(new Problem("/rate", "give rate or ramp, not both: the ramp sets the rate of each step"));
            }
        }
        if (s.alerts() != null) {
            alerts(out, s);
        }
        if (s.procedure() != null) {
            Scenario d = s.withDefaults();
            for (int i = 0; i < s.procedure().size(); i++) {
                procedure(out, "/procedure/" + i, s.procedure().get(i), d.nodes(), d.faultWindowEnd());
            }
        }
        if (s.schedule() != null) {
            for (int i = 0; i < s.schedule().size(); i++) {
                step(out, "/schedule/" + i, s.schedule().get(i));
            }
            if (out.isEmpty()) {
                Scenario d = s.withDefaults();
                List<Schedule.Occurrence> plan = Schedule.expand(d.schedule(), d.faultWindowEnd(), 0);
                for (int i = 0; i < d.schedule().size(); i++) {
                    int index = i;
                    if (plan.stream().noneMatch(o -> o.step() == index)) {
                        out.add(new Problem("/schedule/" + i + "/at", "starts at " + format(d.schedule().get(i).at())
                                + ", after the fault window ends at " + format(d.faultWindowEnd())
                                + " (duration minus the recovery time)"));
                    }
                }
                Schedule.Conflict c = Schedule.firstConflict(d.schedule(), plan, k -> FaultKind.of(k).family().id());
                if (c != null) {
                    out.add(new Problem("/schedule/" + c.later().step(), "its occurrence at " + format(c.later().start())
                            + " overlaps step " + c.earlier().step() + "'s (" + format(c.earlier().start()) + " to "
                            + format(c.earlier().stop()) + "); " + whyNotTogether(d.schedule(), c)));
                }
            }
        }
        return out;
    }

    /** The kv block: only with workload kv, and its own rules ({@link dev.chaos.workload.KvOptions#problems}). */
    private static void kv(List<Problem> out, Scenario s) {
        if (s.kv() == null) {
            return;
        }
        String w = s.workload() == null ? Scenario.DEFAULT_WORKLOAD : s.workload();
        if (!w.equals("kv")) {
            out.add(new Problem("/kv", "only the kv workload takes kv options (workload is " + w + "); remove kv or set workload: kv"));
            return;
        }
        s.kv().problems().forEach((at, reason) -> out.add(new Problem("/kv" + at, reason)));
    }

    /** Why a conflict's two faults cannot run together: they are (or, picked at random, may be) of one family. */
    private static String whyNotTogether(List<Step> steps, Schedule.Conflict c) {
        String family = c.families().iterator().next();
        List<String> random = new ArrayList<>();
        for (int step : new java.util.TreeSet<>(List.of(c.earlier().step(), c.later().step()))) {
            if (steps.get(step).random() != null) {
                random.add("step " + step + " may be any of " + String.join(", ", steps.get(step).random()));
            }
        }
        String what = random.isEmpty() ? "both are " + family + " faults" : "both may be " + family + " faults ("
                + String.join("; ", random) + ")";
        String heal = family.equals(FaultKind.Family.PARTITION.id()) ? ", and each partition's stop removes every black hole"
                : family.equals(FaultKind.Family.SLOW.id()) ? ", and each slowdown's stop removes every latency and bandwidth toxic"
                : family.equals(FaultKind.Family.CLOCK.id()) ? ", and each clock fault's stop sets the clocks it moved back" : "";
        return what + heal + "; only faults of different families (" + FaultKind.Family.ids() + ") may overlap";
    }

    private static void step(List<Problem> out, String at, Step s) {
        List<String> kinds;
        if ((s.fault() == null) == (s.random() == null)) {
            out.add(new Problem(at, "give either fault or random (a list of faults to choose from)"));
            return;
        }
        if (s.fault() != null) {
            kinds = List.of(s.fault());
        } else if (s.random().isEmpty()) {
            out.add(new Problem(at + "/random", "an empty list; name the faults to choose from"));
            return;
        } else {
            kinds = s.random();
        }
        Set<String> params = new java.util.HashSet<>();
        for (int k = 0; k < kinds.size(); k++) {
            FaultKind kind = FaultKind.of(kinds.get(k));
            if (kind == null) {
                out.add(new Problem(s.fault() != null ? at + "/fault" : at + "/random/" + k, "unknown fault '" + kinds.get(k)
                        + "'; known: " + String.join(", ", FaultKind.ids())));
                return;
            }
            params.addAll(kind.params());
        }
        if (s.at() == null) {
            out.add(new Problem(at, "missing 'at' (when the fault starts, from the run start)"));
        }
        if (s.hold() == null) {
            out.add(new Problem(at, "missing 'hold' (how long the fault lasts)"));
        } else {
            positive(out, at + "/hold", s.hold());
        }
        if (s.every() != null && s.hold() != null && s.every().compareTo(s.hold()) <= 0) {
            out.add(new Problem(at + "/every", format(s.every()) + " must be longer than hold (" + format(s.hold()) + ")"));
        }
        if (s.repeat() != null && (s.every() == null || s.repeat() < 1)) {
            out.add(new Problem(at + "/repeat", s.every() == null ? "needs 'every'" : "at least 1"));
        }
        String names = String.join("/", kinds);
        param(out, at, "latency", s.latency(), params, names);
        param(out, at, "jitter", s.jitter(), params, names);
        param(out, at, "bandwidth", s.bandwidth(), params, names);
        param(out, at, "interval", s.interval(), params, names);
        param(out, at, "mode", s.mode(), params, names);
        param(out, at, "offset", s.offset(), params, names);
        param(out, at, "max-offset", s.maxOffset(), params, names);
        clock(out, at, s, kinds);
        if (s.mode() != null && !Step.MODES.contains(s.mode())) {
            out.add(new Problem(at + "/mode", "'" + s.mode() + "' is not a mode; use drop (a black hole: bytes vanish, connections hang)"
                    + " or reject (connections reset, new ones too: a firewall REJECT or a dead host)"));
        } else if ("reject".equals(s.mode()) && kinds.contains("asymmetric")) {
            out.add(new Problem(at + "/mode", "asymmetric cannot reject: TCP needs both directions, so rejecting one direction"
                    + " cuts both; use mode drop for a one-way fault, or clean-split with mode reject"));
        }
        if (s.bandwidth() != null && s.bandwidth() <= 0) {
            out.add(new Problem(at + "/bandwidth", "must be > 0 (KB/s)"));
        }
        if (kinds.contains("cascading") && s.interval() == null) {
            out.add(new Problem(at, "cascading needs 'interval' (time between one lost node and the next)"));
        } else if (kinds.contains("clock-strobe") && s.interval() == null) {
            out.add(new Problem(at, "clock-strobe needs 'interval' (time between one flip of the clock and the next)"));
        } else if (s.interval() != null) {
            positive(out, at + "/interval", s.interval());
        }
        if (kinds.contains("slow") && s.latency() == null && s.jitter() == null && s.bandwidth() == null) {
            out.add(new Problem(at, "slow needs latency, jitter or bandwidth"));
        }
    }

    /** The largest clock offset a step may set. */
    static final Duration MAX_CLOCK_OFFSET = Duration.ofDays(1);

    /** Clock faults: offsets whole seconds, not zero, at most a day; a strobe no faster than libfaketime re-reads its file. */
    private static void clock(List<Problem> out, String at, Step s, List<String> kinds) {
        if (kinds.contains("clock-skew") && s.maxOffset() == null) {
            out.add(new Problem(at, "clock-skew needs 'max-offset' (each node's clock is set off by up to this, either way)"));
        }
        if ((kinds.contains("clock-bump") || kinds.contains("clock-strobe")) && s.offset() == null) {
            out.add(new Problem(at, (kinds.contains("clock-bump") ? "clock-bump" : "clock-strobe")
                    + " needs 'offset' (how far the clock is set off; -30s is behind)"));
        }
        offset(out, at + "/offset", s.offset());
        if (s.maxOffset() != null && s.maxOffset().isNegative()) {
            out.add(new Problem(at + "/max-offset", "must be positive: a node's offset is within ± this"));
        } else {
            offset(out, at + "/max-offset", s.maxOffset());
        }
        if (kinds.contains("clock-strobe") && s.interval() != null && s.interval().compareTo(dev.chaos.cluster.FakeClock.TAKES_EFFECT_WITHIN) < 0) {
            out.add(new Problem(at + "/interval", format(s.interval()) + " is shorter than " + format(dev.chaos.cluster.FakeClock.TAKES_EFFECT_WITHIN)
                    + ", how long libfaketime keeps an offset before it reads the next"));
        }
    }

    private static void offset(List<Problem> out, String at, Duration d) {
        if (d == null) {
            return;
        }
        if (d.isZero()) {
            out.add(new Problem(at, "0 sets no clock off; give e.g. 30s or -30s"));
        } else if (d.toMillis() % 1000 != 0) {
            out.add(new Problem(at, format(d) + " is not whole seconds (libfaketime reads fractions by the node's locale)"));
        } else if (d.abs().compareTo(MAX_CLOCK_OFFSET) > 0) {
            out.add(new Problem(at, format(d) + " is more than a day off"));
        }
    }

    private static final Pattern NODE = Pattern.compile("n([1-9])");

    /** A Prometheus alerting rule's name (a metric name, which alert names follow). */
    private static final Pattern ALERT_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]{0,63}");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");

    private static void alerts(List<Problem> out, Scenario s) {
        Alerts a = s.alerts();
        if (a.prometheus() == null || a.prometheus().rules() == null || a.prometheus().rules().isBlank()) {
            out.add(new Problem("/alerts" + (a.prometheus() == null ? "" : "/prometheus"),
                    "give the rules Prometheus evaluates: prometheus: {rules: path/to/rules.yml}"));
        } else if (a.prometheus().interval() != null && (a.prometheus().interval().toMillis() < 1000
                || a.prometheus().interval().toMillis() > 60_000 || a.prometheus().interval().toMillis() % 1000 != 0)) {
            out.add(new Problem("/alerts/prometheus/interval", format(a.prometheus().interval())
                    + " is not whole seconds from 1s to 1m (the scrape and evaluation interval)"));
        }
        if (a.prometheus() != null && a.prometheus().scrape() != null) {
            List<ScrapeJob> jobs = a.prometheus().scrape();
            for (int i = 0; i < jobs.size(); i++) {
                String at = "/alerts/prometheus/scrape/" + i;
                ScrapeJob j = jobs.get(i);
                if (j == null || j.job() == null || !JOB_NAME.matcher(j.job()).matches()) {
                    out.add(new Problem(at + (j == null || j.job() == null ? "" : "/job"), j == null || j.job() == null
                            ? "missing 'job' (the scrape job's name, e.g. chaos)" : "'" + j.job() + "' is not a job name: letters, digits, '_', '-'"));
                } else if (jobs.subList(0, i).stream().anyMatch(o -> o != null && j.job().equals(o.job()))) {
                    out.add(new Problem(at + "/job", "job '" + j.job() + "' is listed twice"));
                }
                if (j != null && (j.targets() == null || j.targets().isEmpty())) {
                    out.add(new Problem(at, "missing 'targets' (host:port of each endpoint, e.g. [127.0.0.1:9400])"));
                } else if (j != null) {
                    for (int k = 0; k < j.targets().size(); k++) {
                        if (j.targets().get(k) == null || !HOST_PORT.matcher(j.targets().get(k)).matches()) {
                            out.add(new Problem(at + "/targets/" + k, "'" + j.targets().get(k) + "' is not host:port"));
                        }
                    }
                }
                if (j != null && j.path() != null && !j.path().startsWith("/")) {
                    out.add(new Problem(at + "/path", "'" + j.path() + "' is not a path: it starts with /"));
                }
            }
        }
        if (a.expect() == null || a.expect().isEmpty()) {
            out.add(new Problem("/alerts", "list the alerts that must fire: expect: [{alert: NAME, during: FAULT, within: 60s}]"));
            return;
        }
        java.util.Set<String> scheduled = new java.util.TreeSet<>();
        for (Step st : s.schedule() == null ? List.<Step>of() : s.schedule()) {
            for (String k : st.fault() != null ? List.of(st.fault()) : st.random() == null ? List.<String>of() : st.random()) {
                scheduled.add(AlertExpectation.recordedKind(k));
            }
        }
        if (s.procedure() != null && !s.procedure().isEmpty()) {
            scheduled.add("procedure");
        }
        List<String> kinds = new ArrayList<>(FaultKind.ids());
        kinds.addAll(AlertExpectation.RECORDED_ONLY);
        for (int i = 0; i < a.expect().size(); i++) {
            String at = "/alerts/expect/" + i;
            AlertExpectation e = a.expect().get(i);
            if (e == null) {
                out.add(new Problem(at, "give alert, during and within"));
                continue;
            }
            if (e.alert() == null || !ALERT_NAME.matcher(e.alert()).matches()) {
                out.add(new Problem(at + (e.alert() == null ? "" : "/alert"), e.alert() == null ? "missing 'alert' (the rule's name)"
                        : "'" + e.alert() + "' is not an alert name: letters, digits, '_' and ':'"));
            }
            if (e.during() == null) {
                out.add(new Problem(at, "missing 'during' (the fault it must fire in: " + String.join(", ", kinds) + ")"));
            } else if (!kinds.contains(e.during())) {
                out.add(new Problem(at + "/during", "unknown fault '" + e.during() + "'; known: " + String.join(", ", kinds)));
            } else if (!scheduled.contains(e.recordedKind())) {
                out.add(new Problem(at + "/during", "no step of the schedule starts a " + e.recordedKind()
                        + (scheduled.isEmpty() ? " (the scenario has no schedule)" : "; it starts " + String.join(", ", scheduled))));
            }
            if (e.within() == null) {
                out.add(new Problem(at, "missing 'within' (how soon after the fault's start it must fire, e.g. 60s)"));
            } else {
                positive(out, at + "/within", e.within());
            }
        }
    }

    private static void procedure(List<Problem> out, String at, Procedure p, int nodes, Duration windowEnd) {
        if (p.name() != null && !NAME.matcher(p.name()).matches()) {
            out.add(new Problem(at + "/name", "'" + p.name() + "' is not a name: lower-case letters, digits and '-'"));
        }
        if (p.at() == null) {
            out.add(new Problem(at, "missing 'at' (when the procedure starts, from the run start)"));
        } else if (p.at().compareTo(windowEnd) >= 0) {
            out.add(new Problem(at + "/at", "starts at " + format(p.at()) + ", after the fault window ends at " + format(windowEnd)
                    + " (duration minus the recovery time)"));
        }
        boolean each = Boolean.TRUE.equals(p.forEachNode());
        if (each && p.nodes() != null) {
            out.add(new Problem(at + "/nodes", "give either for-each-node: true or nodes, not both"));
        }
        if (p.nodes() != null) {
            if (p.nodes().isEmpty()) {
                out.add(new Problem(at + "/nodes", "an empty list; name nodes (n1..n" + nodes + ") or leave it out"));
            }
            for (int k = 0; k < p.nodes().size(); k++) {
                String named = String.valueOf(p.nodes().get(k));
                Matcher m = NODE.matcher(named);
                if (!ProcedureNodes.ROLES.contains(named) && (!m.matches() || Integer.parseInt(m.group(1)) > nodes)) {
                    out.add(new Problem(at + "/nodes/" + k, "'" + named + "' is not a node of this cluster (n1..n" + nodes
                            + ", " + String.join(", ", ProcedureNodes.ROLES) + ")"));
                } else if (named.equals(ProcedureNodes.FOLLOWERS) && p.nodes().subList(0, k).contains(named)) {
                    out.add(new Problem(at + "/nodes/" + k, "'followers' is listed twice; once names every node"
                            + " neither the leader nor otherwise listed"));
                } else if (p.nodes().subList(0, k).contains(named) && !named.equals(ProcedureNodes.FOLLOWER)) {
                    out.add(new Problem(at + "/nodes/" + k, "'" + named + "' is listed twice"));
                }
            }
        }
        boolean hasNodes = each || p.nodes() != null && !p.nodes().isEmpty();
        if (p.steps() == null || p.steps().isEmpty()) {
            out.add(new Problem(at, "missing 'steps' (what to do, in order)"));
            return;
        }
        for (int k = 0; k < p.steps().size(); k++) {
            String sa = at + "/steps/" + k;
            ProcedureStep st = p.steps().get(k);
            if (st == null || (st.action() == null) == (st.run() == null)) {
                out.add(new Problem(sa, "give either action (" + String.join(", ", ProcedureStep.ACTIONS) + ") or run (a shell command)"));
                continue;
            }
            if (st.action() != null && !ProcedureStep.ACTIONS.contains(st.action())) {
                out.add(new Problem(sa + "/action", "unknown action '" + st.action() + "'; known: " + String.join(", ", ProcedureStep.ACTIONS)));
                continue;
            }
            if (st.run() != null && st.run().isBlank()) {
                out.add(new Problem(sa + "/run", "an empty command"));
            }
            if (st.action() != null && ProcedureStep.NODE_ACTIONS.contains(st.action()) && !hasNodes) {
                out.add(new Problem(sa + "/action", st.action() + " acts on a node: give the procedure for-each-node: true or nodes"));
            }
            if ("sleep".equals(st.action()) && st.forTime() == null) {
                out.add(new Problem(sa, "sleep needs 'for' (how long)"));
            } else if (st.forTime() != null && !"sleep".equals(st.action())) {
                out.add(new Problem(sa + "/for", "only sleep takes 'for'"));
            } else {
                positive(out, sa + "/for", st.forTime());
            }
            if ("sleep".equals(st.action()) && st.timeout() != null) {
                out.add(new Problem(sa + "/timeout", "sleep takes no 'timeout'"));
            }
            positive(out, sa + "/timeout", st.timeout());
        }
    }

    private static void param(List<Problem> out, String at, String name, Object value, Set<String> allowed, String kinds) {
        if (value != null && !allowed.contains(name)) {
            out.add(new Problem(at + "/" + name, "fault " + kinds + " takes no '" + name + "'"));
        }
    }

    private static void fraction(List<Problem> out, String at, Double v) {
        if (v != null && !(v >= 0 && v <= 1)) {
            out.add(new Problem(at, v + " is not a fraction between 0 and 1"));
        }
    }

    private static void positive(List<Problem> out, String at, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            out.add(new Problem(at, "must be longer than 0"));
        }
    }

    // ---- errors with lines

    private String describe(String source, JsonProcessingException e, String text) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            // the parser has moved past the field by now; the field's own line is where its key is
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                pointer.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
            }
            Integer at = lines(text).get(pointer.toString());
            line = at != null ? at : line;
        }
        String where = source + (line > 0 ? ":" + line : "");
        if (!(e instanceof JsonMappingException m)) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            return where + ": not valid YAML: " + msg;
        }
        String field = path(m.getPath());
        if (m instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            String guess = closest(u.getPropertyName(), known);
            return where + ": " + field + ": unknown field" + (guess == null ? "" : " (did you mean '" + guess + "'?)")
                    + "; known: " + String.join(", ", known);
        }
        if (m instanceof InvalidFormatException f) {
            // the readers of durations and objectives write the whole reason themselves
            String reason = f.getTargetType() == Duration.class || f.getTargetType() == Slo.class ? f.getOriginalMessage() : "'" + f.getValue() + "' is not " + expected(f.getTargetType());
            return where + ": " + field + ": " + reason;
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return where + ": " + field + ": expected " + expected(mi.getTargetType());
        }
        String msg = m.getOriginalMessage() == null ? "" : m.getOriginalMessage().lines().findFirst().orElse("");
        return where + ": " + field + ": " + msg;
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Duration.class) {
            return "a duration (e.g. 500ms, 30s, 5m)";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (" + type.getSimpleName().toLowerCase(Locale.ROOT) + ")";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(top level)" : sb.toString();
    }

    /** {@code /schedule/0/hold} as a reader writes it: {@code schedule[0].hold}. */
    static String field(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
                sb.append('[').append(part).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(part);
            }
        }
        return sb.toString();
    }

    /** The line of each value's key (or list item) by JSON pointer, from one pass over the tokens. */
    private Map<String, Integer> lines(String text) {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    ctx = ctx.getParent();
                }
                if (ctx != null) {
                    out.putIfAbsent(ctx.pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // already parsed once; lines are a courtesy
        }
        return out;
    }

    private static String lineOf(Map<String, Integer> lines, String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return Integer.toString(line);
            }
            if (p.isEmpty()) {
                return "1";
            }
        }
    }

    private static String closest(String name, List<String> known) {
        for (String k : known) {
            if (k.startsWith(name + "-")) {
                return k; // failover for failover-max
            }
        }
        return DidYouMean.closest(name, known);
    }

    private static String defaultName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).toLowerCase(Locale.ROOT);
    }

    /**
     * Keys are kebab-case; a step's sleep time is {@code for} in files ({@code forTime} in Java, where
     * {@code for} is a keyword).
     */
    static final class FileNames extends PropertyNamingStrategies.KebabCaseStrategy {
        @Override
        public String translate(String input) {
            return "forTime".equals(input) ? "for" : super.translate(input);
        }
    }

    /** Durations are written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    static final class DurationReader extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            Duration d = p.currentToken() == JsonToken.VALUE_STRING && text != null ? parseDuration(text) : null;
            if (d == null) {
                throw InvalidFormatException.from(p, "'" + p.getText() + "' is not a duration; write e.g. 500ms, 30s, 5m",
                        p.getText(), Duration.class);
            }
            return d;
        }
    }

    /** A clock offset: a duration with an optional sign, {@code -30s} (behind) or {@code +30s}. */
    static final class SignedDurationReader extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            Duration d = p.currentToken() == JsonToken.VALUE_STRING && text != null ? Durations.parseSigned(text) : null;
            if (d == null) {
                throw InvalidFormatException.from(p, "'" + p.getText() + "' is not an offset; write e.g. 30s, -30s, +2m",
                        p.getText(), Duration.class);
            }
            return d;
        }
    }

    /** How a file writes the SLO fields Jackson cannot read on its own. */
    abstract static class SloFields {
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ObjectiveReader.class)
        Double availabilityObjective; // a record's field: Jackson binds the component through it
    }

    /** An availability objective: {@code 99.9%} or {@code 0.999}. */
    static final class ObjectiveReader extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double v = p.currentToken().isScalarValue() ? Slo.parseObjective(p.getText()) : null;
            if (v == null) {
                throw InvalidFormatException.from(p, "'" + p.getText() + "' is not an availability objective; write a percentage"
                        + " below 100, e.g. 99.9%, or a fraction below 1, e.g. 0.999", p.getText(), Slo.class);
            }
            return v;
        }
    }

    static final class DurationWriter extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration d, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(format(d));
        }
    }
}
