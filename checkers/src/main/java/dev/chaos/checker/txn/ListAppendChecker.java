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

/**
 * Elle's list-append checker. Transactions append unique values to lists and read whole lists, so
 * every read is a version of its key, and the longest read of a key orders all the versions: every
 * other read must be a prefix of it (else the key has incompatible orders). From that order come the
 * dependencies: ww between the writers of neighbouring elements, wr from the writer of a read's last
 * element to the reader, rw from a reader to the writer of the element after its read. Appends by
 * committed transactions that no read saw come after every element read. Then {@link CycleSearch}
 * finds the cycles, and the checks below the non-cycle anomalies: G1a (a read saw an element of a
 * failed transaction), G1b (a read ended at an element its writer appended more after), internal
 * (a transaction's read does not end with its own earlier appends), duplicate elements, lost
 * update (two committed transactions read the same version of a key and both appended to it),
 * unwritten-read (a read saw an element no transaction appended).
 * Time and memory are linear in the history (the sum of its reads' lengths).
 */
public final class ListAppendChecker implements Checker {

    private final CheckOptions options;
    private final ConsistencyModel claimed;

    public ListAppendChecker(CheckOptions options) {
        this.options = options;
        this.claimed = claimedModel(options);
    }

    /**
     * The model to judge against: {@code options.consistency()}, else {@code options.model()} when it
     * names a consistency model, else strict serializability (Elle's default).
     *
     * @throws IllegalArgumentException naming the known models, when the consistency is none of them
     */
    static ConsistencyModel claimedModel(CheckOptions options) {
        if (options.consistency() != null) {
            ConsistencyModel m = ConsistencyModel.byName(options.consistency());
            if (m == null) {
                throw new IllegalArgumentException("unknown consistency model '" + options.consistency() + "'; known: "
                        + String.join(", ", ConsistencyModel.names()));
            }
            return m;
        }
        ConsistencyModel m = options.model() == null ? null : ConsistencyModel.byName(options.model());
        return m != null ? m : ConsistencyModel.STRICT_SERIALIZABLE;
    }

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public boolean appliesTo(History history) {
        return Txns.uses(history, "append");
    }

