package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.txn.ListAppendChecker;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos bench txn-check}: the list-append checker's throughput and heap on synthetic histories
 * of growing size, to show it linear. Each history is generated first (untimed), then checked after
 * one warm-up check of the smallest.
 */
@Command(name = "txn-check", mixinStandardHelpOptions = true,
        description = {"Generate list-append histories (10 clients, 1-4 micro-ops per txn, keys of up to 16",
            "appends each, 1 % failed and 0.5 % indeterminate txns, strict-serializable unless --stale), check",
            "each with 'list-append', print txn/s (wall clock), the checking thread's CPU time, GC time,",
            "and the heap the check took at its peak."})
final class TxnCheckBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--txns", split = ",", defaultValue = "10000,100000,1000000",
            description = "history sizes in transactions (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--stale", defaultValue = "0",
            description = "fraction of reads served from a stale snapshot, making G-single cycles (default: ${DEFAULT-VALUE})")
    double stale;

    @Override
    public Integer call() {
        if (sizes.stream().anyMatch(n -> n < 10 || n > 20_000_000) || stale < 0 || stale > 1) {
            throw new UsageException("--txns must be 10..20000000 each, --stale a fraction 0..1");
        }
        PrintWriter out = spec.commandLine().getOut();
        ListAppendChecker checker = new ListAppendChecker(CheckOptions.defaults().withConsistency("strict-serializable"));
        checker.check(listAppend(Math.min(10_000, Collections.min(sizes)), stale, 7)); // warm-up
        out.printf("%-10s %-10s %-9s %-10s %-9s %-8s %-10s %-12s %-14s %s%n", "txns", "ops", "check", "txn/s", "cpu", "gc",
                "allocated", "history heap", "peak in check", "verdict");
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int n : sizes) {
            History h = listAppend(n, stale, 42);
            long history = settledHeap();
            resetPeaks();
            long gc0 = gcMillis();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long alloc0 = allocated(threads);
            long t0 = System.nanoTime();
            CheckResult r = checker.check(h);
            long nanos = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long gc = gcMillis() - gc0;
            long alloc = allocated(threads) - alloc0;
            long peak = peakHeap();
            out.printf("%-10d %-10d %-9s %-10.0f %-9s %-8s %-10s %-12s %-14s %s %s%n", n, h.size(), (nanos / 1_000_000) + " ms",
                    n / (nanos / 1e9), (cpu / 1_000_000) + " ms", gc + " ms", mib(alloc), mib(history), mib(Math.max(0, peak - history)), r.verdict(),
                    r.details().get("anomaly-types"));
            out.flush();
        }
        return 0;
    }

    /** Bytes the current thread allocated so far (HotSpot), or 0 where unsupported. */
    private static long allocated(java.lang.management.ThreadMXBean threads) {
        return threads instanceof com.sun.management.ThreadMXBean t ? t.getCurrentThreadAllocatedBytes() : 0;
    }

    private static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /**
     * A list-append history of {@code txns} transactions: 10 processes, each invoking a transaction
     * and completing it later, the transaction taking effect atomically at its completion (so the
     * history is strict-serializable); a key takes 16 appends (a few more from transactions already
     * under way) and is then replaced by a fresh one, 8 keys live at a time. With {@code stale} > 0 that fraction of reads return the key as it was 1-3
     * appends earlier.
     */
    static History listAppend(int txns, double stale, long seed) {
        Random random = new Random(seed);
        int processes = 10;
        List<Op> ops = new ArrayList<>(txns * 2 + 16);
        long[] keyOf = new long[8];
        // every key's list; a key stays writable by the transactions that chose it before it was retired
        java.util.Map<String, List<Object>> lists = new java.util.HashMap<>();
        long nextKey = 0;
        for (int i = 0; i < keyOf.length; i++) {
            keyOf[i] = nextKey++;
            lists.put(Long.toString(keyOf[i]), new ArrayList<>());
        }
        long element = 0;
        long[] process = new long[processes];
        long nextProcess = processes;
        Object[][] open = new Object[processes][];
        Object[] invokedValue = new Object[processes];
        for (int p = 0; p < processes; p++) {
            process[p] = p;
        }
        int invoked = 0;
        long time = 0;
        while (invoked < txns || Arrays.stream(open).anyMatch(o -> o != null)) {
            int p = random.nextInt(processes);
            time += 1000;
            if (open[p] == null) {
                if (invoked == txns) {
                    continue;
                }
                invoked++;
                int size = 1 + random.nextInt(4);
                Object[] planned = new Object[size];
                for (int j = 0; j < size; j++) {
                    String key = Long.toString(keyOf[random.nextInt(keyOf.length)]);
                    planned[j] = random.nextInt(3) == 0 ? new Object[] {"r", key} : new Object[] {"append", key, element++};
                }
                open[p] = planned;
                List<Object> value = new ArrayList<>(size);
                for (Object o : planned) {
                    Object[] m = (Object[]) o;
                    value.add(List.of(m[0], m[1], m[0].equals("r") ? "" : m[2]));
                }
                invokedValue[p] = readsUnknown(value);
                ops.add(new Op(ops.size(), time, ProcessId.client(process[p]), OpType.INVOKE, "txn", null,
                        invokedValue[p], null, null, false));
                continue;
            }
            Object[] planned = open[p];
            open[p] = null;
            int fate = random.nextInt(200);
            OpType type = fate < 2 ? OpType.FAIL : fate < 3 ? OpType.INFO : OpType.OK;
            List<Object> value = new ArrayList<>(planned.length);
            for (Object o : planned) {
                Object[] m = (Object[]) o;
                String key = (String) m[1];
                if (m[0].equals("r")) {
                    List<Object> l = lists.get(key);
                    int len = l.size();
                    if (stale > 0 && len > 0 && random.nextDouble() < stale) {
                        len = Math.max(0, len - 1 - random.nextInt(3));
                    }
                    value.add(List.of("r", key, Collections.unmodifiableList(new ArrayList<>(l.subList(0, len)))));
                } else {
                    if (type != OpType.FAIL) {
                        lists.get(key).add(m[2]);
                    }
                    value.add(List.of("append", key, m[2]));
                }
            }
            for (int slot = 0; slot < keyOf.length; slot++) {
                if (lists.get(Long.toString(keyOf[slot])).size() >= 16) {
                    keyOf[slot] = nextKey++;
                    lists.put(Long.toString(keyOf[slot]), new ArrayList<>());
                }
            }
            ops.add(new Op(ops.size(), time, ProcessId.client(process[p]), type, "txn", null,
                    type == OpType.OK ? Collections.unmodifiableList(value) : invokedValue[p], null, null, false));
            if (type == OpType.INFO) {
                process[p] = nextProcess++;
            }
        }
        return new History(HistoryHeader.imported("bench txn-check"), ops);
    }

    private static Object readsUnknown(List<Object> value) {
        List<Object> out = new ArrayList<>(value.size());
        for (Object o : value) {
            List<?> m = (List<?>) o;
            out.add(m.get(0).equals("r") ? Collections.unmodifiableList(Arrays.asList("r", m.get(1), null)) : m);
        }
        return Collections.unmodifiableList(out);
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any one time. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
