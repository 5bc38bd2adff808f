package dev.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.checker.CheckResult;
import dev.chaos.history.History;
import dev.chaos.history.io.HistoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser (headless Chromium over the DevTools protocol): it renders without
 * a single script error, draws what it must, and shows hostile history text as text. Screenshots
 * land in {@code target/} as test artifacts.
 */
class ReportBrowserIT {

    static HeadlessChromium chromium;

    @BeforeAll
    static void startChromium() throws Exception {
        if ("1".equals(System.getenv("CHAOS_SKIP_BROWSER"))) {
            Assumptions.abort("CHAOS_SKIP_BROWSER=1: the browser test is skipped");
        }
        if (!Files.isExecutable(HeadlessChromium.BINARY)) {
            fail("Chromium is not installed (" + HeadlessChromium.BINARY + " is missing): run .ci/install-chromium.sh"
                    + " (CI runs it), or set CHAOS_SKIP_BROWSER=1 to skip this test");
        }
        chromium = HeadlessChromium.start();
        chromium.send("Runtime.enable", Map.of());
        chromium.send("Log.enable", Map.of());
        chromium.send("Page.enable", Map.of());
        chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Loads the page and returns the errors it reported: exceptions, console errors, error log entries, dialogs. */
    static List<String> open(Path html) throws Exception {
        int from = chromium.events.size();
        chromium.send("Page.navigate", Map.of("url", html.toUri().toString()));
        chromium.await("Page.loadEventFired", from, Duration.ofSeconds(60));
        Thread.sleep(300); // late console messages and log entries
        List<String> errors = new ArrayList<>();
        for (int i = from; i < chromium.events.size(); i++) {
            JsonNode e = chromium.events.get(i);
            JsonNode p = e.path("params");
            switch (e.path("method").asText()) {
                case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    if (List.of("error", "assert").contains(p.path("type").asText())) {
                        errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) {
                        errors.add("log: " + p.path("entry").path("text").asText());
                    }
                }
                case "Page.javascriptDialogOpening" -> errors.add("dialog opened: " + p.path("message").asText());
                default -> {
                }
            }
        }
        assertEquals("true", chromium.eval("document.body.dataset.rendered").asText(), "the report's script ran to its end");
        return errors;
    }

