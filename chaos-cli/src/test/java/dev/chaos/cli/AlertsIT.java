package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.monitor.PrometheusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert validation end to end: the shipped example scenarios on 3 real etcd containers, a real
 * Prometheus (Debian's) scraping each member's /metrics with the shipped rules. The right rule
 * fires within its deadline of the leader's isolation (valid); the misspelt one never fires
 * (invalid): the checker can fail. Needs Docker and prometheus; skipped without them unless
 * {@code CHAOS_REQUIRE_DOCKER=1} (CI, where .ci/install-prometheus.sh installed it).
 */
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @BeforeAll
    static void dockerAndPrometheus() {
        DockerAssumptions.requireDocker();
        if (PrometheusServer.binary() == null) {
            if ("1".equals(System.getenv("CHAOS_REQUIRE_DOCKER"))) {
                fail("no prometheus binary, and CHAOS_REQUIRE_DOCKER=1: run .ci/install-prometheus.sh first");
            }
            Assumptions.abort("no prometheus; .ci/install-prometheus.sh installs Debian's");
        }
    }


    /** The shipped example, its rules path made absolute (the test runs in chaos-cli/, the example from the repository's root). */
    private static Path example(Path tmp, String name) throws Exception {
        String yaml = Files.readString(REPO.resolve("docs/ops/examples/" + name + ".yaml"), StandardCharsets.UTF_8);
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, yaml.replace("{rules: docs/", "{rules: " + REPO + "/docs/"), StandardCharsets.UTF_8);
        return file;
    }

    private static JsonNode alerts(Path dir) throws Exception {
        return JSON.readTree(dir.resolve("results.json").toFile()).at("/checkers/alerts");
    }

    @Test
    void theRightRuleFiresWithinItsDeadlineAndTheWrongOneNeverFires(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path good = tmp.resolve(CliRun.unique("alert-good"));
        CliRun.Ran r = CliRun.chaos("run", example(tmp, "alert-etcd-no-leader").toString(), "--target", "etcd", "--backend", "docker",
                "--seed", "42", "--out", good.toString());
        assertEquals(0, r.exit(), r.out());
        JsonNode a = alerts(good);
        assertEquals(true, a.get("valid").asBoolean(), a.toString());
        JsonNode row = a.at("/expected/0");
        assertEquals("in-time", row.get("outcome").asText(), row.toString());
        long detection = row.get("detection-ms").asLong();
        assertTrue(detection > 0 && detection <= 15_000, "detected in " + detection + " ms");
        History h = HistoryFiles.read(good.resolve("history.jsonl")).history();
        Op firing = h.nemesisOps().stream().filter(o -> o.f().equals("alert-firing")).findFirst().orElseThrow();
        assertEquals("monitor", firing.process().toString());
        assertTrue(Files.isRegularFile(good.resolve("prometheus/prometheus.yml")));
        assertTrue(!Files.exists(good.resolve("prometheus/data")), "the time series are deleted with the run's prometheus");
        long goodMs = (System.nanoTime() - t0) / 1_000_000;

        Path wrong = tmp.resolve(CliRun.unique("alert-wrong"));
        r = CliRun.chaos("run", example(tmp, "alert-etcd-wrong-rule").toString(), "--target", "etcd", "--backend", "docker",
                "--seed", "42", "--out", wrong.toString());
        assertEquals(1, r.exit(), r.out());
        a = alerts(wrong);
        assertEquals(false, a.get("valid").asBoolean(), a.toString());
        assertEquals("missed", a.at("/expected/0/outcome").asText(), a.toString());
        assertTrue(r.out().contains("EtcdNoLeader never fired during partition"), r.out());
        // re-judged offline from the history alone, as a bug report's reader would
        CliRun.Ran check = CliRun.chaos("check", wrong.resolve("history.jsonl").toString(), "-c", "alerts");
        assertEquals(1, check.exit(), check.out());
        System.out.printf("AlertsIT: valid run %d ms (detection %d ms), invalid run %d ms%n", goodMs, detection,
                (System.nanoTime() - t0) / 1_000_000 - goodMs);
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().command().orElse("").endsWith("/prometheus")
                && p.parent().map(pp -> pp.pid() == ProcessHandle.current().pid()).orElse(false)), "no prometheus of ours is left");
    }

    @Test
    void aRulesFilePromtoolRefusesOrThatIsMissingIsBadInput(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("broken.yml");
        Files.writeString(rules, "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: up ==\n");
        String yaml = Files.readString(example(tmp, "alert-etcd-no-leader"), StandardCharsets.UTF_8)
                .replaceAll("rules: [^}]*}", "rules: " + rules + "}");
        Path file = tmp.resolve("broken.yaml");
        Files.writeString(file, yaml);
        CliRun.Ran r = CliRun.chaos("run", file.toString(), "--target", "etcd", "--backend", "docker", "--out", tmp.resolve("r1").toString());
        assertEquals(254, r.exit(), r.err());
        assertTrue(r.err().contains("alerts.prometheus.rules: promtool check rules " + rules + " refused it"), r.err());
        Files.writeString(file, yaml.replace(rules.toString(), tmp.resolve("absent.yml").toString()));
        r = CliRun.chaos("run", file.toString(), "--target", "etcd", "--backend", "docker", "--out", tmp.resolve("r2").toString());
        assertEquals(254, r.exit(), r.err());
        assertTrue(r.err().contains("alerts.prometheus.rules: no such file '" + tmp.resolve("absent.yml") + "'"), r.err());
    }

    @Test
    void aTargetWithoutMetricsIsRefusedBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
        CliRun.Ran r = CliRun.chaos("run", example(tmp, "alert-etcd-no-leader").toString(), "--target", "zookeeper", "--backend", "local",
                "--out", tmp.resolve("zk").toString());
        assertEquals(254, r.exit(), r.err());
        assertTrue(r.err().contains("has alerts, which need metrics"), r.err());
    }
}
