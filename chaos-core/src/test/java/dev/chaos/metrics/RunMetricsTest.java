package dev.chaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given calls and faults as the runner reports them, the exposition says exactly that, in a parsable text. */
class RunMetricsTest {

    private static final long MS = 1_000_000L;

    private final RunMetrics m = new RunMetrics("clean-split", "zookeeper", "clean-split-zookeeper-x", 0.999,
            List.of("clean-split", "kill", "clean-split"));

    /** A call invoked at {@code at} ms, meant to start at {@code intended} ms (-1: none), done after {@code took} ms. */
    private void call(String f, OpType type, long intended, long at, long took) {
        Op inv = new Op(0, at * MS, ProcessId.client(1), OpType.INVOKE, f, null, null, "n1", null, false,
                intended < 0 ? -1 : intended * MS);
        Op done = new Op(1, (at + took) * MS, ProcessId.client(1), type, f, null, null, "n1", null, false);
        m.completed(inv, done);
    }

    private static double value(List<Exposition.Sample> samples, String name, Map<String, String> labels) {
        List<Exposition.Sample> hits = samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertEquals(1, hits.size(), name + labels + " in " + hits);
        return hits.get(0).value();
    }

    @Test
    void callsAreCountedByFunctionAndOutcome() {
        call("add", OpType.OK, -1, 0, 1);
        call("add", OpType.OK, -1, 0, 1);
        call("add", OpType.FAIL, -1, 0, 1);
        call("read", OpType.INFO, -1, 0, 5000);
        List<Exposition.Sample> s = Exposition.parse(m.text());
        assertEquals(2, value(s, "chaos_ops_total", Map.of("f", "add", "type", "ok")));
        assertEquals(1, value(s, "chaos_ops_total", Map.of("f", "add", "type", "fail")));
        assertEquals(0, value(s, "chaos_ops_total", Map.of("f", "add", "type", "info")));
        assertEquals(1, value(s, "chaos_ops_total", Map.of("f", "read", "type", "info")));
    }

    @Test
    void responseTimeCountsFromTheIntendedStartServiceTimeFromTheInvocation() {
        call("add", OpType.OK, 100, 400, 2); // waited 300 ms for a free client, served in 2 ms
        call("add", OpType.OK, -1, 0, 2);    // no slot: response = service
        List<Exposition.Sample> s = Exposition.parse(m.text());
        Map<String, String> service = Map.of("f", "add", "kind", "service");
        Map<String, String> response = Map.of("f", "add", "kind", "response");
        assertEquals(0, value(s, "chaos_op_latency_seconds_bucket", merge(service, "le", "0.001")));
        assertEquals(2, value(s, "chaos_op_latency_seconds_bucket", merge(service, "le", "0.0025")));
        assertEquals(1, value(s, "chaos_op_latency_seconds_bucket", merge(response, "le", "0.25")));
        assertEquals(2, value(s, "chaos_op_latency_seconds_bucket", merge(response, "le", "0.5")));
        assertEquals(2, value(s, "chaos_op_latency_seconds_bucket", merge(response, "le", "+Inf")));
        assertEquals(2, value(s, "chaos_op_latency_seconds_count", response));
        assertEquals(0.304, value(s, "chaos_op_latency_seconds_sum", response), 1e-9);
        assertEquals(0.004, value(s, "chaos_op_latency_seconds_sum", service), 1e-9);
    }

    private static Map<String, String> merge(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }

    @Test
    void aFaultIsActiveFromItsStartToItsStopAndEveryFaultEndsAtTheHeal() {
        List<Exposition.Sample> before = Exposition.parse(m.text());
        assertEquals(0, value(before, "chaos_fault_active", Map.of("occurrence", "0", "kind", "clean-split")));
        m.faultStarted(0);
        m.faultStarted(1);
        List<Exposition.Sample> during = Exposition.parse(m.text());
        assertEquals(1, value(during, "chaos_fault_active", Map.of("occurrence", "0")));
        assertEquals(1, value(during, "chaos_fault_active", Map.of("occurrence", "1", "kind", "kill")));
        assertEquals(0, value(during, "chaos_fault_active", Map.of("occurrence", "2")));
        assertEquals(1, value(during, "chaos_faults_started_total", Map.of("kind", "clean-split")));
        m.faultStopped(0);
        assertEquals(0, value(Exposition.parse(m.text()), "chaos_fault_active", Map.of("occurrence", "0")));
        m.healed();
        List<Exposition.Sample> after = Exposition.parse(m.text());
        assertEquals(0, value(after, "chaos_fault_active", Map.of("occurrence", "1")));
        assertEquals(1, value(after, "chaos_faults_started_total", Map.of("kind", "kill")));
    }

    @Test
    void runInfoPhaseAndObjectiveAreThereBeforeTheRunner() {
        List<Exposition.Sample> s = Exposition.parse(m.text());
        assertEquals(1, value(s, "chaos_run_info", Map.of("scenario", "clean-split", "target", "zookeeper",
                "run_id", "clean-split-zookeeper-x")));
        assertEquals(1, value(s, "chaos_run_phase", Map.of("phase", "setup")));
        assertEquals(0, value(s, "chaos_run_phase", Map.of("phase", "faults")));
        assertEquals(0.999, value(s, "chaos_slo_availability_objective", Map.of()));
        assertEquals(0, value(s, "chaos_link_counters_up", Map.of()));
    }

    @Test
    void theProxysCountersBecomeLinkCounters() {
        String proxy = """
                # HELP chaos_proxy_bytes_total Bytes forwarded by a proxy, per direction.
                # TYPE chaos_proxy_bytes_total counter
                chaos_proxy_bytes_total{proxy="n1->n2:2888",direction="upstream"} 120
                chaos_proxy_bytes_total{proxy="n1->n2:2888",direction="downstream"} 80
                # HELP chaos_proxy_open_connections Connections open now.
                # TYPE chaos_proxy_open_connections gauge
                chaos_proxy_open_connections{proxy="client->n1"} 3
                """;
        List<Exposition.Sample> s = Exposition.parse(ProxyLinks.relabel(proxy));
        assertEquals(120, value(s, "chaos_link_bytes_total", Map.of("link", "n1->n2:2888", "direction", "upstream")));
        assertEquals(3, value(s, "chaos_link_open_connections", Map.of("link", "client->n1")));
    }

    @Test
    void labelValuesAreEscaped() {
        RunMetrics odd = new RunMetrics("a \"quoted\"\\name\nx", "t", "r", 0.99, List.of());
        List<Exposition.Sample> s = Exposition.parse(odd.text());
        assertEquals("a \"quoted\"\\name\nx", s.stream().filter(x -> x.name().equals("chaos_run_info")).findFirst().orElseThrow()
                .label("scenario"));
    }

    @Test
    void theParserRefusesWhatPrometheusWould() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Exposition.parse("x 1\n")).getMessage()
                .startsWith("line 1: sample before its family's # TYPE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Exposition.parse("# TYPE x gauge\nx{a=\"1} 2\n"))
                .getMessage().startsWith("line 2: unterminated label value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Exposition.parse("# TYPE x gauge\nx{a=\"1\"} two\n"))
                .getMessage().startsWith("line 2: 'two' is not a number"));
    }
}