    static void screenshot(Path file) throws Exception {
        int height = chromium.eval("document.documentElement.scrollHeight").asInt();
        chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", Math.min(height, 12000),
                "deviceScaleFactor", 1, "mobile", false));
        JsonNode shot = chromium.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
        assertTrue(Files.size(file) > 10_000, "a screenshot with something on it");
    }

    static int count(String selector) throws Exception {
        return chromium.eval("document.querySelectorAll(" + js(selector) + ").length").asInt();
    }

    static String js(String s) throws Exception {
        return new ObjectMapper().writeValueAsString(s);
    }

    /** No element the history could have injected: the page's own two scripts, no image, nothing with a handler. */
    static void assertNothingInjected() throws Exception {
        assertEquals(2, count("script"), "the data block and the report's script only");
        assertEquals(0, count("img"));
        assertEquals(0, chromium.eval("[...document.querySelectorAll('*')].filter(e => e.hasAttribute('onerror')).length").asInt());
    }

    @Test
    void setReportDrawsTimelineBandsAndLostWritesAndShowsHostileTextAsText(@TempDir Path dir) throws Exception {
        History h = Histories.setWithLostWrites(3000, 9, 42);
        List<CheckResult> results = ReportsTest.check(h, null, "stats", "set", "convergence", "availability");
        Reports.write(dir, h, results, ReportsTest.json(results));

        List<String> errors = open(dir.resolve("report.html"));
        assertEquals(List.of(), errors, "no script error, console error or dialog");

        assertTrue(chromium.eval("+document.getElementById('timeline').dataset.marks").asInt() > 1000, "ops drawn on the timeline");
        assertEquals(9, count("#timeline rect.flag-lost"), "each lost add flagged on the timeline");
        assertTrue(count("#timeline rect.op-fail") > 0 && count("#timeline rect.op-info") > 0, "anomalies drawn one by one");
        assertEquals(1, count("#timeline rect.band"), "the partition as a band");
        assertTrue(chromium.eval("[...document.querySelectorAll('#timeline .band-label')].some(t => t.textContent.includes('n1 n2 | n3'))")
                .asBoolean(), "the band names the partition's sides");
        assertTrue(chromium.eval("+document.getElementById('latency').dataset.points").asInt() > 1000, "latency scatter drawn");
        assertEquals(1, count("#throughput path.tp-ok"));
        assertEquals("invalid", chromium.eval("document.querySelector('[data-checker=set] .badge').textContent").asText());

        assertTrue(chromium.eval("[...document.querySelectorAll('#lost-table td')].some(td => td.textContent === "
                + js(Histories.SCRIPT) + ")").asBoolean(), "the hostile element is a table cell's text");
        assertTrue(chromium.eval("document.querySelector('h1').textContent.includes(" + js(Histories.IMG) + ")").asBoolean(),
                "the hostile scenario name is shown as text");
        assertEquals("chaos report: split " + Histories.IMG + " on zookeeper", chromium.eval("document.title").asText());
        assertNothingInjected();
        screenshot(Path.of("target/report-screenshot.png"));
    }

    @Test
    void counterexampleIsDrawnWithTheOpThatCannotBePlacedHighlighted(@TempDir Path dir) throws Exception {
        History h = Histories.casRegisterViolation();
        List<CheckResult> results = ReportsTest.check(h, "cas-register", "stats", "linearizable");
        Reports.write(dir, h, results, ReportsTest.json(results));

        List<String> errors = open(dir.resolve("report.html"));
        assertEquals(List.of(), errors);
        assertEquals(1, count("#cx-chart rect#cx-blocked.cx-blocked"), "the blocked op, highlighted");
        assertTrue(chromium.eval("document.querySelector('#cx-blocked').parentNode.querySelector('text').textContent").asText().equals("read 3"), "labelled with the read of a value nobody wrote");
        assertTrue(count("#cx-chart rect.cx-concurrent") >= 2, "the write and the cas concurrent with it");
        assertTrue(chromium.eval("document.getElementById('counterexample').textContent.includes('key ' + " + js(Histories.SCRIPT) + ")")
                .asBoolean(), "the hostile key, as text");
        assertTrue(count("#timeline rect.flag-counterexample") >= 3, "counterexample ops flagged on the timeline");
        assertNothingInjected();
        screenshot(Path.of("target/report-screenshot-counterexample.png"));
    }

    @Test
    void jepsenEtcdHistoryWithoutTimesRendersByIndex(@TempDir Path dir) throws Exception {
        History h = HistoryFiles.read(Path.of("../testdata/corpus/porcupine/jepsen-etcd/etcd_000.log")).history();
        List<CheckResult> results = ReportsTest.check(h, "cas-register", "stats", "linearizable");
        Reports.write(dir, h, results, ReportsTest.json(results));

        List<String> errors = open(dir.resolve("report.html"));
        assertEquals(List.of(), errors);
        assertTrue(chromium.eval("+document.getElementById('timeline').dataset.marks").asInt() == 85, "all 85 calls drawn");
        assertEquals(1, count("#cx-chart #cx-blocked"));
        assertEquals(0, count("#latency"), "no times: no latency chart");
        assertTrue(chromium.eval("document.getElementById('latency-section').textContent.includes('no times')").asBoolean());
    }
    @Test
    void faultEffectTablesEveryCutLinkAndFlagsALeakWithHostileNamesAsText(@TempDir Path dir) throws Exception {
        History base = Histories.setWithLostWrites(300, 0, 7);
        List<dev.chaos.history.Op> ops = new ArrayList<>(base.ops());
        long t = ops.get(ops.size() - 1).time();
        java.util.function.BiConsumer<String, Object> nemesis = (f, v) -> ops.add(new dev.chaos.history.Op(ops.size(), t + ops.size(),
                dev.chaos.history.ProcessId.NEMESIS, dev.chaos.history.OpType.INFO, f, null, dev.chaos.history.Values.canonical(v), null,
                null, false));
        nemesis.accept("effect-partition", Map.of("mode", "drop", "window-ms", 4000, "links", Map.of(
                "n1-to-n2-0", Map.of("cut", "both", "forwarded", 0, "dropped", 512, "resets", 0),
                Histories.IMG, Map.of("cut", "upstream", "forwarded", 77, "dropped", 0, "resets", 0))));
        nemesis.accept("heal-check", Map.of("toxics", List.of(), "disabled", List.of(), "window-ms", 3000, "flowed", Map.of("n1-to-n2-0", 900)));
        History h = new History(base.header(), ops);
        List<CheckResult> results = ReportsTest.check(h, null, "stats", "fault-effect");
        Reports.write(dir, h, results, ReportsTest.json(results));

        assertEquals(List.of(), open(dir.resolve("report.html")));
        assertEquals("invalid", chromium.eval("document.querySelector('[data-checker=fault-effect] .badge').textContent").asText());
        assertEquals(2, count("#fault-effect tbody tr"), "one row per cut link");
        assertTrue(chromium.eval("[...document.querySelectorAll('#fault-effect td')].some(td => td.textContent === " + js(Histories.IMG) + ")")
                .asBoolean(), "a hostile link name shown as text");
        assertEquals(1, count("#fault-effect .badge.verdict-invalid"), "the leaking link flagged");
        assertNothingInjected();
    }
    @Test
    void transactionalCyclesAreDrawnWithHostileKeysAsText(@TempDir Path dir) throws Exception {
        History h = Histories.txnReadSkew();
        List<CheckResult> results = ReportsTest.check(h, "serializable", "stats", "list-append");
        Reports.write(dir, h, results, ReportsTest.json(results));

        List<String> errors = open(dir.resolve("report.html"));
        assertEquals(List.of(), errors);
        assertEquals(1, count("#txn-list-append figure.txn-anomaly[data-anomaly=G-single]"), "one G-single cycle");
        assertEquals(2, count("#txn-list-append svg.txn-cycle g.txn-node"), "its two transactions as nodes");
        assertEquals(1, count("#txn-list-append svg.txn-cycle path.txn-rw"), "one rw edge");
        assertEquals(1, count("#txn-list-append svg.txn-cycle path.txn-wr"), "one wr edge");
        assertEquals(2, count("#txn-list-append ol.txn-steps li"), "each step said in words");
        assertEquals(2, count("#timeline rect.flag-anomaly"), "the cycle's transactions flagged on the timeline");
        assertTrue(chromium.eval("[...document.querySelectorAll('#txn-list-append ol.txn-steps li')].some(li => li.textContent.includes("
                + js("read " + Histories.SCRIPT + " = []") + "))").asBoolean(), "the hostile key, as text");
        assertTrue(chromium.eval("[...document.querySelectorAll('#txn-list-append .txn-edge-label')].some(t => t.textContent.startsWith('wr <img'))")
                .asBoolean(), "edge labels carry the key as text");
        assertNothingInjected();
        screenshot(Path.of("target/report-screenshot-txn.png"));
    }
}
