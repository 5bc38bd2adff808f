package dev.chaos.checker.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: on thousands of small random list-append histories (3-6 committed transactions over two
 * keys), the checker's serializability verdict agrees with a brute force that tries every order of
 * the transactions and replays them. The histories come from a simulated database whose transactions
 * run interleaved, each either on a snapshot taken when it begins or reading the latest committed
 * state at each read (read committed), and publish their appends when they commit: sometimes
 * serializable, often not (lost updates, write skew, read skew, fractured reads). The same
 * generator with register writes checks rw-register for soundness.
 */
class TxnBruteForceTest {

    private static final int CASES = 4000;
    private static final List<String> KEYS = List.of("x", "y");

    @Test
    void agreesWithBruteForceSerializability() {
        Random random = new Random(20261203L);
        ListAppendChecker checker = new ListAppendChecker(CheckOptions.defaults().withConsistency("serializable"));
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < CASES; i++) {
            List<List<Object[]>> txns = new ArrayList<>();
            History h = generate(random, txns, false);
            boolean serializable = bruteForce(txns);
            Verdict got = checker.check(h).verdict();
            assertEquals(serializable ? Verdict.VALID : Verdict.INVALID, got, "case " + i + ": " + h.ops());
            if (serializable) {
                valid++;
            } else {
                invalid++;
            }
        }
        System.out.println("list-append brute-force agreement: " + CASES + " cases, " + valid + " serializable, " + invalid + " not");
        assertTrue(valid > CASES / 5 && invalid > CASES / 5, valid + " valid, " + invalid + " invalid");
    }

    /**
     * rw-register infers only part of the version order (as Elle does), so it may miss a cycle the
     * brute force finds; what it must never do is call a serializable history invalid. It must still
     * catch most of the non-serializable ones.
     */
    @Test
    void rwRegisterIsSoundAgainstBruteForce() {
        Random random = new Random(20261204L);
        RwRegisterChecker checker = new RwRegisterChecker(CheckOptions.defaults().withConsistency("serializable"));
        int valid = 0;
        int caught = 0;
        int missed = 0;
        for (int i = 0; i < CASES; i++) {
            List<List<Object[]>> txns = new ArrayList<>();
            History h = generate(random, txns, true);
            boolean serializable = bruteForce(txns);
            Verdict got = checker.check(h).verdict();
            if (serializable) {
                assertEquals(Verdict.VALID, got, "case " + i + ": " + h.ops());
                valid++;
            } else if (got == Verdict.INVALID) {
                caught++;
            } else {
                missed++;
            }
        }
        System.out.println("rw-register against brute force: " + CASES + " cases, " + valid + " serializable (all valid), "
                + caught + " not serializable and caught, " + missed + " not serializable and missed");
        assertTrue(valid > CASES / 5 && caught > 2 * missed, valid + " valid, " + caught + " caught, " + missed + " missed");
    }

    /** Micro-ops as {f, key, value}: {"append" or "w", k, long} or {"r", k, List<Long> or the last value}. */
    private static History generate(Random random, List<List<Object[]>> txns, boolean register) {
        int n = 3 + random.nextInt(4);
        long element = 1;
        List<List<Object[]>> planned = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<Object[]> ops = new ArrayList<>();
            int size = 1 + random.nextInt(4);
            for (int j = 0; j < size; j++) {
                String k = KEYS.get(random.nextInt(KEYS.size()));
                ops.add(random.nextBoolean() ? new Object[] {register ? "w" : "append", k, element++} : new Object[] {"r", k, null});
            }
            planned.add(ops);
        }
        // a schedule: each transaction's begin, each micro-op, and its commit, interleaved at random
        List<int[]> events = new ArrayList<>(); // {txn, step}: step 0 begin, 1..size ops, size+1 commit
        int[] next = new int[n];
        int remaining = 0;
        for (List<Object[]> p : planned) {
            remaining += p.size() + 2;
        }
        boolean serial = random.nextInt(4) == 0;
        int current = 0;
        while (remaining > 0) {
            int t;
            if (serial) {
                while (next[current] > planned.get(current).size() + 1) {
                    current++;
                }
                t = current;
            } else {
                do {
                    t = random.nextInt(n);
                } while (next[t] > planned.get(t).size() + 1);
            }
            events.add(new int[] {t, next[t]++});
            remaining--;
        }
        boolean[] snapshotMode = new boolean[n];
        for (int t = 0; t < n; t++) {
            snapshotMode[t] = random.nextBoolean();
        }
        Map<String, List<Long>> committed = new HashMap<>();
        List<Map<String, List<Long>>> snapshot = new ArrayList<>();
        List<Map<String, List<Long>>> own = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            snapshot.add(null);
            own.add(new HashMap<>());
            txns.add(new ArrayList<>());
        }
        List<Op> ops = new ArrayList<>();
        for (int[] ev : events) {
            int t = ev[0];
            List<Object[]> p = planned.get(t);
            if (ev[1] == 0) {
                snapshot.set(t, copy(committed));
                ops.add(op(ops.size(), t, OpType.INVOKE, invocation(p)));
            } else if (ev[1] <= p.size()) {
                Object[] m = p.get(ev[1] - 1);
                String k = (String) m[1];
                if (!m[0].equals("r")) {
                    own.get(t).computeIfAbsent(k, x -> new ArrayList<>()).add((Long) m[2]);
                    txns.get(t).add(m);
                } else {
                    Map<String, List<Long>> base = snapshotMode[t] ? snapshot.get(t) : committed;
                    List<Long> read = new ArrayList<>(base.getOrDefault(k, List.of()));
                    read.addAll(own.get(t).getOrDefault(k, List.of()));
                    // a register holds the last value written
                    txns.get(t).add(new Object[] {"r", k, register ? (read.isEmpty() ? null : read.get(read.size() - 1)) : read});
                }
            } else {
                own.get(t).forEach((k, v) -> committed.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                List<Object> done = new ArrayList<>();
                for (Object[] m : txns.get(t)) {
                    done.add(Values.list(m[0], m[1], m[2]));
                }
                ops.add(op(ops.size(), t, OpType.OK, Values.list(done.toArray())));
            }
        }
        return new History(HistoryHeader.imported("property"), ops);
    }

    private static Object invocation(List<Object[]> planned) {
        List<Object> out = new ArrayList<>();
        for (Object[] m : planned) {
            out.add(Values.list(m[0], m[1], m[2]));
        }
        return Values.list(out.toArray());
    }

    private static Op op(int index, int process, OpType type, Object value) {
        return new Op(index, index * 1000L, ProcessId.client(process), type, "txn", null, value, null, null, false);
    }

    private static Map<String, List<Long>> copy(Map<String, List<Long>> m) {
        Map<String, List<Long>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    /** Is there an order of the transactions in which every read returns what it did? */
    static boolean bruteForce(List<List<Object[]>> txns) {
        return permute(txns, new boolean[txns.size()], 0, new HashMap<>());
    }

    private static boolean permute(List<List<Object[]>> txns, boolean[] used, int placed, Map<String, List<Long>> state) {
        if (placed == txns.size()) {
            return true;
        }
        for (int t = 0; t < txns.size(); t++) {
            if (used[t]) {
                continue;
            }
            Map<String, List<Long>> s = copy(state);
            if (replay(txns.get(t), s)) {
                used[t] = true;
                boolean ok = permute(txns, used, placed + 1, s);
                used[t] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean replay(List<Object[]> txn, Map<String, List<Long>> state) {
        for (Object[] m : txn) {
            String k = (String) m[1];
            List<Long> now = state.getOrDefault(k, List.of());
            if (!m[0].equals("r")) {
                state.computeIfAbsent(k, x -> new ArrayList<>()).add((Long) m[2]);
            } else if (m[2] instanceof List ? !now.equals(m[2])
                    : !java.util.Objects.equals(now.isEmpty() ? null : now.get(now.size() - 1), m[2])) {
                return false;
            }
        }
        return true;
    }
}
