package dev.chaos.checker;

import java.util.List;
import java.util.Map;

/**
 * What a checker found: data first (for results.json and the report), prose second (for the terminal).
 *
 * @param checker the checker's name, e.g. {@code linearizable}
 * @param verdict valid, invalid or unknown
 * @param summary a few short lines for a person: what was checked and, when not valid, why
 * @param details plain data (maps, lists, strings, numbers, booleans, records) with everything found
 */
public record CheckResult(String checker, Verdict verdict, List<String> summary, Map<String, Object> details) {

    public CheckResult {
        summary = List.copyOf(summary);
        details = details == null ? Map.of() : details;
    }
}