    @Override
    public CheckResult check(History history) {
        long started = System.nanoTime();
        Txns parsed = Txns.of(history);
        if (parsed.txns().isEmpty() || !parsed.problems().isEmpty()) {
            List<String> summary = new ArrayList<>();
            summary.add(parsed.txns().isEmpty() ? "no txn operations: not a list-append history"
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

    /** One key's inferred version order. */
    private static final class Key {
        /** element → (writer txn id << 1 | 1 if it is the writer's last append to this key); negated (~) once read. */
        final HashMap<Object, Integer> writer = new HashMap<>();
        List<?> longest = List.of();
        int longestReader = -1;
        /** writer txn id of each element of {@link #longest}, -1 when unknown. */
        int[] order = new int[0];
        /** committed appenders whose elements no read saw: they come after the whole order. */
        int[] unobserved = new int[0];
        /** version (read length) → the first committed txn that read it and then appended. */
        HashMap<Integer, Integer> readThenAppend;
    }

    private final class Run implements Explainer {

        final List<Txn> txns;
        final Map<String, Key> keys = new HashMap<>();
        final Findings findings = new Findings();
        final DepGraph.Builder edges;

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
            longestReads();
            for (Map.Entry<String, Key> e : keys.entrySet()) {
                versionOrder(e.getKey(), e.getValue());
            }
            reads();
            if (!edges.full()) {
                edges.addOrders(txns);
            }
            Map<String, String> unfinished = new LinkedHashMap<>();
            return TxnVerdict.judge(name(), claimed, txns, edges, findings, this, unfinished, options, started);
        }

        private Key key(String k) {
            return keys.computeIfAbsent(k, x -> new Key());
        }

        /** Who appended each element, and whether it was that transaction's last append to the key. */
        private void writes() {
            for (Txn t : txns) {
                List<MicroOp> ops = t.ops();
                for (int j = 0; j < ops.size(); j++) {
                    MicroOp m = ops.get(j);
                    if (!m.isAppend()) {
                        continue;
                    }
                    boolean last = true;
                    for (int i = j + 1; i < ops.size() && last; i++) {
                        last = !(ops.get(i).isAppend() && ops.get(i).key().equals(m.key()));
                    }
                    key(m.key()).writer.put(m.value(), t.id() << 1 | (last ? 1 : 0));
                }
            }
        }

        /** The longest committed read of each key, and each transaction's consistency with itself. */
        private void longestReads() {
            for (Txn t : txns) {
                if (!t.committed()) {
                    continue;
                }
                List<MicroOp> ops = t.ops();
                for (int j = 0; j < ops.size(); j++) {
                    MicroOp m = ops.get(j);
                    if (!m.isRead()) {
                        continue;
                    }
                    List<?> read = list(m.value());
                    Key k = key(m.key());
                    if (read.size() > k.longest.size()) {
                        k.longest = read;
                        k.longestReader = t.id();
                    }
                    internal(t, j, read);
                }
            }
        }

        /**
         * A read must end with every element the transaction appended to the key before it, in order
         * (its own writes). That it may show other transactions' newer elements than an earlier read
         * did (a non-repeatable read, allowed by read committed) is not decided here: the two reads
         * make a G-single cycle in the graph, which is what forbids it.
         */
        private void internal(Txn t, int j, List<?> read) {
            List<MicroOp> ops = t.ops();
            String key = ops.get(j).key();
            List<Object> own = null;
            for (int i = 0; i < j; i++) {
                MicroOp m = ops.get(i);
                if (m.isAppend() && m.key().equals(key)) {
                    if (own == null) {
                        own = new ArrayList<>();
                    }
                    own.add(m.value());
                }
            }
            if (own == null) {
                return; // nothing of its own to show
            }
            if (read.size() < own.size() || !read.subList(read.size() - own.size(), read.size()).equals(own)) {
                findings.add("internal", key, List.of(t.index()), t.name() + " read " + key + " = " + TxnVerdict.valueText(read)
                        + ", which does not end with its own appends " + own);
            }
        }

        /** Walks the longest read: G1a, duplicates, ww edges, and the appends no read saw. */
        private void versionOrder(String name, Key k) {
            List<?> v = k.longest;
            k.order = new int[v.size()];
            for (int i = 0; i < v.size(); i++) {
                Object e = v.get(i);
                Integer w = k.writer.get(e);
                if (w == null) {
                    k.order[i] = -1;
                    findings.add("unwritten-read", name, List.of(txns.get(k.longestReader).index()),
                            txns.get(k.longestReader).name() + " read " + name + " with " + e + ", which no transaction appended");
                    continue;
                }
                if (w < 0) {
                    findings.add("duplicate-elements", name, List.of(txns.get(k.longestReader).index()),
                            txns.get(k.longestReader).name() + " read " + name + " with " + e + " more than once");
                    w = ~w;
                } else {
                    k.writer.put(e, ~w);
                }
                Txn writer = txns.get(w >> 1);
                k.order[i] = writer.id();
                if (writer.status() == Txn.Status.FAIL) {
                    findings.add("G1a", name, List.of(txns.get(k.longestReader).index(), writer.index()),
                            txns.get(k.longestReader).name() + " read " + name + " with " + e + ", appended by "
                                    + writer.name() + ", which failed (aborted)");
                    k.order[i] = -1;
                } else if (i > 0 && k.order[i - 1] >= 0) {
                    edges.add(k.order[i - 1], writer.id(), DepGraph.WW);
                }
            }
            int[] after = new int[4];
            int count = 0;
            for (int w : k.writer.values()) {
                if (w >= 0 && txns.get(w >> 1).committed()) { // a transaction with two unread appends is listed twice: harmless
                    if (count == after.length) {
                        after = java.util.Arrays.copyOf(after, count * 2);
                    }
                    after[count++] = w >> 1;
                }
            }
            k.unobserved = count == 0 ? NONE : java.util.Arrays.copyOf(after, count);
            int last = v.isEmpty() ? -1 : k.order[v.size() - 1];
            for (int u : k.unobserved) {
                edges.add(last, u, DepGraph.WW);
            }
        }

        /** Every committed read against its key's order: incompatible orders, G1b, wr and rw edges, lost updates. */
        private void reads() {
            for (Txn t : txns) {
                if (!t.committed()) {
                    continue;
                }
                List<MicroOp> ops = t.ops();
                for (int j = 0; j < ops.size(); j++) {
                    MicroOp m = ops.get(j);
                    if (m.isRead()) {
                        read(t, j, m);
                    }
                }
            }
        }

        private void read(Txn t, int j, MicroOp m) {
            Key k = keys.get(m.key());
            List<?> read = list(m.value());
            int n = read.size();
            if (!isPrefix(read, k.longest)) {
                Txn other = txns.get(k.longestReader);
                findings.add("incompatible-order", m.key(), List.of(t.index(), other.index()), t.name() + " read " + m.key()
                        + " = " + TxnVerdict.valueText(read) + " and " + other.name() + " read " + TxnVerdict.valueText(k.longest)
                        + ": neither is a prefix of the other");
                return;
            }
            if (n > 0) {
                Integer w = k.writer.get(read.get(n - 1));
                if (w != null) {
                    w = w < 0 ? ~w : w;
                    Txn writer = txns.get(w >> 1);
                    if (writer.id() != t.id() && (w & 1) == 0) {
                        findings.add("G1b", m.key(), List.of(t.index(), writer.index()), t.name() + " read " + m.key() + " = "
                                + TxnVerdict.valueText(read) + ", ending at " + read.get(n - 1) + ", an intermediate append of "
                                + writer.name() + ", which appended more to " + m.key() + " afterwards");
                    }
                    if (writer.status() != Txn.Status.FAIL) {
                        edges.add(writer.id(), t.id(), DepGraph.WR);
                    }
                }
            }
            if (n < k.order.length) {
                edges.add(t.id(), k.order[n], DepGraph.RW);
            } else {
                for (int u : k.unobserved) {
                    edges.add(t.id(), u, DepGraph.RW);
                }
            }
            lostUpdate(t, j, m, k, n);
        }

        /** A read of the key before the transaction's own first append to it, then an append. */
        private void lostUpdate(Txn t, int j, MicroOp m, Key k, int version) {
            List<MicroOp> ops = t.ops();
            for (int i = 0; i < j; i++) {
                if (ops.get(i).key().equals(m.key())) {
                    return; // not the first touch of the key
                }
            }
            boolean appends = false;
            for (int i = j + 1; i < ops.size() && !appends; i++) {
                appends = ops.get(i).isAppend() && ops.get(i).key().equals(m.key());
            }
            if (!appends) {
                return;
            }
            if (k.readThenAppend == null) {
                k.readThenAppend = new HashMap<>();
            }
            Integer first = k.readThenAppend.putIfAbsent(version, t.id());
            if (first != null) {
                Txn o = txns.get(first);
                findings.add("lost-update", m.key(), List.of(o.index(), t.index()), o.name() + " and " + t.name() + " both read "
                        + m.key() + " = " + TxnVerdict.valueText(m.value() == null ? List.of() : m.value())
                        + " and both appended to it: one update is lost");
            }
        }

        @Override
        public Reason explain(int a, int b, int label) {
            Txn ta = txns.get(a);
            Txn tb = txns.get(b);
            for (MicroOp m : (label == DepGraph.WR ? tb : ta).ops()) {
                Key k = keys.get(m.key());
                if (k == null) {
                    continue;
                }
                List<?> v = k.longest;
                int n = v.size();
                if (label == DepGraph.WW && m.isAppend()) {
                    for (int i = 1; i < n; i++) {
                        if (k.order[i - 1] == a && k.order[i] == b) {
                            return new Reason(m.key(), v.get(i), ta.name() + " appended " + v.get(i - 1) + " to " + m.key()
                                    + ", and " + tb.name() + " appended " + v.get(i) + " right after it");
                        }
                    }
                    if ((n == 0 ? -1 : k.order[n - 1]) == a && contains(k.unobserved, b)) {
                        Object e = appended(tb, m.key());
                        return new Reason(m.key(), e, tb.name() + "'s append of " + e + " to " + m.key()
                                + " was never read, so it came after " + ta.name() + "'s " + (n == 0 ? "" : v.get(n - 1) + ", the last element read"));
                    }
                } else if (label == DepGraph.WR && m.isRead()) {
                    List<?> read = list(m.value());
                    if (!read.isEmpty() && isPrefix(read, v) && k.order[read.size() - 1] == a) {
                        return new Reason(m.key(), read.get(read.size() - 1), ta.name() + " appended " + read.get(read.size() - 1)
                                + " to " + m.key() + ", which " + tb.name() + " read");
                    }
                } else if (label == DepGraph.RW && m.isRead()) {
                    List<?> read = list(m.value());
                    if (!isPrefix(read, v)) {
                        continue;
                    }
                    if (read.size() < n && k.order[read.size()] == b) {
                        return new Reason(m.key(), v.get(read.size()), ta.name() + " read " + m.key() + " = " + TxnVerdict.valueText(read)
                                + ", before " + tb.name() + " appended " + v.get(read.size()) + " to it");
                    }
                    if (read.size() == n && contains(k.unobserved, b)) {
                        Object e = appended(tb, m.key());
                        return new Reason(m.key(), e, ta.name() + " read " + m.key() + " = " + TxnVerdict.valueText(read)
                                + ", without " + tb.name() + "'s append of " + e);
                    }
                }
            }
            return null;
        }
    }

    private static Object appended(Txn t, String key) {
        for (MicroOp m : t.ops()) {
            if (m.isAppend() && m.key().equals(key)) {
                return m.value();
            }
        }
        return null;
    }

    private static final int[] NONE = new int[0];

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrefix(List<?> p, List<?> of) {
        if (p.size() > of.size()) {
            return false;
        }
        for (int i = p.size() - 1; i >= 0; i--) {
            if (!java.util.Objects.equals(p.get(i), of.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A list-append read: a list, or nil for a key never written. */
    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }
}
