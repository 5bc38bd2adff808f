package dev.chaos.checker.linear;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Is the history linearizable under a model? Splits the history by key (P-compositionality: a
 * history is linearizable iff each key's sub-history is), checks the keys in parallel with
 * {@link WglSearch}, and stops within the time and memory budget with {@code unknown} and what was
 * proven. {@code fail} operations never took effect and are dropped; indeterminate reads carry no
 * information and are dropped too; so are the {@code final} reads of the convergence probe, which
 * read one node's whole local view rather than perform an operation of the model.
 */
public final class LinearizableChecker implements Checker {

    private final CheckOptions options;

    public LinearizableChecker(CheckOptions options) {
        this.options = options;
        if (options.model() != null && Models.byName(options.model()) == null) {
            throw new IllegalArgumentException("unknown model '" + options.model() + "'; known: "
                    + String.join(", ", Models.names()));
        }
    }

    @Override
    public String name() {
        return "linearizable";
    }

    @Override
    public boolean appliesTo(History history) {
        return options.model() != null || Models.infer(history.calls()) != null;
    }

    @Override
    public CheckResult check(History history) {
        List<Call> calls = history.calls();
        Model model = options.model() != null ? Models.byName(options.model()) : Models.infer(calls);
        if (model == null) {
            TreeSet<String> fs = new TreeSet<>();
            calls.forEach(c -> fs.add(c.f()));
            return new CheckResult(name(), Verdict.UNKNOWN,
                    List.of("no model fits the functions " + fs + "; choose one with --model (" + String.join(", ", Models.names()) + ")"),
                    Map.of("error", "no model"));
        }
        TreeSet<String> foreign = new TreeSet<>();
        Map<String, List<Operation>> partitions = new TreeMap<>();
        for (Call c : calls) {
            if (c.invoke().isFinal()) {
                continue; // the convergence probe reads each node's whole local view: not an op of the model
            }
            if (!model.functions().contains(c.f())) {
                foreign.add(c.f());
                continue;
            }
            if (c.isFail() || (c.isIndeterminate() && model.isPureRead(c.f()))) {
                continue;
            }
            List<Operation> ops = partitions.computeIfAbsent(c.key() == null ? "" : c.key(), k -> new ArrayList<>());
            ops.add(new Operation(ops.size(), c.f(), c.invoke().value(), c.isOk() ? c.completion().value() : null,
                    c.isOk(), c.invoke().index(), c.isIndeterminate() ? Long.MAX_VALUE : c.completionIndex(), c));
        }
        if (!foreign.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN,
                    List.of("model " + model.name() + " has no functions " + foreign + "; it understands "
                            + new TreeSet<>(model.functions()) + " (choose another with --model)"),
                    Map.of("model", model.name(), "error", "functions outside the model: " + foreign));
        }
        return search(model, partitions);
    }

    private CheckResult search(Model model, Map<String, List<Operation>> partitions) {
        long deadline = System.nanoTime() + options.timeLimit().toNanos();
        AtomicLong bytes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        WglSearch.Budget budget = (added, words) -> {
            if (stop.get()) {
                return WglSearch.Outcome.CANCELLED;
            }
            if (bytes.addAndGet(added * WglSearch.bytesPerConfig(words)) > options.memoryLimit()) {
                return WglSearch.Outcome.OUT_OF_MEMORY;
            }
            return System.nanoTime() > deadline ? WglSearch.Outcome.OUT_OF_TIME : null;
        };
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions.size()));
        Map<String, KeyResult> results = new TreeMap<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chaos-linearizable");
            t.setDaemon(true);
            return t;
        })) {
            Map<String, Future<KeyResult>> futures = new LinkedHashMap<>();
            partitions.forEach((key, ops) -> futures.put(key, pool.submit(() -> {
                WglSearch s = new WglSearch(model, ops);
                WglSearch.Outcome outcome;
                try {
                    outcome = s.run(budget);
                } catch (OutOfMemoryError e) {
                    outcome = WglSearch.Outcome.OUT_OF_MEMORY;
                }
                if (outcome == WglSearch.Outcome.NOT_LINEARIZABLE) {
                    stop.set(true); // one invalid key decides the verdict
                }
                return new KeyResult(key, outcome, s, ops);
            })));
            for (Map.Entry<String, Future<KeyResult>> f : futures.entrySet()) {
                try {
                    results.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("linearizability search failed on key " + f.getKey(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                }
            }
        }
        return verdict(model, results, (System.nanoTime() - started) / 1_000_000);
    }

    private record KeyResult(String key, WglSearch.Outcome outcome, WglSearch search, List<Operation> ops) {
    }

    private CheckResult verdict(Model model, Map<String, KeyResult> results, long millis) {
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        Map<String, String> undecided = new TreeMap<>();
        long configurations = 0;
        for (KeyResult r : results.values()) {
            configurations += r.search.configurations;
            switch (r.outcome) {
                case LINEARIZABLE -> valid.add(r.key);
                case NOT_LINEARIZABLE -> invalid.add(r.key);
                case OUT_OF_TIME -> undecided.put(r.key, "time limit " + options.timeLimit().toSeconds() + " s reached");
                case OUT_OF_MEMORY -> undecided.put(r.key, "memory limit " + (options.memoryLimit() >> 20) + " MiB reached");
                case CANCELLED -> undecided.put(r.key, "not finished: another key was already invalid");
            }
        }
        Verdict verdict = !invalid.isEmpty() ? Verdict.INVALID : undecided.isEmpty() ? Verdict.VALID : Verdict.UNKNOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", model.name());
        details.put("keys", results.size());
        details.put("keys-valid", valid);
        details.put("keys-invalid", invalid);
        details.put("keys-undecided", undecided);
        details.put("configurations", configurations);
        details.put("millis", millis);
        List<String> summary = new ArrayList<>();
        String keys = results.size() == 1 && results.containsKey("") ? "the history" : results.size() + " keys";
        summary.add(switch (verdict) {
            case VALID -> "linearizable as a " + model.name() + ": " + keys + " checked, " + configurations + " configurations, " + millis + " ms";
            case INVALID -> "NOT linearizable as a " + model.name() + ": key(s) " + invalid.stream().map(k -> k.isEmpty() ? "(single object)" : k).toList();
            case UNKNOWN -> "undecided as a " + model.name() + ": " + valid.size() + " of " + results.size() + " keys proven linearizable, "
                    + undecided.size() + " undecided " + undecided;
        });
        if (!invalid.isEmpty()) {
            KeyResult first = results.get(invalid.get(0));
            Counterexample cx = Counterexample.of(model, first.key, first.search, first.ops);
            details.put("counterexample", cx);
            summary.addAll(cx.describe());
        }
        return new CheckResult(name(), verdict, summary, details);
    }
}
