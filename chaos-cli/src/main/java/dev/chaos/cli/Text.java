package dev.chaos.cli;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/** How results look, in words and in JSON, wherever the CLI prints them. */
final class Text {

    private Text() {
    }

    static String verdictWord(Verdict v) {
        return switch (v) {
            case VALID -> "valid  ";
            case INVALID -> "INVALID";
            case UNKNOWN -> "unknown";
        };
    }

    /** One checker's result as results.json has it: {@code {"valid": ..., "summary": [...], ...details}}. */
    static Map<String, Object> resultAsJson(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", r.verdict().json());
        m.put("summary", r.summary());
        r.details().forEach(m::putIfAbsent);
        return m;
    }
}
