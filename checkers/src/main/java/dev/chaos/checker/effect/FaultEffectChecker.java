package dev.chaos.checker.effect;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Did every link fault take effect, and did the final heal heal? Judged from the proxy's own
 * counters that the run recorded, not from the system's behaviour: a verdict about the instrument,
 * so that "the system survived the partition" cannot mean "the partition never happened".
 *
 * <ul>
 *   <li>{@code effect-<fault>} (just before each stop): per cut link, the bytes forwarded in the cut
 *       directions while held (must be 0: a byte through is a fault that did not hold), and the
 *       bytes dropped and connections reset (something tried to cross and was stopped). A fault on
 *       whose links nothing tried to cross proved nothing: unknown, since the links cut may not be
 *       the ones the nodes use.</li>
 *   <li>{@code effect-clock-<fault>} (just before each clock fault's stop): each moved node's offset
 *       as set and as a process started in the node's environment saw it; more than
 *       {@link #CLOCK_TOLERANCE_MS} apart is a fault that did not hold, not seen proves nothing.</li>
 *   <li>{@code heal-check} (after the recovery window): no toxic and no disabled proxy left, and
 *       bytes moved again on the peer links. A link quiet after the heal is listed, not judged: a
 *       node may have no reason to talk to another (a follower to a former leader).</li>
 * </ul>
 */
public final class FaultEffectChecker implements Checker {

    @Override
    public String name() {
        return "fault-effect";
    }

    @Override
    public boolean appliesTo(History history) {
        return history.nemesisOps().stream().anyMatch(FaultEffectChecker::isEvidence);
    }

    private static boolean isEvidence(Op op) {
        return op.f().startsWith("effect-") || op.f().equals("heal-check");
    }

    @Override
    public CheckResult check(History history) {
        List<String> summary = new ArrayList<>();
        List<Map<String, Object>> faults = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        List<String> unfelt = new ArrayList<>();
        Map<String, Object> heal = null;
        List<String> leftovers = new ArrayList<>();
        boolean silentAfterHeal = false;
        int measured = 0;
        int clockFaults = 0;
        for (Op op : history.nemesisOps()) {
            if (op.f().startsWith("effect-clock-") && op.value() instanceof Map<?, ?> v) {
                faults.add(clock(op, v, leaks, unfelt));
                measured++;
                clockFaults++;
            } else if (op.f().startsWith("effect-") && op.value() instanceof Map<?, ?> v) {
                Map<String, Object> f = fault(op, v, leaks, unfelt);
                faults.add(f);
                if (!Boolean.FALSE.equals(f.get("measured"))) {
                    measured++;
                }
            } else if (op.f().equals("heal-check") && op.value() instanceof Map<?, ?> v) {
                heal = new LinkedHashMap<>();
                List<String> toxics = strings(v.get("toxics"));
                List<String> disabled = strings(v.get("disabled"));
                toxics.forEach(t -> leftovers.add("toxic " + t));
                disabled.forEach(p -> leftovers.add("proxy " + p + " disabled"));
                long total = 0;
                List<String> quiet = new ArrayList<>();
                if (v.get("flowed") instanceof Map<?, ?> flowed) {
                    for (Map.Entry<?, ?> e : flowed.entrySet()) {
                        long n = number(e.getValue());
                        total += n;
                        if (n == 0) {
                            quiet.add(String.valueOf(e.getKey()));
                        }
                    }
                    silentAfterHeal = !flowed.isEmpty() && total == 0;
                }
                heal.put("at-ms", op.time() / 1_000_000);
                heal.put("window-ms", number(v.get("window-ms")));
                heal.put("toxics-left", toxics);
                heal.put("disabled-left", disabled);
                heal.put("bytes-since-heal", total);
                heal.put("quiet-links", quiet);
            }
        }
        Verdict verdict;
        if (!leaks.isEmpty() || !leftovers.isEmpty() || silentAfterHeal) {
            verdict = Verdict.INVALID;
        } else if (measured == 0 && heal == null || !unfelt.isEmpty()) {
            verdict = Verdict.UNKNOWN;
        } else {
            verdict = Verdict.VALID;
        }
        int linkFaults = faults.size() - clockFaults;
        summary.add(linkFaults + " link fault" + (linkFaults == 1 ? "" : "s") + " measured at the proxy"
                + (clockFaults == 0 ? "" : ", " + clockFaults + " clock fault" + (clockFaults == 1 ? "" : "s")
                + " seen where the nodes run")
                + (heal == null ? "; no heal check recorded" : "; heal checked " + heal.get("window-ms") + " ms after the final heal"));
        leaks.forEach(l -> summary.add("DID NOT HOLD: " + l));
        leftovers.forEach(l -> summary.add("NOT HEALED: " + l + " after the final heal"));
        if (silentAfterHeal) {
            summary.add("NOT HEALED: no peer link carried a byte in the recovery window after the heal");
        }
        unfelt.forEach(u -> summary.add("unproven: " + u));
        if (verdict == Verdict.VALID && faults.isEmpty()) {
            // node faults only (kill, pause, member-churn): they act on processes, so the proxy has no cut to prove
            summary.add("no link fault to prove (the faults acted on nodes, not links); the heal left no toxic, no disabled proxy,"
                    + " and traffic moving");
        } else if (verdict == Verdict.VALID) {
            long dropped = faults.stream().mapToLong(f -> number(f.get("dropped"))).sum();
            long resets = faults.stream().mapToLong(f -> number(f.get("resets"))).sum();
            summary.add("every fault held (0 bytes through a cut; " + dropped + " bytes dropped, " + resets
                    + " connections reset), and the heal left no toxic, no disabled proxy, and traffic moving");
        }
        if (heal == null && measured == 0) {
            summary.add("no proxy counters in this history (a run through a real Toxiproxy, or an import): nothing proven");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("faults", faults);
        details.put("leaks", leaks);
        details.put("unfelt", unfelt);
        details.put("heal", heal);
        details.put("leftovers", leftovers);
        return new CheckResult(name(), verdict, summary, details);
    }

    /** One effect op as data, with its leaks (bytes through a cut) and whether anything tried to cross. */
    private static Map<String, Object> fault(Op op, Map<?, ?> v, List<String> leaks, List<String> unfelt) {
        String kind = op.f().substring("effect-".length());
        long atMs = op.time() / 1_000_000;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("fault", kind);
        f.put("at-ms", atMs);
        f.put("mode", v.get("mode") == null ? "drop" : String.valueOf(v.get("mode")));
        if (Boolean.FALSE.equals(v.get("measured"))) {
            f.put("measured", false);
            f.put("reason", String.valueOf(v.get("reason")));
            return f;
        }
        f.put("window-ms", number(v.get("window-ms")));
        long dropped = 0;
        long resets = 0;
        long through = 0;
        List<Map<String, Object>> links = new ArrayList<>();
        if (v.get("links") instanceof Map<?, ?> perLink) {
            for (Map.Entry<?, ?> e : perLink.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> l)) {
                    continue;
                }
                long fwd = number(l.get("forwarded"));
                dropped += number(l.get("dropped"));
                resets += number(l.get("resets"));
                through += fwd;
                if (fwd > 0) {
                    leaks.add(kind + " at " + atMs + " ms: link " + e.getKey() + " forwarded " + fwd + " bytes " + l.get("cut")
                            + " while cut" + (Boolean.FALSE.equals(l.get("fault-on"))
                                    ? " (its cut was gone before the stop: lifted by no step of this run)" : ""));
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("link", String.valueOf(e.getKey()));
                l.forEach((k, x) -> row.put(String.valueOf(k), x));
                links.add(row);
            }
        }
        if (dropped == 0 && resets == 0) {
            unfelt.add(kind + " at " + atMs + " ms: nothing tried to cross its " + links.size()
                    + " cut links while held (no byte dropped, no connection reset)");
        }
        f.put("links-cut", links.size());
        f.put("forwarded", through);
        f.put("dropped", dropped);
        f.put("resets", resets);
        f.put("links", links);
        return f;
    }

    /** How far a clock seen where its node runs may be from the offset set: the probe's own delay. */
    static final long CLOCK_TOLERANCE_MS = 500;

    /**
     * One clock fault's effect op ({@code {"set":{node: ms}, "seen":{node: ms}}}): each node's clock
     * must be seen within {@link #CLOCK_TOLERANCE_MS} of its offset; a node not seen proves nothing.
     */
    private static Map<String, Object> clock(Op op, Map<?, ?> v, List<String> leaks, List<String> unfelt) {
        String kind = op.f().substring("effect-".length());
        long atMs = op.time() / 1_000_000;
        Map<?, ?> set = v.get("set") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> seen = v.get("seen") instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<?, ?> e : set.entrySet()) {
            Object s = seen.get(e.getKey());
            if (!(s instanceof Number)) {
                unfelt.add(kind + " at " + atMs + " ms: the clock of " + e.getKey() + " was not seen");
            } else if (Math.abs(number(s) - number(e.getValue())) > CLOCK_TOLERANCE_MS) {
                leaks.add(kind + " at " + atMs + " ms: " + e.getKey() + "'s clock was set " + number(e.getValue()) + " ms off but seen "
                        + number(s) + " ms off");
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("fault", kind);
        f.put("at-ms", atMs);
        f.put("set", set);
        f.put("seen", seen);
        return f;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
