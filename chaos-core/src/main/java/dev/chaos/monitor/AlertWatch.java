package dev.chaos.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import dev.chaos.run.Monitor;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Watches a Prometheus' alerts ({@code GET /api/v1/alerts}) while the run goes and records each
 * alert's transitions into the history as ops of the actor {@code monitor}: {@code alert-pending},
 * {@code alert-firing} (an alert with labels appeared in that state, or changed to it) and
 * {@code alert-resolved} (it left the list), each {@code {alert, labels, active-at}}. An op's time is
 * when chaos saw the change, so the time to detection it gives is what an operator polling
 * Prometheus would have seen, within one poll. {@code monitor-start} (what is expected, the rules,
 * the endpoints) and {@code monitor-stop} (polls made and failed, alerts still firing) bracket them.
 */
public final class AlertWatch implements Monitor {

    public static final ProcessId MONITOR = ProcessId.named("monitor");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The source of the alerts' JSON: the API's body for {@code /api/v1/alerts}. */
    @FunctionalInterface
    public interface Source {
        String alerts() throws Exception;
    }

    private final Source source;
    private final Map<String, Object> setup;
    private final Duration every;
    private final Consumer<String> log;
    private final Map<String, String> states = new TreeMap<>();
    private final Map<String, Map<String, Object>> seen = new TreeMap<>();
    private volatile Consumer<Op> record;
    private volatile Thread thread;
    private long polls;
    private long failed;
    private String lastError;
    private boolean ended;

    /**
     * @param source where the alerts are read
     * @param setup  recorded on {@code monitor-start}: what the checker needs (the expectations) and
     *               what a reader wants to know (rules, endpoints, interval)
     * @param every  how often to poll
     */
    public AlertWatch(Source source, Map<String, Object> setup, Duration every, Consumer<String> log) {
        this.source = source;
        this.setup = setup;
        this.every = every;
        this.log = log;
    }

    /** Watches {@code prometheus}. */
    public static AlertWatch of(PrometheusServer prometheus, Map<String, Object> setup, Duration every, Consumer<String> log) {
        return new AlertWatch(() -> prometheus.get("/api/v1/alerts"), setup, every, log);
    }

    @Override
    public void begin(Consumer<Op> recordOp) {
        open(recordOp);
        thread = Thread.ofVirtual().name("alert-watch").start(this::loop);
    }

    /** Records {@code monitor-start}; polls are then {@link #poll}'s (a test's, or the loop's). */
    void open(Consumer<Op> recordOp) {
        this.record = recordOp;
        recordOp.accept(Op.of(MONITOR, OpType.INFO, "monitor-start", null, Values.canonical(setup)));
    }

    private void loop() {
        long next = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                poll();
                next += every.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            // ended
        }
    }

    /** One look at the alerts: a transition op for each change since the last look. */
    synchronized void poll() throws InterruptedException {
        if (ended) {
            return;
        }
        String body;
        try {
            body = source.alerts();
            polls++;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failed++;
            if (lastError == null || !lastError.equals(String.valueOf(e.getMessage()))) {
                log.accept("alerts: cannot read prometheus: " + e.getMessage());
            }
            lastError = String.valueOf(e.getMessage());
            return;
        }
        Map<String, String> now = new TreeMap<>();
        Map<String, Map<String, Object>> values = new TreeMap<>();
        try {
            for (JsonNode a : JSON.readTree(body).path("data").path("alerts")) {
                Map<String, Object> labels = new TreeMap<>();
                a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                Object name = labels.remove("alertname");
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("alert", String.valueOf(name));
                v.put("labels", labels);
                v.put("active-at", a.path("activeAt").asText(""));
                String key = name + labels.toString();
                now.put(key, a.path("state").asText("firing"));
                values.put(key, v);
            }
        } catch (java.io.IOException e) {
            failed++;
            lastError = "unreadable answer: " + e.getMessage();
            return;
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(states.get(e.getKey()))) {
                transition("alert-" + e.getValue(), values.get(e.getKey()));
            }
        }
        for (Iterator<Map.Entry<String, String>> it = states.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            if (!now.containsKey(e.getKey())) {
                transition("alert-resolved", seen.get(e.getKey()));
            }
        }
        states.clear();
        states.putAll(now);
        seen.clear();
        seen.putAll(values);
    }

    private void transition(String f, Map<String, Object> value) {
        record.accept(Op.of(MONITOR, OpType.INFO, f, null, Values.canonical(value)));
        log.accept(f + " " + value.get("alert") + " " + value.get("labels"));
    }

    @Override
    public void end() {
        if (record == null) {
            return; // never begun
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("polls", polls);
            v.put("failed-polls", failed);
            if (lastError != null) {
                v.put("last-error", lastError);
            }
            v.put("firing", states.entrySet().stream().filter(e -> e.getValue().equals("firing"))
                    .map(e -> String.valueOf(seen.get(e.getKey()).get("alert"))).distinct().toList());
            record.accept(Op.of(MONITOR, OpType.INFO, "monitor-stop", null, Values.canonical(v)));
        }
    }
}
