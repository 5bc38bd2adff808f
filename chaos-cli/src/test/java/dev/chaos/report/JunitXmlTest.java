package dev.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** junit.xml: well-formed whatever the history says, in the shape CI servers read. */
class JunitXmlTest {

    static final HistoryHeader HEADER = new HistoryHeader(HistoryHeader.FORMAT_V1, "split " + Histories.IMG, "zookeeper",
            List.of("n1", "n2"), 9L, "2026-11-22T10:00:00Z", "chaos test");

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<CheckResult> results() {
        List<Map<String, Object>> thresholds = List.of(
                Map.of("name", "p99 latency", "threshold", 50, "measured", 80, "valid", false),
                Map.of("name", "availability", "threshold", 0.99, "measured", 0.995, "valid", true),
                Map.of("name", Histories.SCRIPT, "valid", "unknown"));
        return List.of(
                new CheckResult("stats", Verdict.VALID, List.of("12 ops"), Map.of()),
                new CheckResult("set", Verdict.INVALID,
                        List.of("400 adds (390 acknowledged)", "3 acknowledged adds LOST: [" + Histories.IMG + "\u0007]"), Map.of()),
                new CheckResult("linearizable", Verdict.UNKNOWN, List.of("undecided: " + Histories.SCRIPT + " \uD800"),
                        Map.of("millis", 1500)),
                new CheckResult("slo", Verdict.INVALID, List.of("1 of 3 SLOs missed"), Map.of("thresholds", thresholds)));
    }

    @Test
    void wellFormedWithOneCasePerCheckerAndPerSloThreshold() throws Exception {
        Document doc = parse(JunitXml.render(HEADER, results()));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("chaos", suite.getAttribute("name"));
        assertEquals("7", suite.getAttribute("tests"));
        assertEquals("3", suite.getAttribute("failures"), "set, slo, and the missed p99 threshold");
        assertEquals("2", suite.getAttribute("skipped"), "linearizable unknown, one threshold unknown");
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals(3, doc.getElementsByTagName("failure").getLength());
        assertEquals(2, doc.getElementsByTagName("skipped").getLength());
        List<String> names = new ArrayList<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        assertEquals(List.of("stats", "set", "linearizable", "slo", "slo: p99 latency", "slo: availability",
                "slo: " + Histories.SCRIPT), names);
        Element setFailure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertEquals("3 acknowledged adds LOST: [" + Histories.IMG + "\uFFFD]", setFailure.getAttribute("message"),
                "the finding's line, with the control character replaced");
        assertEquals("1.500", ((Element) cases.item(2)).getAttribute("time"));
        Element skipped = (Element) ((Element) cases.item(2)).getElementsByTagName("skipped").item(0);
        assertTrue(skipped.getAttribute("message").startsWith("unknown: undecided: " + Histories.SCRIPT), skipped.getAttribute("message"));
        assertEquals("chaos.split " + Histories.IMG, ((Element) cases.item(0)).getAttribute("classname"));
    }

    @Test
    void writtenBesideTheReportFromARealCheck(@TempDir Path dir) throws Exception {
        History h = Histories.setWithLostWrites(300, 4, 11);
        List<CheckResult> results = ReportsTest.check(h, null, "stats", "set", "convergence");
        Reports.write(dir, h, results, ReportsTest.json(results));
        Document doc = parse(Files.readString(dir.resolve("junit.xml")));
        long invalid = results.stream().filter(r -> r.verdict() == Verdict.INVALID).count();
        assertEquals(1, invalid, "the set checker finds the lost writes");
        assertEquals(String.valueOf(invalid), doc.getDocumentElement().getAttribute("failures"));
        assertEquals("3", doc.getDocumentElement().getAttribute("tests"));
    }
}
