package dev.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html from hostile histories: every value reaches the page escaped, and the data survives the escaping. */
class ReportsTest {

    static List<CheckResult> check(History h, String model, String... checkers) {
        CheckOptions options = CheckOptions.defaults().withModel(model);
        List<CheckResult> results = new ArrayList<>();
        for (String c : checkers) {
            results.add(CheckerCatalog.create(c, options).check(h));
        }
        return results;
    }

    static Map<String, Object> json(List<CheckResult> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", Verdict.combine(results.stream().map(CheckResult::verdict).toList()).json());
        m.put("history", "test " + Histories.IMG);
        return m;
    }

    static String embeddedJson(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chaos-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the data block is there");
        return m.group(1);
    }

    @Test
    void hostileTextInASetHistoryReachesTheReportOnlyEscaped(@TempDir Path dir) throws Exception {
        History h = Histories.setWithLostWrites(400, 7, 3);
        List<CheckResult> results = check(h, null, "stats", "set", "convergence", "availability");
        assertEquals(Verdict.INVALID, results.get(1).verdict(), "the fixture loses writes");
        Reports.write(dir, h, results, json(results));
        String html = Files.readString(dir.resolve("report.html"));

        assertFalse(html.contains(Histories.SCRIPT), "raw </script><script> never appears");
        assertFalse(html.contains(Histories.IMG), "raw <img onerror> never appears");
        assertFalse(html.contains("<img"), "no img element at all");
        assertEquals(2, count(html, "<script"), "the data block and the report's own script, nothing else");
        assertEquals(2, count(html, "</script>"), "nothing closes a script early");
        assertTrue(html.contains("<title>chaos report: split &lt;img src=x onerror=alert(1)&gt; on zookeeper</title>"),
                "the scenario name is HTML-escaped in the title");
        assertTrue(html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"),
                "the element is in the data, escaped for a script block");

        // escaping keeps the meaning: the embedded JSON parses back to the hostile strings
        JsonNode data = new ObjectMapper().readTree(embeddedJson(html));
        List<String> elements = new ArrayList<>();
        data.get("lostWrites").get("rows").forEach(r -> elements.add(r.get("element").asText()));
        assertTrue(elements.contains(Histories.SCRIPT), "the unexpected element is listed as the text it is: " + elements);
        assertTrue(data.get("meta").get("scenario").asText().contains(Histories.IMG));
        assertTrue(data.get("faults").get("bands").get(0).get("nodes").asText().contains(Histories.IMG));
    }

    @Test
    void lostWritesAreListedWithTheirAddsAndFlaggedOnTheTimeline(@TempDir Path dir) throws Exception {
        History h = Histories.setWithLostWrites(400, 7, 3);
        List<CheckResult> results = check(h, null, "stats", "set");
        Reports.write(dir, h, results, json(results));
        JsonNode data = new ObjectMapper().readTree(embeddedJson(Files.readString(dir.resolve("report.html"))));
        JsonNode lost = data.get("lostWrites");
        assertEquals("lost", lost.get("findings").get(0).get("name").asText());
        assertEquals(7, lost.get("findings").get(0).get("count").asLong());
        int lostRows = 0;
        for (JsonNode r : lost.get("rows")) {
            if (r.get("finding").asText().equals("lost")) {
                lostRows++;
                assertEquals("ok", r.get("outcome").asText(), "a lost add was acknowledged");
                assertTrue(r.get("index").isIntegralNumber(), "joined with its add: " + r);
            }
        }
        assertEquals(7, lostRows);
        JsonNode tl = data.get("timeline");
        int flagged = 0;
        for (JsonNode n : tl.get("notes")) {
            if ("lost".equals(n.path("flag").asText())) {
                flagged++;
            }
        }
        assertEquals(7, flagged, "every lost add is drawn and flagged on the timeline");
    }

    @Test
    void finalReadsShareOneRowAfterTheClientLanesInsteadOfARowEach(@TempDir Path dir) throws Exception {
        Histories.Builder b = new Histories.Builder();
        List<String> nodes = List.of("n1", "n2", "n3");
        for (int p = 0; p < 2; p++) { // two client threads, each adds one element
            b.time += 1_000_000;
            b.add(ProcessId.client(p), OpType.INVOKE, "add", null, (long) p, "n1", null, false);
            b.time += 1_000_000;
            b.add(ProcessId.client(p), OpType.OK, "add", null, (long) p, "n1", null, false);
        }
        long fp = 1_000_000; // as the runner numbers its final reads: one process per node
        for (String n : nodes) {
            ProcessId p = ProcessId.client(fp++);
            b.time += 1_000_000;
            b.add(p, OpType.INVOKE, "read", null, null, n, null, true);
            b.time += 1_000_000;
            b.add(p, OpType.OK, "read", null, List.of(0L, 1L), n, null, true);
        }
        History h = b.build(new HistoryHeader(HistoryHeader.FORMAT_V1, "final", "zookeeper", nodes, 1L,
                "2026-11-22T10:00:00Z", "chaos test"));
        List<CheckResult> results = check(h, null, "stats", "set", "convergence");
        Reports.write(dir, h, results, json(results));

        JsonNode tl = new ObjectMapper().readTree(embeddedJson(Files.readString(dir.resolve("report.html")))).get("timeline");
        List<String> lanes = new ArrayList<>();
        tl.get("lanes").forEach(l -> lanes.add(l.asText()));
        assertEquals(List.of("0", "1"), lanes, "one row per client thread, none for a final-read process");
        assertEquals(3, tl.get("finalReads").asLong());
        assertEquals(2, tl.get("okTotal").asLong(), "final reads are not client load");
        List<String> finalNodes = new ArrayList<>();
        for (int i = 0; i < tl.get("lane").size(); i++) {
            int lane = tl.get("lane").get(i).asInt();
            assertTrue(lane <= lanes.size(), "no row past the final reads' one");
            if (lane == lanes.size()) {
                finalNodes.add(tl.get("notes").get(tl.get("note").get(i).asInt()).get("node").asText());
            }
        }
        assertEquals(nodes, finalNodes, "every final read drawn in the row after the client lanes, with its node");
    }

    @Test
    void counterexampleOnAHostileKeyIsDataNotMarkup(@TempDir Path dir) throws Exception {
        History h = Histories.casRegisterViolation();
        List<CheckResult> results = check(h, "cas-register", "stats", "linearizable");
        assertEquals(Verdict.INVALID, results.get(1).verdict(), "the fixture is not linearizable");
        Reports.write(dir, h, results, json(results));
        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(html.contains(Histories.SCRIPT));
        assertFalse(html.contains(Histories.IMG));
        JsonNode cx = new ObjectMapper().readTree(embeddedJson(html)).get("counterexample");
        assertEquals(Histories.SCRIPT, cx.get("key").asText());
        assertEquals("read", cx.get("blocked").get("f").asText());
        assertEquals("3", cx.get("blocked").get("value").asText(), "the read of a value nobody wrote cannot be placed");
    }

    @Test
    void aPageCspAllowsExactlyTheReportsOwnScript(@TempDir Path dir) throws Exception {
        History h = Histories.casRegisterViolation();
        List<CheckResult> results = check(h, "cas-register", "stats");
        Reports.write(dir, h, results, json(results));
        String html = Files.readString(dir.resolve("report.html"));
        Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find());
        assertTrue(html.contains("script-src '" + HtmlReport.scriptHash(m.group(1)) + "'"), "the CSP names the inline script's hash");
        assertTrue(html.contains("default-src 'none'"), "nothing loads from the network");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
