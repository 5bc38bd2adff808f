package dev.chaos.report;

import dev.chaos.checker.CheckResult;
import dev.chaos.history.Call;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set checker's findings, element by element, joined with the add that wrote each element (who,
 * where, when), so a lost write can be found on the timeline. The checker lists up to 1,000 elements
 * per finding; its counts are the totals, and the table says when it shows fewer.
 *
 * @param findings per finding: how many, how many listed
 * @param rows     one per listed element
 */
record LostWrites(List<Finding> findings, List<Row> rows) {

    /** Findings in the order a reader cares about them; the first three make the set invalid. */
    static final List<String[]> KINDS = List.of(
            new String[] {"lost", "lost-count", "acknowledged add, element in no final read", "invalid"},
            new String[] {"unexpected", "unexpected-count", "element read but never added", "invalid"},
            new String[] {"failed-but-present", null, "add reported failed, element present", "invalid"},
            new String[] {"unread", "unread-count", "acknowledged after the last read: unverified", "unknown"},
            new String[] {"recovered", "recovered-count", "add of unknown outcome, element present: it happened", "ok"});

    record Finding(String name, String meaning, String severity, long count, int listed) {
    }

    /**
     * @param invokeAt   x of the add's invocation (null: no add, e.g. unexpected)
     * @param completeAt x of its completion (null: none)
     */
    record Row(String finding, String element, String process, String node, String outcome, Double invokeAt,
               Double completeAt, Long index) {
    }

    /** Null when there is no set result. */
    static LostWrites of(CheckResult set, List<Call> calls, Axis axis) {
        if (set == null) {
            return null;
        }
        Map<String, Object> d = set.details();
        Set<Object> wanted = new HashSet<>();
        for (String[] k : KINDS) {
            if (d.get(k[0]) instanceof Collection<?> c) {
                wanted.addAll(c);
            }
        }
        Map<Object, Call> adds = new HashMap<>();
        for (Call c : calls) {
            if (c.f().equals("add") && wanted.contains(c.invoke().value())) {
                adds.putIfAbsent(c.invoke().value(), c);
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (String[] k : KINDS) {
            if (!(d.get(k[0]) instanceof Collection<?> elements)) {
                continue;
            }
            long count = k[1] != null && d.get(k[1]) instanceof Number n ? n.longValue() : elements.size();
            findings.add(new Finding(k[0], k[2], k[3], count, elements.size()));
            if (k[3].equals("ok")) {
                continue; // recovered adds are good news: counted, not listed
            }
            for (Object el : elements) {
                Call add = adds.get(el);
                rows.add(add == null
                        ? new Row(k[0], OpText.value(el), null, null, null, null, null, null)
                        : new Row(k[0], OpText.value(el), add.process().toString(), OpText.cut(add.invoke().node()),
                                add.completion() == null ? "unfinished" : add.completion().type().wire(),
                                axis.x(add.invoke()), add.completion() == null ? null : axis.x(add.completion()),
                                add.invoke().index()));
            }
        }
        return new LostWrites(findings, rows);
    }

    /** Invocation index → finding, for the adds the timeline must draw and flag. */
    Map<Long, String> flagged() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.index() != null) {
                out.putIfAbsent(r.index(), r.finding());
            }
        }
        return out;
    }
}
