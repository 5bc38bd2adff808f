package dev.chaos.checker.alert;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.fault.FaultWindows;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the alerts that must fire did, in time. The run's monitor recorded what was expected
 * ({@code monitor-start}: each alert, the fault kind it must fire during, and within how long) and
 * every transition of every alert ({@code alert-pending}, {@code alert-firing}, {@code alert-resolved},
 * at the time chaos saw it). For each expected alert and each occurrence of its fault (a
 * {@code start-<kind>} of the nemesis; a cascading fault's steps are the same occurrence), the
 * time to detection is from the fault's start to the first {@code alert-firing} of that alert at
 * or after it. It is
 * <ul>
 * <li>in time when that is within the deadline, or the alert was still firing from an earlier fault
 * (it fired for that one and had not resolved);</li>
 * <li>late when the first firing came after the deadline (invalid);</li>
 * <li>missed when it never fired and the monitor watched past the deadline (invalid);</li>
 * <li>not judged (unknown) when it never fired and the monitor stopped before the deadline, when the
 * fault never happened in the run, or when the alert was already firing with no fault to explain
 * it: an alert that is always on proves nothing about this fault.</li>
 * </ul>
 * Alerts that fired while no fault was open and none had ended within the longest deadline are
 * noted as noise, not failures: whether they are wrong is the rules' author's call.
 */
public final class AlertsChecker implements Checker {

    /** One expectation as recorded. */
    record Expect(String alert, String during, long withinNanos) {
    }

    /** One recorded transition of one alert. */
    record Transition(long time, String state, String alert, Object labels) {
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public boolean appliesTo(History history) {
        return monitorStart(history) != null;
    }

    private static Op monitorStart(History history) {
        for (Op op : history.nemesisOps()) {
            if (op.f().equals("monitor-start")) {
                return op;
            }
        }
        return null;
    }

    static List<Expect> expectations(Op start) {
        List<Expect> out = new ArrayList<>();
        if (start.value() instanceof Map<?, ?> v && v.get("expect") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> e && e.get("alert") instanceof String a && e.get("during") instanceof String d
                        && e.get("within-ms") instanceof Number w) {
                    out.add(new Expect(a, d, w.longValue() * 1_000_000));
                }
            }
        }
        return out;
    }

    static List<Transition> transitions(History history) {
        List<Transition> out = new ArrayList<>();
        for (Op op : history.nemesisOps()) {
            if (op.f().startsWith("alert-") && op.value() instanceof Map<?, ?> v && v.get("alert") instanceof String a) {
                out.add(new Transition(op.time(), op.f().substring(6), a, v.get("labels")));
            }
        }
        return out;
    }

    @Override
    public CheckResult check(History history) {
        Op start = monitorStart(history);
        if (start == null) {
            return new CheckResult(name(), Verdict.UNKNOWN, List.of("no monitor-start in the history: the run watched no alerts"
                    + " (the scenario had no alerts:)"), Map.of());
        }
        List<Expect> expect = expectations(start);
        List<Transition> transitions = transitions(history);
        List<FaultWindows.Fault> faults = FaultWindows.of(history);
        long watchedUntil = watchedUntil(history);
        List<String> summary = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (Expect e : expect) {
            List<FaultWindows.Fault> occurrences = faults.stream()
                    .filter(f -> f.kind().equals(e.during()) && f.from().f().startsWith("start-")).toList();
            if (occurrences.isEmpty()) {
                verdicts.add(Verdict.UNKNOWN);
                summary.add(e.alert() + ": no " + e.during() + " happened in this run; nothing to judge");
                rows.add(row(e, null, "no-fault", null, null));
                continue;
            }
            for (FaultWindows.Fault f : occurrences) {
                long deadline = f.start() + e.withinNanos();
                Transition first = firstFiring(transitions, e.alert(), f.start());
                Long since = firingSince(transitions, e.alert(), f.start());
                String at = e.during() + " at " + seconds(f.start());
                FaultWindows.Fault earlier = since == null ? null : faults.stream()
                        .filter(o -> o.start() < f.start() && since >= o.start() && since <= o.stop() + e.withinNanos())
                        .findFirst().orElse(null);
                if (since != null && earlier != null) {
                    verdicts.add(Verdict.VALID);
                    summary.add(e.alert() + " during " + at + ": still firing since the " + earlier.kind() + " at "
                            + seconds(earlier.start()) + " (within " + seconds(e.withinNanos()) + ")");
                    rows.add(row(e, f, "in-time", 0L, "still firing since the fault at " + earlier.start() / 1_000_000 + " ms"));
                } else if (since != null) {
                    verdicts.add(Verdict.UNKNOWN);
                    summary.add(e.alert() + " during " + at + ": already firing since " + seconds(since)
                            + ", with no fault open then: it cannot show it detected this one");
                    rows.add(row(e, f, "already-firing", null, "firing since " + since / 1_000_000 + " ms"));
                } else if (first != null && first.time() <= deadline) {
                    verdicts.add(Verdict.VALID);
                    summary.add(e.alert() + " during " + at + ": fired after " + seconds(first.time() - f.start()) + " (within "
                            + seconds(e.withinNanos()) + ")");
                    rows.add(row(e, f, "in-time", first.time() - f.start(), null));
                } else if (first != null) {
                    verdicts.add(Verdict.INVALID);
                    summary.add(e.alert() + " during " + at + ": fired after " + seconds(first.time() - f.start()) + " > "
                            + seconds(e.withinNanos()));
                    rows.add(row(e, f, "late", first.time() - f.start(), null));
                } else if (watchedUntil >= deadline) {
                    verdicts.add(Verdict.INVALID);
                    summary.add(e.alert() + " never fired during " + at + " (watched " + seconds(watchedUntil - f.start())
                            + " from its start; deadline " + seconds(e.withinNanos()) + ")");
                    rows.add(row(e, f, "missed", null, null));
                } else {
                    verdicts.add(Verdict.UNKNOWN);
                    summary.add(e.alert() + " not fired during " + at + " in the " + seconds(Math.max(0, watchedUntil - f.start()))
                            + " watched; its deadline of " + seconds(e.withinNanos()) + " was past the monitor's end: run longer to judge");
                    rows.add(row(e, f, "not-judged", null, null));
                }
            }
        }
        long grace = expect.stream().mapToLong(Expect::withinNanos).max().orElse(60_000_000_000L);
        List<Map<String, Object>> noise = new ArrayList<>();
        for (Transition t : transitions) {
            if (t.state().equals("firing") && faults.stream().noneMatch(f -> t.time() >= f.start() && t.time() <= f.stop() + grace)) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("alert", t.alert());
                n.put("labels", t.labels());
                n.put("at-ms", t.time() / 1_000_000);
                noise.add(n);
                summary.add("note: " + t.alert() + " " + Objects.toString(t.labels(), "") + " fired at " + seconds(t.time())
                        + " with no fault open or just ended (noise?)");
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("expected", rows);
        details.put("noise", noise);
        details.put("firings", transitions.stream().filter(t -> t.state().equals("firing")).count());
        details.put("watched-ms", Math.max(0, watchedUntil - start.time()) / 1_000_000);
        Op stop = monitorStop(history);
        if (stop != null && stop.value() instanceof Map<?, ?> sv) {
            details.put("polls", sv.get("polls"));
            details.put("failed-polls", sv.get("failed-polls"));
            if (sv.get("failed-polls") instanceof Number n && n.longValue() > 0) {
                summary.add("note: " + n + " of the monitor's reads of prometheus failed" + (sv.get("last-error") != null
                        ? " (" + sv.get("last-error") + ")" : ""));
            }
        }
        if (expect.isEmpty()) {
            verdicts.add(Verdict.UNKNOWN);
            summary.add(0, "monitor-start names no expected alert");
        }
        return new CheckResult(name(), Verdict.combine(verdicts), summary, details);
    }

    private static Map<String, Object> row(Expect e, FaultWindows.Fault f, String outcome, Long detectedNanos, String note) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("alert", e.alert());
        r.put("during", e.during());
        r.put("within-ms", e.withinNanos() / 1_000_000);
        if (f != null) {
            r.put("fault-start-ms", f.start() / 1_000_000);
            r.put("fault-stop-ms", f.stop() / 1_000_000);
        }
        r.put("outcome", outcome);
        if (detectedNanos != null) {
            r.put("detection-ms", detectedNanos / 1_000_000);
        }
        if (note != null) {
            r.put("note", note);
        }
        return r;
    }

    /** The first firing of {@code alert} at or after {@code from}. */
    private static Transition firstFiring(List<Transition> ts, String alert, long from) {
        for (Transition t : ts) {
            if (t.alert().equals(alert) && t.state().equals("firing") && t.time() >= from) {
                return t;
            }
        }
        return null;
    }

    /**
     * When the earliest instance of {@code alert} (any labels) still firing at {@code time} began to
     * fire, or null when none was firing then.
     */
    static Long firingSince(List<Transition> ts, String alert, long time) {
        Map<String, Long> firingFrom = new LinkedHashMap<>();
        for (Transition t : ts) {
            if (t.time() >= time) {
                break;
            }
            if (t.alert().equals(alert)) {
                String key = String.valueOf(t.labels());
                if (t.state().equals("firing")) {
                    firingFrom.putIfAbsent(key, t.time());
                } else {
                    firingFrom.remove(key);
                }
            }
        }
        return firingFrom.values().stream().min(Long::compare).orElse(null);
    }

    private static Op monitorStop(History history) {
        for (Op op : history.nemesisOps()) {
            if (op.f().equals("monitor-stop")) {
                return op;
            }
        }
        return null;
    }

    /** Until when the alerts were watched: the monitor's stop, or the history's last op when the run was cut short. */
    private static long watchedUntil(History history) {
        Op stop = monitorStop(history);
        if (stop != null) {
            return stop.time();
        }
        return history.ops().isEmpty() ? 0 : history.ops().get(history.size() - 1).time();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
