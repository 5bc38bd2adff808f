package dev.chaos.report;

import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Histories for report tests, built op by op: known anomalies, and hostile text in every field a report shows. */
public final class Histories {

    public static final String SCRIPT = "</script><script>alert(1)</script>";
    public static final String IMG = "<img src=x onerror=alert(1)>";

    private Histories() {
    }

    /** Builds a history in order, stamping index and time. */
    static final class Builder {
        final List<Op> ops = new ArrayList<>();
        long time;

        Op add(ProcessId p, OpType type, String f, String key, Object value, String node, String error, boolean fin) {
            Op op = new Op(ops.size(), time, p, type, f, key, value, node, error, fin);
            ops.add(op);
            return op;
        }

        History build(HistoryHeader header) {
            return new History(header, ops);
        }
    }

    /**
     * A set workload on three nodes, {@code adds} adds from 5 client threads, a partition in the
     * middle third, a heal, and final reads that miss {@code lost} acknowledged elements (the first
     * acknowledged ones after element 100) and contain the element {@link #SCRIPT}, never added.
     * Errors, a nemesis value and the scenario name carry {@link #IMG}. About 1 in 12 calls fails or
     * is indeterminate.
     */
    public static History setWithLostWrites(int adds, int lost, long seed) {
        Random random = new Random(seed);
        Builder b = new Builder();
        List<String> nodes = List.of("n1", "n2", "n3");
        List<Long> acked = new ArrayList<>();
        Map<ProcessId, Op> busy = new HashMap<>();
        List<ProcessId> procs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            procs.add(ProcessId.client(i));
        }
        long nextProcess = 5;
        long element = 0;
        int steps = adds * 2 + 50;
        boolean partitioned = false;
        for (int step = 0; step < steps || !busy.isEmpty(); step++) {
            b.time += 100_000 + random.nextInt(300_000);
            if (step == steps / 3) {
                b.add(ProcessId.NEMESIS, OpType.INFO, "start-partition", null,
                        Map.of("n1", List.of("n3"), "n2", List.of("n3"), "n3", List.of("n1", "n2", IMG)), null, null, false);
                partitioned = true;
            } else if (step == 2 * steps / 3) {
                b.add(ProcessId.NEMESIS, OpType.INFO, "stop-partition", null, null, null, null, false);
                partitioned = false;
            }
            ProcessId p = procs.get(random.nextInt(procs.size()));
            Op inv = busy.remove(p);
            if (inv != null) {
                double r = random.nextDouble();
                OpType type = r < 0.92 ? OpType.OK : r < 0.96 ? OpType.FAIL : OpType.INFO;
                if (partitioned && inv.node().equals("n3") && r < 0.7) {
                    type = r < 0.35 ? OpType.FAIL : OpType.INFO;
                }
                Object value = inv.value();
                if (inv.f().equals("read") && type == OpType.OK) {
                    value = new ArrayList<>(acked.subList(Math.max(0, acked.size() - 5), acked.size()));
                }
                b.add(p, type, inv.f(), null, value, inv.node(), type == OpType.OK ? null : step % 3 == 0 ? IMG : "timed-out", false);
                if (type == OpType.OK && inv.f().equals("add")) {
                    acked.add((Long) inv.value());
                }
                if (type == OpType.INFO) {
                    procs.remove(p);
                    procs.add(ProcessId.client(nextProcess++));
                }
            } else if (step < steps) {
                String node = nodes.get(random.nextInt(nodes.size()));
                boolean add = random.nextDouble() < 0.9 && element < adds;
                busy.put(p, b.add(p, OpType.INVOKE, add ? "add" : "read", null, add ? element++ : null, node, null, false));
            }
        }
        b.time += 1_000_000;
        b.add(ProcessId.NEMESIS, OpType.INFO, "heal", null, null, null, null, false);
        List<Object> present = new ArrayList<>();
        int skipped = 0;
        for (Long el : acked) {
            if (el >= 100 && skipped < lost) {
                skipped++;
                continue;
            }
            present.add(el);
        }
        present.add(SCRIPT);
        long fp = 1000;
        for (String n : nodes) {
            ProcessId p = ProcessId.client(fp++);
            b.time += 2_000_000;
            b.add(p, OpType.INVOKE, "read", null, null, n, null, true);
            b.time += 1_000_000;
            b.add(p, OpType.OK, "read", null, present, n, null, true);
        }
        return b.build(new HistoryHeader(HistoryHeader.FORMAT_V1, "split " + IMG, "zookeeper", nodes, seed,
                "2026-11-22T10:00:00Z", "chaos test"));
    }

    /**
     * A cas-register history on key {@link #SCRIPT} that is not linearizable: process 2 reads 3,
     * a value nobody wrote, concurrently with a write of 2 and a cas [1,2]; key {@code ok} is fine.
     */
    public static History casRegisterViolation() {
        Builder b = new Builder();
        ProcessId p0 = ProcessId.client(0);
        ProcessId p1 = ProcessId.client(1);
        ProcessId p2 = ProcessId.client(2);
        String k = SCRIPT;
        step(b, p0, OpType.INVOKE, "write", k, 1L, null);
        step(b, p0, OpType.OK, "write", k, 1L, null);
        step(b, p1, OpType.INVOKE, "write", "ok", 7L, null);
        step(b, p1, OpType.OK, "write", "ok", 7L, null);
        step(b, p0, OpType.INVOKE, "cas", k, List.of(1L, 2L), null);
        step(b, p1, OpType.INVOKE, "write", k, 2L, null);
        step(b, p2, OpType.INVOKE, "read", k, null, null);
        step(b, p2, OpType.OK, "read", k, 3L, null);
        step(b, p1, OpType.OK, "write", k, 2L, null);
        step(b, p0, OpType.INFO, "cas", k, List.of(1L, 2L), IMG);
        step(b, p2, OpType.INVOKE, "read", "ok", null, null);
        step(b, p2, OpType.OK, "read", "ok", 7L, null);
        return b.build(new HistoryHeader(HistoryHeader.FORMAT_V1, "cas " + IMG, "zookeeper", List.of("n1"), 1L,
                "2026-11-22T10:00:00Z", "chaos test"));
    }

    /**
     * Read skew in list-append transactions on key {@link #SCRIPT} and key {@link #IMG}: process 1
     * reads the first before process 0's transaction appends to both, and the second after (G-single).
     */
    public static History txnReadSkew() {
        Builder b = new Builder();
        ProcessId p0 = ProcessId.client(0);
        ProcessId p1 = ProcessId.client(1);
        List<Object> unread = List.of(java.util.Arrays.asList("r", SCRIPT, null), java.util.Arrays.asList("r", IMG, null));
        List<Object> appends = List.of(List.of("append", SCRIPT, 1L), List.of("append", IMG, 1L));
        step(b, p1, OpType.INVOKE, "txn", null, unread, null);
        step(b, p0, OpType.INVOKE, "txn", null, appends, null);
        step(b, p0, OpType.OK, "txn", null, appends, null);
        step(b, p1, OpType.OK, "txn", null, List.of(List.of("r", SCRIPT, List.of()), List.of("r", IMG, List.of(1L))), null);
        step(b, p0, OpType.INVOKE, "txn", null, unread, null);
        step(b, p0, OpType.OK, "txn", null, List.of(List.of("r", SCRIPT, List.of(1L)), List.of("r", IMG, List.of(1L))), null);
        return b.build(new HistoryHeader(HistoryHeader.FORMAT_V1, "txn", "postgres", List.of("n1"), 1L,
                "2026-11-22T10:00:00Z", "chaos test"));
    }

    private static void step(Builder b, ProcessId p, OpType type, String f, String key, Object value, String error) {
        b.time += 5_000_000;
        b.add(p, type, f, key, value, "n1", error, false);
    }
}
