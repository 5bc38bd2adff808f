package dev.chaos.checker.set;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lost writes in a set workload, after Jepsen's set-full: every {@code add} of a unique element is
 * followed through the reads. The final state is what the final reads (taken after the heal) saw;
 * without final reads, the last successful read of each key. A set may be split into keys (an add
 * and a read carry the key); a read then tells about its key's elements only.
 *
 * <ul>
 *   <li>lost: the add was acknowledged, and the element is in no final read. Invalid.</li>
 *   <li>unexpected: read, but never added. Invalid.</li>
 *   <li>failed-but-present: the add failed (definitely did not happen), yet the element is there. Invalid.</li>
 *   <li>recovered: the add's outcome was unknown, and the element is there: it did happen.</li>
 *   <li>stale reads: a read that started after an add was acknowledged does not show the element
 *       (reported; many systems' plain reads may lag).</li>
 * </ul>
 */
public final class SetChecker implements Checker {

    private static final int SHOW = 1000;

    @Override
    public String name() {
        return "set";
    }

    @Override
    public boolean appliesTo(History history) {
        return history.ops().stream().anyMatch(op -> op.isClient() && op.f().equals("add"))
                && history.ops().stream().anyMatch(op -> op.isOk() && op.f().equals("read") && op.value() instanceof Collection);
    }

    @Override
    public CheckResult check(History history) {
        Map<Object, Call> adds = new LinkedHashMap<>();
        List<Call> reads = new ArrayList<>();
        for (Call c : history.calls()) {
            if (c.f().equals("add")) {
                adds.put(c.invoke().value(), c);
            } else if (c.f().equals("read") && c.isOk() && c.completion().value() instanceof Collection) {
                reads.add(c);
            }
        }
        if (adds.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN, List.of("no add operations: not a set history"), Map.of());
        }
        Map<String, Set<Object>> finalByNode = new LinkedHashMap<>();
        for (Call r : reads) {
            if (r.invoke().isFinal()) {
                finalByNode.put(String.valueOf(r.invoke().node()), new HashSet<>((Collection<?>) r.completion().value()));
            }
        }
        String finalSource = "final reads of " + finalByNode.size() + " nodes";
        // without final reads (an interrupted run, a history from elsewhere) an add acknowledged after
        // the last read of its key began was never read: unverified, not lost
        Map<String, Long> lastReadBegin = null;
        if (finalByNode.isEmpty()) {
            // no convergence probe: the last successful read of each key (a read without a key reads all)
            Map<String, Call> lastByKey = new LinkedHashMap<>();
            for (Call r : reads) {
                String k = String.valueOf(r.key());
                Call prev = lastByKey.get(k);
                if (prev == null || r.completionIndex() > prev.completionIndex()) {
                    lastByKey.put(k, r);
                }
            }
            if (lastByKey.isEmpty()) {
                return new CheckResult(name(), Verdict.UNKNOWN, List.of(adds.size() + " adds but no successful read: nothing to compare"),
                        Map.of("attempted", adds.size()));
            }
            Set<Object> last = new HashSet<>();
            lastByKey.values().forEach(r -> last.addAll((Collection<?>) r.completion().value()));
            finalByNode.put("last-reads", last);
            lastReadBegin = new HashMap<>();
            for (Map.Entry<String, Call> e : lastByKey.entrySet()) {
                lastReadBegin.put(e.getKey(), e.getValue().invoke().index());
            }
            finalSource = "no final reads: the last successful read of each of " + lastByKey.size() + " keys";
        }
        Set<Object> present = new HashSet<>();
        finalByNode.values().forEach(present::addAll);
        Set<Object> everRead = new HashSet<>();
        reads.forEach(r -> everRead.addAll((Collection<?>) r.completion().value()));

        List<Object> lost = new ArrayList<>();
        List<Object> failedButPresent = new ArrayList<>();
        List<Object> recovered = new ArrayList<>();
        List<Object> missingOnSomeNodes = new ArrayList<>();
        List<Object> unread = new ArrayList<>();
        long acknowledged = 0;
        long indeterminate = 0;
        for (Map.Entry<Object, Call> e : adds.entrySet()) {
            Object el = e.getKey();
            Call c = e.getValue();
            boolean there = present.contains(el);
            if (c.isOk()) {
                acknowledged++;
                if (!there) {
                    Long readFrom = lastReadBegin == null ? null
                            : lastReadBegin.getOrDefault(String.valueOf(c.key()), lastReadBegin.get("null"));
                    if (lastReadBegin != null && (readFrom == null || c.completionIndex() > readFrom)) {
                        unread.add(el);
                    } else {
                        lost.add(el);
                    }
                }
            } else if (c.isFail()) {
                if (there) {
                    failedButPresent.add(el);
                }
            } else {
                indeterminate++;
                if (there) {
                    recovered.add(el);
                }
            }
            if (there && finalByNode.size() > 1) {
                for (Set<Object> s : finalByNode.values()) {
                    if (!s.contains(el)) {
                        missingOnSomeNodes.add(el);
                        break;
                    }
                }
            }
        }
        List<Object> unexpected = new ArrayList<>();
        for (Object el : everRead) {
            if (!adds.containsKey(el)) {
                unexpected.add(el);
            }
        }
        long staleReads = staleReads(adds, reads);

        Verdict verdict = !lost.isEmpty() || !unexpected.isEmpty() || !failedButPresent.isEmpty() ? Verdict.INVALID
                : unread.isEmpty() ? Verdict.VALID : Verdict.UNKNOWN;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("attempted", adds.size());
        d.put("acknowledged", acknowledged);
        d.put("indeterminate", indeterminate);
        d.put("final-state-from", finalSource);
        d.put("present", present.size());
        d.put("lost-count", lost.size());
        d.put("lost", sorted(lost));
        d.put("unexpected-count", unexpected.size());
        d.put("unexpected", sorted(unexpected));
        d.put("failed-but-present", sorted(failedButPresent));
        d.put("unread-count", unread.size());
        d.put("unread", sorted(unread));
        d.put("recovered-count", recovered.size());
        d.put("recovered", sorted(recovered));
        d.put("missing-on-some-nodes", sorted(missingOnSomeNodes));
        d.put("stale-reads", staleReads);
        List<String> s = new ArrayList<>();
        s.add(adds.size() + " adds (" + acknowledged + " acknowledged, " + indeterminate + " unknown), " + present.size()
                + " elements present in the " + finalSource);
        s.add(lost.isEmpty() ? "no acknowledged add lost" : lost.size() + " acknowledged adds LOST: " + head(sorted(lost)));
        if (!unread.isEmpty()) {
            s.add(unread.size() + " acknowledged adds were never read (no final reads, and acknowledged after the last read of"
                    + " their key): unverified " + head(sorted(unread)));
        }
        if (!unexpected.isEmpty()) {
            s.add(unexpected.size() + " elements read that were never added: " + head(sorted(unexpected)));
        }
        if (!failedButPresent.isEmpty()) {
            s.add(failedButPresent.size() + " adds reported failed are present: " + head(sorted(failedButPresent)));
        }
        s.add(recovered.size() + " adds of unknown outcome turned out to have happened; " + staleReads
                + " stale reads (an acknowledged element missing from a later read)");
        if (!missingOnSomeNodes.isEmpty()) {
            s.add(missingOnSomeNodes.size() + " elements present on some nodes only (see convergence)");
        }
        return new CheckResult(name(), verdict, s, d);
    }

    /** Reads that began after an add to the same key (if reads have keys) was acknowledged, yet lack its element. */
    private static long staleReads(Map<Object, Call> adds, List<Call> reads) {
        Map<String, List<Call>> addsByKey = new HashMap<>();
        for (Call a : adds.values()) {
            if (a.isOk()) {
                addsByKey.computeIfAbsent(String.valueOf(a.key()), k -> new ArrayList<>()).add(a);
            }
        }
        long stale = 0;
        for (Call r : reads) {
            if (r.invoke().isFinal()) {
                continue;
            }
            Set<?> seen = new HashSet<>((Collection<?>) r.completion().value());
            long begin = r.invoke().index();
            List<Call> candidates = r.key() == null ? new ArrayList<>(adds.values()) : addsByKey.getOrDefault(r.key(), List.of());
            for (Call a : candidates) {
                if (a.isOk() && a.completionIndex() < begin && !seen.contains(a.invoke().value())) {
                    stale++;
                    break;
                }
            }
        }
        return stale;
    }

    /** Sorted (numbers numerically), capped at {@value #SHOW}; the counts carry the full size. */
    private static List<Object> sorted(List<Object> xs) {
        List<Object> out = new ArrayList<>(xs);
        out.sort((a, b) -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y) : String.valueOf(a).compareTo(String.valueOf(b)));
        return out.size() > SHOW ? new ArrayList<>(out.subList(0, SHOW)) : out;
    }

    private static String head(List<Object> xs) {
        return xs.size() <= 20 ? xs.toString() : xs.subList(0, 20) + " ...";
    }
}
