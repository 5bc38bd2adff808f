package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos bench report}: how long writing report.html, junit.xml and results.json takes, and
 * how big they get, for a synthetic set history of a given size (checkers run first, untimed here).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic set history (5 nodes, 50 clients, partitions, some lost writes),",
            "check it, then time Reports.write and print the files' sizes."})
final class ReportBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ops", defaultValue = "1000000", description = "history size in ops (default: ${DEFAULT-VALUE})")
    int ops;

    @Option(names = "--runs", defaultValue = "3", description = "measured runs after one warm-up (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--keep", paramLabel = "DIR", description = "write the reports here and keep them (default: a temporary directory)")
    Path keep;

    @Override
    public Integer call() throws Exception {
        if (ops < 100 || runs < 1) {
            throw new UsageException("--ops must be >= 100 and --runs >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        History h = syntheticSet(ops, 42);
        long t1 = System.nanoTime();
        List<CheckResult> results = Checks.run(h, Checks.select(Checks.workload("set").checkers(), CheckOptions.defaults()), true);
        long t2 = System.nanoTime();
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("valid", Checks.verdict(results).json());
        json.put("scenario", "bench");
        json.put("ops", h.size());
        json.put("checkers", dev.chaos.pipeline.RunDirectory.checkersJson(results));
        out.printf("history: %d ops, generated in %d ms; checkers (%s) in %d ms%n", h.size(), (t1 - t0) / 1_000_000,
                String.join(",", results.stream().map(CheckResult::checker).toList()), (t2 - t1) / 1_000_000);
        Path dir = keep != null ? keep : Files.createTempDirectory("chaos-bench-report");
        try {
            long[] millis = new long[runs];
            Reports.Written w = null;
            for (int i = -1; i < runs; i++) {
                long s = System.nanoTime();
                w = Reports.write(dir, h, results, json);
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - s) / 1_000_000;
                }
            }
            Arrays.sort(millis);
            out.printf("Reports.write: min %d ms, median %d ms, max %d ms (%d runs after a warm-up)%n", millis[0],
                    millis[runs / 2], millis[runs - 1], runs);
            out.printf("sizes: report.html %.2f MB, junit.xml %.1f KB, results.json %.1f KB%n", Files.size(w.html()) / 1e6,
                    Files.size(w.junit()) / 1e3, Files.size(w.results()) / 1e3);
        } finally {
            if (keep == null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        return 0;
    }

    /**
     * A set history of about {@code size} ops: 50 client processes adding unique elements to 64
     * keys on 5 nodes at ~100k ops/s, a read every 20 calls (the last 10 elements of its key), a
     * partition for the middle 20% of every 10% slice, ~1% failed and ~0.5% indeterminate calls, and
     * final reads on every node that miss 25 acknowledged elements.
     */
    static History syntheticSet(int size, long seed) {
        Random random = new Random(seed);
        List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
        List<Op> ops = new ArrayList<>(size + 16);
        ProcessId[] procs = new ProcessId[50];
        Op[] open = new Op[procs.length];
        for (int i = 0; i < procs.length; i++) {
            procs[i] = ProcessId.client(i);
        }
        long next = procs.length;
        long time = 0;
        long element = 0;
        List<List<Long>> byKey = new ArrayList<>();
        for (int k = 0; k < 64; k++) {
            byKey.add(new ArrayList<>());
        }
        List<Long> acked = new ArrayList<>();
        int calls = size / 2 - nodes.size() - 20;
        long slice = calls / 10;
        boolean faulted = false;
        for (long c = 0; ops.size() < calls * 2L - 2 * procs.length; ) {
            time += 5_000 + random.nextInt(10_000);
            long phase = c % slice;
            if (!faulted && phase > slice * 4 / 10 && phase < slice * 6 / 10) {
                ops.add(new Op(ops.size(), time, ProcessId.NEMESIS, OpType.INFO, "start-partition", null,
                        Map.of("n1", List.of("n4", "n5"), "n2", List.of("n4", "n5"), "n3", List.of("n4", "n5"),
                                "n4", List.of("n1", "n2", "n3"), "n5", List.of("n1", "n2", "n3")), null, null, false));
                faulted = true;
            } else if (faulted && phase >= slice * 6 / 10) {
                ops.add(new Op(ops.size(), time, ProcessId.NEMESIS, OpType.INFO, "stop-partition", null, null, null, null, false));
                faulted = false;
            }
            int i = random.nextInt(procs.length);
            Op inv = open[i];
            if (inv == null) {
                String node = nodes.get(random.nextInt(nodes.size()));
                int key = random.nextInt(64);
                boolean read = c % 20 == 19;
                open[i] = new Op(ops.size(), time, procs[i], OpType.INVOKE, read ? "read" : "add", "k" + key,
                        read ? null : element++, node, null, false);
                ops.add(open[i]);
                c++;
                continue;
            }
            double r = random.nextDouble();
            OpType type = r < 0.985 ? OpType.OK : r < 0.995 ? OpType.FAIL : OpType.INFO;
            Object value = inv.value();
            int key = Integer.parseInt(inv.key().substring(1));
            if (inv.f().equals("read") && type == OpType.OK) {
                List<Long> els = byKey.get(key);
                value = List.copyOf(els.subList(Math.max(0, els.size() - 10), els.size()));
            }
            ops.add(new Op(ops.size(), time, procs[i], type, inv.f(), inv.key(), value, inv.node(),
                    type == OpType.OK ? null : "timed-out", false));
            if (type == OpType.OK && inv.f().equals("add")) {
                byKey.get(key).add((Long) inv.value());
                acked.add((Long) inv.value());
            }
            if (type == OpType.INFO) {
                procs[i] = ProcessId.client(next++);
            }
            open[i] = null;
        }
        for (int i = 0; i < procs.length; i++) {
            if (open[i] != null) {
                time += 10_000;
                Op inv = open[i];
                ops.add(new Op(ops.size(), time, procs[i], OpType.OK, inv.f(), inv.key(), inv.f().equals("add") ? inv.value() : List.of(),
                        inv.node(), null, false));
                if (inv.f().equals("add")) {
                    acked.add((Long) inv.value());
                }
            }
        }
        if (faulted) {
            ops.add(new Op(ops.size(), time, ProcessId.NEMESIS, OpType.INFO, "stop-partition", null, null, null, null, false));
        }
        time += 1_000_000;
        ops.add(new Op(ops.size(), time, ProcessId.NEMESIS, OpType.INFO, "heal", null, null, null, null, false));
        List<Object> present = new ArrayList<>(acked.size());
        for (int i = 0; i < acked.size(); i++) {
            if (i % (acked.size() / 25 + 1) != 7) {
                present.add(acked.get(i));
            }
        }
        List<Object> state = List.copyOf(present);
        for (String n : nodes) {
            ProcessId p = ProcessId.client(next++);
            time += 2_000_000;
            ops.add(new Op(ops.size(), time, p, OpType.INVOKE, "read", null, null, n, null, true));
            time += 3_000_000;
            ops.add(new Op(ops.size(), time, p, OpType.OK, "read", null, state, n, null, true));
        }
        return new History(new HistoryHeader(HistoryHeader.FORMAT_V1, "bench", "synthetic", nodes, seed,
                "2026-11-22T10:00:00Z", Version.tool()), ops);
    }
}
