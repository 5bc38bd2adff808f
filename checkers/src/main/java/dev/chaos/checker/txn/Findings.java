package dev.chaos.checker.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The anomalies a transactional checker found that are not cycles (G1a, G1b, internal, lost update,
 * duplicate elements, incompatible orders): per anomaly a count and the first few examples, so a
 * history with a million of them still makes a small result.
 */
public final class Findings {

    static final int EXAMPLES = 8;

    /**
     * @param key  the key it concerns
     * @param ops  history indices of the transactions involved (their invocations)
     * @param text what happened, in a sentence
     */
    public record Finding(String key, List<Long> ops, String text) {
    }

    private final Map<String, List<Finding>> examples = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    public void add(String anomaly, String key, List<Long> ops, String text) {
        counts.merge(anomaly, 1L, Long::sum);
        List<Finding> list = examples.computeIfAbsent(anomaly, k -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(new Finding(key, List.copyOf(ops), text));
        }
    }

    public Map<String, List<Finding>> examples() {
        return examples;
    }

    public Map<String, Long> counts() {
        return counts;
    }
}
