package dev.chaos.checker.txn;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Elle's rw-register checker. Transactions read and write registers, each write a value unique to its
 * key, so a read names the one transaction whose write it saw (wr). A register keeps no history, so
 * the version order is known only where it can be inferred: every key starts at nil, before every
 * write; and a committed transaction that read version v of a key and then wrote it installed the
 * version right after v (ww from v's writer, rw from v's other readers). Reads of nil come before
 * every committed write of the key (rw). Non-cycle anomalies: G1a, G1b, internal, lost update.
 */
public final class RwRegisterChecker implements Checker {

    /** Past this many nil-read inferences per transaction, they are skipped (and the result says so). */
    private static final long NIL_EDGES_PER_TXN = 16;

    private final CheckOptions options;
    private final ConsistencyModel claimed;

    public RwRegisterChecker(CheckOptions options) {
        this.options = options;
        this.claimed = ListAppendChecker.claimedModel(options);
    }

    @Override
    public String name() {
        return "rw-register";
    }

    @Override
    public boolean appliesTo(History history) {
        return Txns.uses(history, "w") && !Txns.uses(history, "append");
    }

    @Override
    public CheckResult check(History history) {
        long started = System.nanoTime();
        Txns parsed = Txns.of(history);
        if (parsed.txns().isEmpty() || !parsed.problems().isEmpty()) {
            List<String> summary = new ArrayList<>();
            summary.add(parsed.txns().isEmpty() ? "no txn operations: not an rw-register history"
                    : "cannot check: " + parsed.problems().size() + " malformed micro-op(s)");
            summary.addAll(parsed.problems());
            return new CheckResult(name(), Verdict.UNKNOWN, summary, Map.of("problems", parsed.problems()));
        }
        try {
            return new Run(parsed.txns()).check(started);
        } catch (OutOfMemoryError e) {
            return new CheckResult(name(), Verdict.UNKNOWN, List.of("ran out of memory building the dependency graph of "
                    + parsed.txns().size() + " transactions; give the JVM more heap"), Map.of("error", "out of memory"));
        }
    }

    private static final class Key {
        /** value → writer txn id << 1 | 1 if it is the writer's last write of this key. */
        final HashMap<Object, Integer> writer = new HashMap<>();
        /** value (null: the initial nil) → committed transactions that read it from another transaction. */
        final HashMap<Object, List<Integer>> readers = new HashMap<>();
        /** version read → the first committed transaction that read it, then wrote the key. */
        final HashMap<Object, Integer> overwriter = new HashMap<>();
        final List<Integer> committedWriters = new ArrayList<>();
    }

    /** A committed transaction read {@code read} of the key and then wrote {@code wrote}. */
    private record Overwrite(int txn, String key, Object read, Object wrote) {
    }

    private final class Run implements Explainer {

        final List<Txn> txns;
        final Map<String, Key> keys = new HashMap<>();
        final Findings findings = new Findings();
        final DepGraph.Builder edges;
        final List<Overwrite> overwrites = new ArrayList<>();

        Run(List<Txn> txns) {
            this.txns = txns;
            this.edges = new DepGraph.Builder(txns.size());
        }

        CheckResult check(long started) {
            writes();
            for (Txn t : txns) {
                if (t.committed()) {
                    reads(t);
                }
            }
            Map<String, String> unfinished = new LinkedHashMap<>();
            versions(unfinished);
            long bytes = (long) edges.size() * 18 + txns.size() * 64L;
            DepGraph graph = null;
            CycleSearch.Result cycles = null;
            if (bytes > options.memoryLimit()) {
                unfinished.put("cycles", "the dependency graph needs about " + (bytes >> 20) + " MiB, over the memory limit of "
                        + (options.memoryLimit() >> 20) + " MiB");
            } else {
                edges.addOrders(txns);
                graph = edges.build();
                cycles = CycleSearch.run(graph, new CycleSearch.Budget(started + options.timeLimit().toNanos(),
                        100L * (graph.edges() + graph.nodes()) + 10_000_000L));
                unfinished.putAll(cycles.unfinished());
            }
            return TxnVerdict.of(name(), claimed, txns, graph, findings, cycles, this, unfinished,
                    (System.nanoTime() - started) / 1_000_000);
        }

        private Key key(String k) {
            return keys.computeIfAbsent(k, x -> new Key());
        }

        private void writes() {
            for (Txn t : txns) {
                List<MicroOp> ops = t.ops();
                for (int j = 0; j < ops.size(); j++) {
                    MicroOp m = ops.get(j);
                    if (!m.f().equals("w")) {
                        continue;
                    }
                    boolean last = true;
                    for (int i = j + 1; i < ops.size() && last; i++) {
                        last = !(ops.get(i).f().equals("w") && ops.get(i).key().equals(m.key()));
                    }
                    Key k = key(m.key());
                    k.writer.put(m.value(), t.id() << 1 | (last ? 1 : 0));
                    if (t.committed() && last) {
                        k.committedWriters.add(t.id());
                    }
                }
            }
        }

