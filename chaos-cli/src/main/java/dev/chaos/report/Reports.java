package dev.chaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chaos.checker.CheckResult;
import dev.chaos.history.History;
import dev.chaos.history.io.LoadedHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What a user looks at first after a run: {@code report.html}, {@code junit.xml} and
 * {@code results.json}, written side by side. {@code chaos run} calls this after checking;
 * {@code chaos report} calls it to regenerate them offline from a run directory or a history.
 */
public final class Reports {

    public static final String HTML = "report.html";
    public static final String JUNIT = "junit.xml";
    public static final String RESULTS = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Reports() {
    }

    /** The files written. */
    public record Written(Path html, Path junit, Path results) {
    }

    /**
     * Writes the three files into {@code outDir} (created if missing; existing files replaced, each
     * atomically where the file system allows).
     *
     * @param outDir      where: the run directory, usually
     * @param history     the history the results judge (its header names scenario, target, nodes)
     * @param results     every checker's result, in order
     * @param resultsJson results.json's content, as written by {@code chaos run} or {@code chaos check --json}
     *                    ({@code valid}, ..., {@code checkers}); its top-level facts also head the report
     */
    public static Written write(Path outDir, History history, List<CheckResult> results, Map<String, Object> resultsJson)
            throws IOException {
        Files.createDirectories(outDir);
        Path json = outDir.resolve(RESULTS);
        Path junit = outDir.resolve(JUNIT);
        Path html = outDir.resolve(HTML);
        replace(json, JSON.writeValueAsString(resultsJson) + "\n");
        replace(junit, JunitXml.render(history.header(), results));
        replace(html, HtmlReport.render(ReportData.of(history, results, resultsJson)));
        return new Written(html, junit, json);
    }

    /** The same, for a history as read from a file. */
    public static Written write(Path outDir, LoadedHistory loaded, List<CheckResult> results, Map<String, Object> resultsJson)
            throws IOException {
        return write(outDir, loaded.history(), results, resultsJson);
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
