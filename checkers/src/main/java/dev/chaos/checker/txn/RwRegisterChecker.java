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
 * every committed write of the key (rw). Non-cycle anomalies: G1a, G1b, internal, lost update,
 * unwritten-read (a value no transaction wrote).
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
            long microOps = 0;
            for (Txn t : txns) {
                microOps += t.ops().size();
            }
            // about one dependency edge per micro-op, and a few order edges per transaction
            this.edges = new DepGraph.Builder(txns.size(), 2 * microOps + 4L * txns.size(), options.memoryLimit());
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
            if (!edges.full()) {
                edges.addOrders(txns);
            }
            return TxnVerdict.judge(name(), claimed, txns, edges, findings, this, unfinished, options, started);
        }

        private Key key(String k) {
            return keys.computeIfAbsent(k, x -> new Key());
        }

        private void writes() {
            for (Txn t : txns) {
                List<MicroOp> ops = t.ops();
                for (int j = 0; j < ops.size(); j++) {
                    MicroOp m = ops.get(j);
                    if (!m.isWrite()) {
                        continue;
                    }
                    boolean last = true;
                    for (int i = j + 1; i < ops.size() && last; i++) {
                        last = !(ops.get(i).isWrite() && ops.get(i).key().equals(m.key()));
                    }
                    Key k = key(m.key());
                    k.writer.put(m.value(), t.id() << 1 | (last ? 1 : 0));
                    if (t.committed() && last) {
                        k.committedWriters.add(t.id());
                    }
                }
            }
        }

        /**
         * Internal consistency, G1a, G1b, wr edges, and what the transaction overwrote. A read after
         * the transaction's own write must return that write (else internal). A read that returns
         * another value than the transaction's earlier read of the key saw a newer version (allowed by
         * read committed): an rw edge from the transaction to that version's writer, whose wr edge
         * back makes the G-single that repeatable read and stronger forbid.
         */
        private void reads(Txn t) {
            List<MicroOp> ops = t.ops();
            for (int j = 0; j < ops.size(); j++) {
                MicroOp m = ops.get(j);
                if (!m.isRead()) {
                    if (m.isWrite() && firstWrite(ops, j)) {
                        overwrite(t, j);
                    }
                    continue;
                }
                MicroOp before = null;
                for (int i = j - 1; i >= 0 && before == null; i--) {
                    before = ops.get(i).key().equals(m.key()) ? ops.get(i) : null;
                }
                if (before != null && before.isWrite()) {
                    if (!Objects.equals(before.value(), m.value())) {
                        findings.add("internal", m.key(), List.of(t.index()), t.name() + " read " + m.key() + " = "
                                + TxnVerdict.valueText(m.value()) + " after its own write of " + TxnVerdict.valueText(before.value()));
                    }
                    continue;
                }
                if (before != null && Objects.equals(before.value(), m.value())) {
                    continue; // the same version again
                }
                Key k = key(m.key());
                k.readers.computeIfAbsent(m.value(), x -> new ArrayList<>()).add(t.id());
                if (m.value() == null) {
                    continue;
                }
                Integer w = k.writer.get(m.value());
                if (w == null) {
                    findings.add("unwritten-read", m.key(), List.of(t.index()), t.name() + " read " + m.key() + " = " + m.value()
                            + ", which no transaction wrote");
                    continue;
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
                if (before != null) {
                    edges.add(t.id(), writer.id(), DepGraph.RW); // it read an older version first
                }
            }
        }

        private static boolean firstWrite(List<MicroOp> ops, int j) {
            for (int i = 0; i < j; i++) {
                if (ops.get(i).isWrite() && ops.get(i).key().equals(ops.get(j).key())) {
                    return false;
                }
            }
            return true;
        }

        /** The transaction's first write of a key at {@code j}: the version it read last before it is the one it replaced. */
        private void overwrite(Txn t, int j) {
            List<MicroOp> ops = t.ops();
            String key = ops.get(j).key();
            for (int i = j - 1; i >= 0; i--) {
                if (ops.get(i).isRead() && ops.get(i).key().equals(key)) {
                    overwrites.add(new Overwrite(t.id(), key, ops.get(i).value(), written(t, key)));
                    return;
                }
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
                    Object later = readLater(ta, m, tb, k);
                    if (later != null) {
                        return new Reason(m.key(), later, ta.name() + " read " + m.key() + " = " + TxnVerdict.valueText(m.value())
                                + " and later " + later + ", written by " + tb.name() + " in between");
                    }
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
            if (m.isWrite() && m.key().equals(key)) {
                out = m.value();
            }
        }
        return out;
    }

    /** A later read by t of m's key returning a value that {@code writer} wrote, or null. */
    private static Object readLater(Txn t, MicroOp m, Txn writer, Key k) {
        boolean after = false;
        for (MicroOp o : t.ops()) {
            if (o == m) {
                after = true;
            } else if (after && o.isRead() && o.key().equals(m.key()) && o.value() != null
                    && !Objects.equals(o.value(), m.value())) {
                Integer w = k.writer.get(o.value());
                if (w != null && w >> 1 == writer.id()) {
                    return o.value();
                }
            }
        }
        return null;
    }

    /** Whether t's last read of the key before its first write of it returned {@code value}. */
    private static boolean readThenWrote(Txn t, String key, Object value) {
        Object last = null;
        boolean read = false;
        for (MicroOp m : t.ops()) {
            if (m.key().equals(key)) {
                if (m.isWrite()) {
                    return read && Objects.equals(last, value);
                }
                last = m.value();
                read = true;
            }
        }
        return false;
    }
}