        /** Internal consistency, G1a, G1b, wr edges, and what the transaction overwrote. */
        private void reads(Txn t) {
            List<MicroOp> ops = t.ops();
            for (int j = 0; j < ops.size(); j++) {
                MicroOp m = ops.get(j);
                if (!m.isRead()) {
                    continue;
                }
                MicroOp before = null;
                for (int i = j - 1; i >= 0 && before == null; i--) {
                    before = ops.get(i).key().equals(m.key()) ? ops.get(i) : null;
                }
                if (before != null) {
                    if (!Objects.equals(before.value(), m.value())) {
                        findings.add("internal", m.key(), List.of(t.index()), t.name() + " read " + m.key() + " = "
                                + TxnVerdict.valueText(m.value()) + " after its own " + (before.isRead() ? "read of " : "write of ")
                                + TxnVerdict.valueText(before.value()));
                    }
                    continue;
                }
                Key k = key(m.key());
                k.readers.computeIfAbsent(m.value(), x -> new ArrayList<>()).add(t.id());
                for (int i = ops.size() - 1; i > j; i--) {
                    if (ops.get(i).f().equals("w") && ops.get(i).key().equals(m.key())) {
                        overwrites.add(new Overwrite(t.id(), m.key(), m.value(), ops.get(i).value()));
                        break;
                    }
                }
                if (m.value() == null) {
                    continue;
                }
                Integer w = k.writer.get(m.value());
                if (w == null) {
                    continue; // nobody wrote it: no edge to draw
                }
                Txn writer = txns.get(w >> 1);
                if (writer.status() == Txn.Status.FAIL) {
                    findings.add("G1a", m.key(), List.of(t.index(), writer.index()), t.name() + " read " + m.key() + " = "
                            + m.value() + ", written by " + writer.name() + ", which failed (aborted)");
                    continue;
                }
                if (writer.id() != t.id() && (w & 1) == 0) {
                    findings.add("G1b", m.key(), List.of(t.index(), writer.index()), t.name() + " read " + m.key() + " = "
                            + m.value() + ", an intermediate write of " + writer.name() + ", which wrote " + m.key() + " again");
                }
                edges.add(writer.id(), t.id(), DepGraph.WR);
            }
        }

        /** The version order where it is known: nil first; a read-then-write installs the next version. */
        private void versions(Map<String, String> unfinished) {
            long nilEdges = 0;
            long nilCap = NIL_EDGES_PER_TXN * txns.size() + 100_000;
            for (Map.Entry<String, Key> e : keys.entrySet()) {
                Key k = e.getValue();
                List<Integer> nil = k.readers.getOrDefault(null, List.of());
                if (!nil.isEmpty()) {
                    nilEdges += (long) nil.size() * k.committedWriters.size();
                    if (nilEdges > nilCap) {
                        unfinished.putIfAbsent("nil-reads", "too many reads of nil to order before every write; some rw edges skipped");
                    } else {
                        for (int r : nil) {
                            for (int w : k.committedWriters) {
                                edges.add(r, w, DepGraph.RW);
                            }
                        }
                    }
                }
            }
            for (Overwrite o : overwrites) {
                Key k = keys.get(o.key());
                Integer first = k.overwriter.putIfAbsent(o.read() == null ? Nil.NIL : o.read(), o.txn());
                if (first != null) {
                    Txn a = txns.get(first);
                    Txn b = txns.get(o.txn());
                    findings.add("lost-update", o.key(), List.of(a.index(), b.index()), a.name() + " and " + b.name() + " both read "
                            + o.key() + " = " + TxnVerdict.valueText(o.read()) + " and both wrote it: one update is lost");
                }
                if (o.read() != null) {
                    Integer w = k.writer.get(o.read());
                    if (w != null && txns.get(w >> 1).status() != Txn.Status.FAIL) {
                        edges.add(w >> 1, o.txn(), DepGraph.WW);
                    }
                    for (int r : k.readers.getOrDefault(o.read(), List.of())) {
                        edges.add(r, o.txn(), DepGraph.RW);
                    }
                }
            }
        }

        @Override
        public Reason explain(int a, int b, int label) {
            Txn ta = txns.get(a);
            Txn tb = txns.get(b);
            for (MicroOp m : (label == DepGraph.RW ? ta : tb).ops()) {
                if (!m.isRead()) {
                    continue;
                }
                Key k = keys.get(m.key());
                Integer w = m.value() == null ? null : k.writer.get(m.value());
                if (label == DepGraph.WR && w != null && w >> 1 == a) {
                    return new Reason(m.key(), m.value(), ta.name() + " wrote " + m.key() + " = " + m.value() + ", which " + tb.name() + " read");
                }
                if (label == DepGraph.WW && w != null && w >> 1 == a) {
                    Object next = written(tb, m.key());
                    if (next != null) {
                        return new Reason(m.key(), next, tb.name() + " read " + m.key() + " = " + m.value() + " written by " + ta.name()
                                + " and overwrote it with " + next);
                    }
                }
                if (label == DepGraph.RW) {
                    Object next = written(tb, m.key());
                    if (next != null && (m.value() == null || readThenWrote(tb, m.key(), m.value()))) {
                        return new Reason(m.key(), next, ta.name() + " read " + m.key() + " = " + TxnVerdict.valueText(m.value())
                                + (m.value() == null ? ", before " + tb.name() + " wrote it (" + next + ")"
                                        : ", which " + tb.name() + " overwrote with " + next));
                    }
                }
            }
            return null;
        }
    }

    /** The map key for the initial nil in {@code overwriter} (HashMap allows null, but this reads better in a debugger). */
    private enum Nil { NIL }

    private static Object written(Txn t, String key) {
        Object out = null;
        for (MicroOp m : t.ops()) {
            if (m.f().equals("w") && m.key().equals(key)) {
                out = m.value();
            }
        }
        return out;
    }

    private static boolean readThenWrote(Txn t, String key, Object value) {
        for (MicroOp m : t.ops()) {
            if (m.key().equals(key)) {
                return m.isRead() && Objects.equals(m.value(), value);
            }
        }
        return false;
    }
}
