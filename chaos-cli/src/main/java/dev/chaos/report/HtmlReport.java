package dev.chaos.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * report.html: one self-contained file (no network): the page skeleton, its stylesheet and its
 * script are resources inlined here; the data is JSON in a {@code <script type="application/json">}
 * block, which the script renders with {@code textContent} only, so no value from the history is
 * ever parsed as markup.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(ReportData data) {
        String js = resource("report.js");
        return fill(resource("report.html"), Map.of(
                "title", Escape.html("chaos report: " + data.meta().title()),
                "script-hash", scriptHash(js),
                "css", resource("report.css"),
                "js", js,
                "data", ScriptJson.of(data)));
    }

    /**
     * The page's Content-Security-Policy allows exactly this script (by its SHA-256): even if some
     * markup were injected, no other script or inline handler would run, and nothing loads from the
     * network.
     */
    static String scriptHash(String js) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(js.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces each {@code {{name}}} of the template once, scanning the template only: a value that
     * happens to contain {@code {{...}}} is never substituted again.
     */
    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                break;
            }
            int close = template.indexOf("}}", open);
            String name = close < 0 ? null : template.substring(open + 2, close);
            String value = name == null ? null : values.get(name);
            if (value == null) {
                out.append(template, at, open + 2);
                at = open + 2;
                continue;
            }
            out.append(template, at, open).append(value);
            at = close + 2;
        }
        return out.append(template, at, template.length()).toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/chaos/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
