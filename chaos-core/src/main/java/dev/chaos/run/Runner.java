package dev.chaos.run;

import dev.chaos.cluster.Cluster;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.io.HistoryRecorder;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import dev.chaos.scenario.Schedule;
import dev.chaos.scenario.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one test against a started cluster: clients and nemesis side by side, one history.
 *
 * <p>Phases: warm-up (clients only, until the first scheduled fault), faults (the schedule's
 * occurrences, each started and stopped at its planned time from the run start; faults of
 * different families, a partition, a slowdown and a node fault, may be held at once), final heal
 * (recorded as {@code heal}; every fault the schedule started is healed, also on an abort), recovery
 * (clients only), then the convergence probe: rounds
 * of {@code final} reads of every node's own view until all agree for two seconds or the
 * converge-within limit passes. Client processes run on virtual threads; an operation that takes
 * longer than the op timeout completes {@code info} and its process is retired (a fresh process id
 * and a fresh client continue), as in Jepsen. The fresh client is opened before its first operation
 * is invoked; when it cannot connect within the op timeout, that operation is recorded invoked and
 * failed at once (nothing reached the node), so an outage shows in the history as failed calls, not
 * as silence. Every random choice derives from the seed.
 */
public final class Runner {

    /** What the CLI shows while the run goes. */
    public record Status(String phase, long elapsedMillis, long ops, long failures, long indeterminate, String fault) {
    }

    /** The least time between two attempts of one client to connect, when the node refuses at once. */
    private static final long CONNECT_BACKOFF_NANOS = 200_000_000L;

    /** How long an interrupted occurrence may take to return (a start or stop under way finishes first). */
    private static final long OCCURRENCE_JOIN_MILLIS = 30_000;

    private final RunSpec spec;
    private final Cluster cluster;
    private final Workload workload;
    private final Function<Step, Nemesis> nemeses;
    private final HealCheck healCheck;
    private final List<Nemesis> used = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Consumer<String> log;
    private final AtomicLong ops = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong indeterminate = new AtomicLong();
    private final AtomicLong nextSlot = new AtomicLong();
    private volatile String phase = "setup";
    private volatile String fault = "";
    private final Map<Integer, String> activeFaults = new java.util.TreeMap<>();
    /** The actor that records the load's own facts: ramp steps, the machine's CPU. */
    private static final ProcessId LOAD = ProcessId.named("load");
    private volatile boolean clientsRunning;
    private MachineLoad machineLoad;
    private volatile long startNanos;
    private HistoryRecorder recorder;
    private volatile Procedures procedures;
    /** The stepped rate, or null for one rate. */
    private final dev.chaos.scenario.Ramp ramp;
    private volatile Thread rampThread;
    private volatile RunObserver observer = RunObserver.NONE;
    /** Watches from outside (the alerts' Prometheus), or null. */
    private volatile Monitor monitor;

    /**
     * @param nemeses the nemesis for one scheduled fault (its kind and parameters); called once per
     *                occurrence
     */
    public Runner(RunSpec spec, Cluster cluster, Workload workload, Function<Step, Nemesis> nemeses, Consumer<String> log) {
        this(spec, cluster, workload, nemeses, null, log);
    }

    /** @param healCheck what proves the final heal healed, recorded as {@code heal-check}; null: nothing */
    public Runner(RunSpec spec, Cluster cluster, Workload workload, Function<Step, Nemesis> nemeses, HealCheck healCheck,
                  Consumer<String> log) {
        this.spec = spec;
        this.cluster = cluster;
        this.workload = workload;
        this.nemeses = nemeses;
        this.healCheck = healCheck;
        this.log = log;
        this.ramp = spec.scenario().ramp();
    }

    /** This runner with {@code m} begun when the clients start and ended before the history closes. */
    public Runner monitoredBy(Monitor m) {
        this.monitor = m;
        return this;
    }

    public Status status() {
        Procedures p = procedures;
        String doing = p == null || p.current().isEmpty() ? fault : fault.isEmpty() ? p.current() : fault + "; " + p.current();
        return new Status(phase, startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1_000_000, ops.get(), failures.get(),
                indeterminate.get(), doing);
    }

    /** Tells {@code o} what happens as the run goes (live metrics); call before {@link #run}. */
    public Runner observe(RunObserver o) {
        this.observer = Objects.requireNonNull(o);
        return this;
    }

    /** Runs every phase and returns the history file. The caller tears the cluster down. */
    public Path run(String tool) throws Exception {
        Path historyFile = spec.dir().resolve("history.jsonl");
        recorder = HistoryRecorder.create(historyFile, new HistoryHeader(HistoryHeader.FORMAT_V1, spec.name(), spec.target(),
                spec.nodes(), spec.seed(), Instant.now().toString(), tool, ramp == null ? spec.rate() : null, spec.concurrency()));
        try (HistoryRecorder rec = recorder) {
            // before the clients: they ask it which node serves them (spares join only later)
            procedures = spec.scenario().procedures().isEmpty() ? null : new Procedures(spec, cluster, recorder, workload, log);
            clientsRunning = true;
            CountDownLatch opened = new CountDownLatch(spec.concurrency());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < spec.concurrency(); w++) {
                int slot = w;
                workers.add(Thread.ofVirtual().name("client-" + w).start(() -> clientLoop(slot, opened, go)));
            }
            Thread procedureThread = null;
            try {
                // time 0 of the schedules is when the clients have their first connection (or gave up on it):
                // a cold start's session set-up is not the first slots' wait, nor the warm-up's
                opened.await(spec.opTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
                startNanos = System.nanoTime();
                nextSlot.set(startNanos);
                if (monitor != null) {
                    monitor.begin(recorder::record);
                }
                rampThread = ramp == null ? null : Thread.ofVirtual().name("ramp").start(this::rampSteps);
                machineLoad = MachineLoad.start();
                go.countDown();
                procedureThread = spec.scenario().procedures().isEmpty() ? null
                        : Thread.ofVirtual().name("procedures").start(this::procedurePhase);
                runPhases(rec, workers, procedureThread);
                endMonitor();
            } catch (Exception | Error e) {
                endMonitor();
                // aborted (an interrupt: Ctrl-C, a test's time-out): the clients stop before the history closes
                clientsRunning = false;
                stopRamp();
                if (machineLoad != null) {
                    machineLoad.stop();
                }
                workers.forEach(Thread::interrupt);
                for (Thread t : workers) {
                    t.join(1_000);
                }
                throw e;
            }
        }
        return historyFile;
    }

    /** The phases after the clients started: faults, final heal, recovery, final reads. */
    private void runPhases(HistoryRecorder rec, List<Thread> workers, Thread procedureThread) throws Exception {
        try {
            faultPhase();
            if (procedureThread != null && procedureThread.isAlive()) {
                log.accept("fault window over; waiting for the procedure to end");
                phase = "procedure";
                procedureThread.join();
            }
        } finally {
            if (procedureThread != null) {
                procedureThread.interrupt();
                procedureThread.join(10_000);
            }
            phase = "heal";
            healAll();
            if (procedures != null) {
                procedures.startLeftDown();
            }
            clearFaults();
        }
        rec.record(Op.of(ProcessId.NEMESIS, OpType.INFO, "heal", null, null));
        log.accept("final heal");
        Supplier<Object> healed = beginHealCheck();
        phase = "recovery";
        Thread.sleep(spec.recovery().toMillis());
        finishHealCheck(rec, healed);
        clientsRunning = false;
        stopRamp();
        recordMachineLoad(rec);
        for (Thread t : workers) {
            t.join(spec.opTimeout().toMillis() + 5_000);
        }
        phase = "final reads";
        finalReads();
        phase = "done";
    }

    /**
     * Follows the schedule: every occurrence on a virtual thread of its own, so that occurrences that
     * overlap (faults of different families) each start, advance and stop at their own planned
     * times from the run start. The phase ends at the fault window's end, where the final heal comes.
     * When an occurrence fails, or the run is interrupted, the others are interrupted and awaited
     * before this returns, so the final heal sees every nemesis that was started.
     */
    private void faultPhase() throws Exception {
        List<Schedule.Occurrence> plan = spec.plan();
        phase = plan.isEmpty() ? "steady" : "warm-up";
        log.accept(plan.isEmpty() ? "no faults scheduled" : "warm-up " + plan.get(0).start().toMillis() + " ms");
        Thread coordinator = Thread.currentThread();
        AtomicReference<Exception> failed = new AtomicReference<>();
        List<Thread> occurrences = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            int index = i;
            Schedule.Occurrence o = plan.get(i);
            occurrences.add(Thread.ofVirtual().name("fault-" + i).start(() -> {
                try {
                    occurrence(index, o);
                } catch (InterruptedException e) {
                    // the run is ending: the final heal undoes what this occurrence started
                } catch (Exception e) {
                    if (failed.compareAndSet(null, e)) {
                        coordinator.interrupt();
                    }
                }
            }));
        }
        try {
            for (Thread t : occurrences) {
                t.join();
            }
            sleepUntil(spec.scenario().faultWindowEnd());
        } catch (InterruptedException e) {
            for (Thread t : occurrences) {
                t.interrupt();
            }
            for (Thread t : occurrences) {
                t.join(OCCURRENCE_JOIN_MILLIS);
            }
            Exception cause = failed.get();
            if (cause != null) {
                Thread.interrupted(); // our own signal, not an abort: the final heal must not see it
                throw cause;
            }
            throw e;
        }
    }

    /**
     * One occurrence, as planned: start at its time, advance every {@code interval} while held (a
     * growing fault), stop at its time. Its random choices come from a Random of its own, derived
     * from the seed and its index in the plan, so they do not depend on how occurrences interleave.
     */
    private void occurrence(int index, Schedule.Occurrence o) throws Exception {
        Random random = new Random((spec.seed() ^ 0x6e656d65L) * 1_000_003L + index);
        sleepUntil(o.start());
        phase = "faults";
        Nemesis n = nemeses.apply(o.fault());
        used.add(n);
        Nemesis.Event started = n.start(random);
        record("start-", started);
        observer.faultStarted(index);
        showFault(index, started);
        Duration every = o.fault().interval();
        if (every != null && every.toMillis() > 0) {
            for (Duration next = o.start().plus(every); next.compareTo(o.stop()) < 0; next = next.plus(every)) {
                sleepUntil(next);
                Nemesis.Event more = n.advance(random);
                if (more == null) {
                    break;
                }
                record("step-", more);
                showFault(index, more);
            }
        }
        sleepUntil(o.stop());
        Nemesis.Event effect = n.effect();
        if (effect != null) {
            record("effect-", effect);
        }
        record("stop-", n.stop());
        observer.faultStopped(index);
        showFault(index, null);
    }

    private synchronized void clearFaults() {
        observer.healed();
        activeFaults.clear();
        fault = "";
    }

    /** The status line's faults: every active occurrence's latest event, in plan order. */
    private synchronized void showFault(int index, Nemesis.Event e) {
        if (e == null) {
            activeFaults.remove(index);
        } else {
            activeFaults.put(index, e.fault() + " " + Objects.toString(e.value(), ""));
        }
        fault = String.join("; ", activeFaults.values());
    }

    /**
     * The scenario's procedures, each at its time from the run start (one at a time: a procedure still
     * running when the next one's time comes delays it), beside the fault schedule.
     */
    private void procedurePhase() {
        List<dev.chaos.scenario.Procedure> all = new ArrayList<>(spec.scenario().procedures());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(i -> all.get(i).at()));
        try {
            for (int i : order) {
                sleepUntil(all.get(i).at());
                procedures.run(all.get(i), i);
            }
        } catch (InterruptedException e) {
            log.accept("procedure interrupted");
        } catch (RuntimeException e) {
            log.accept("procedure aborted: " + e);
        }
    }

    private void record(String prefix, Nemesis.Event e) {
        recorder.record(Op.of(ProcessId.NEMESIS, OpType.INFO, prefix + e.fault(), null, dev.chaos.history.Values.canonical(e.value())));
        log.accept(prefix + e.fault() + " " + e.value());
    }

    private void sleepUntil(Duration sinceStart) throws InterruptedException {
        long wait = startNanos + sinceStart.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private Supplier<Object> beginHealCheck() {
        if (used.isEmpty() || healCheck == null) {
            return null;
        }
        try {
            return healCheck.begin();
        } catch (RuntimeException e) {
            log.accept("heal check not begun: " + e.getMessage());
            return null;
        }
    }

    private void finishHealCheck(HistoryRecorder rec, Supplier<Object> healed) {
        if (healed == null) {
            return;
        }
        try {
            Object v = healed.get();
            if (v != null) {
                rec.record(Op.of(ProcessId.NEMESIS, OpType.INFO, "heal-check", null, dev.chaos.history.Values.canonical(v)));
                log.accept("heal-check " + v);
            }
        } catch (RuntimeException e) {
            log.accept("heal check failed to read the proxy: " + e.getMessage());
        }
    }

    /** Heals every fault the schedule started; safe at any time, more than once. */
    private void healAll() {
        for (Nemesis n : used) {
            n.healAll();
        }
    }

    /**
     * Records each step of the ramp as it begins ({@code ramp-step}, by the actor {@code load}): its
     * number, rate, start (history time, exact: the slots' clock) and the thresholds it is judged
     * by, so the {@code ramp} checker needs only the history.
     */
    private void rampSteps() {
        long every = ramp.every().toNanos();
        try {
            // no step begins at the end of the workload time: the clients stop there, and a step of a
            // few calls would be judged as if it had run its whole span
            for (long k = 0; clientsRunning && k * every < spec.duration().toNanos(); k++) {
                long at = startNanos + k * every;
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (!clientsRunning) {
                    return;
                }
                Map<String, Object> v = new java.util.LinkedHashMap<>();
                v.put("step", k);
                v.put("rate", ramp.rateOfStep(k));
                v.put("from-ms", recorder.timeOf(at) / 1_000_000);
                v.put("every-ms", ramp.every().toMillis());
                if (ramp.p99LatencyMax() != null) {
                    v.put("p99-latency-max-ms", ramp.p99LatencyMax().toMillis());
                }
                if (ramp.errorRateMax() != null) {
                    v.put("error-rate-max", ramp.errorRateMax());
                }
                recorder.record(Op.of(LOAD, OpType.INFO, "ramp-step", null, dev.chaos.history.Values.canonical(v)));
                log.accept("ramp: step " + k + " at " + Math.round(ramp.rateOfStep(k)) + " ops/s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException closed) {
            // the history closed as the run ended
        }
    }

    /**
     * The op a client was to make when it could not connect: nothing reached the node, so it
     * definitely did not happen. It is recorded, invoked and failed at once, so an outage counts
     * against availability instead of leaving a silent gap; a refusal that came at once is followed
     * by a pause, so the client does not spin on the slots.
     */
    private void connectFailed(Op next, Exception e, long openStart) throws InterruptedException {
        Op invocation = recorder.record(next);
        Op failed = recorder.record(new Op(-1, -1, next.process(), OpType.FAIL, next.f(), next.key(), next.value(), next.node(),
                "cannot connect: " + (e.getMessage() != null ? e.getMessage() : e.toString()), false));
        observer.completed(invocation, failed);
        ops.incrementAndGet();
        failures.incrementAndGet();
        if (System.nanoTime() - openStart < CONNECT_BACKOFF_NANOS) {
            Thread.sleep(CONNECT_BACKOFF_NANOS / 1_000_000);
        }
    }

    private void endMonitor() {
        Monitor m = monitor;
        if (m != null) {
            m.end();
        }
    }

    /** The machine's CPU while the clients ran ({@code machine-load}, by the actor {@code load}); see {@link MachineLoad}. */
    private void recordMachineLoad(HistoryRecorder rec) {
        Map<String, Object> v = machineLoad == null ? null : machineLoad.stop();
        if (v != null) {
            rec.record(Op.of(LOAD, OpType.INFO, "machine-load", null, dev.chaos.history.Values.canonical(v)));
        }
    }

    private void stopRamp() throws InterruptedException {
        Thread t = rampThread;
        if (t != null) {
            t.interrupt();
            t.join(1_000);
        }
    }

    private void clientLoop(int slot, CountDownLatch opened, CountDownLatch go) {
        Random random = new Random(spec.seed() * 31 + slot);
        String home = spec.nodes().get(slot % spec.nodes().size());
        String node = route(home);
        long process = slot;
        Client client = null;
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        long periodNanos = (long) (1e9 / Math.max(0.001, spec.rate()));
        try {
            try {
                long openStart = System.nanoTime();
                try {
                    client = open(node, calls);
                } catch (Exception e) {
                    ProcessId p = ProcessId.client(process);
                    connectFailed(workload.next(p, random).withNode(node), e, openStart);
                }
            } finally {
                opened.countDown();
            }
            go.await();
            while (clientsRunning) {
                long due = waitForSlot(periodNanos);
                if (!clientsRunning) {
                    break;
                }
                ProcessId p = ProcessId.client(process);
                String now = route(home);
                if (!now.equals(node)) {
                    // its node joined or left the service: the client moves, as behind a load balancer
                    if (client != null) {
                        Thread.ofVirtual().name("client-close").start(client::close);
                        client = null;
                    }
                    node = now;
                }
                Op next = workload.next(p, random).withNode(node).withIntended(recorder.timeOf(due));
                if (client == null) {
                    long openStart = System.nanoTime();
                    try {
                        client = open(node, calls);
                    } catch (Exception e) {
                        connectFailed(next, e, openStart);
                        continue;
                    }
                }
                // invoked once the client is open: a new session's set-up (an artefact of retiring
                // processes, which a real application's client does not repeat) is not the op's latency
                Op invocation = recorder.record(next);
                Client c = client;
                Future<Op> call = calls.submit(() -> c.invoke(invocation));
                Op done;
                try {
                    done = call.get(spec.opTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    call.cancel(true);
                    done = new Op(-1, -1, p, OpType.INFO, invocation.f(), invocation.key(), invocation.value(), node, "timeout", false);
                } catch (java.util.concurrent.ExecutionException e) {
                    done = new Op(-1, -1, p, OpType.INFO, invocation.f(), invocation.key(), invocation.value(), node,
                            "client error: " + e.getCause(), false);
                }
                done = new Op(-1, -1, p, done.type(), invocation.f(), invocation.key(), done.value(), node, done.error(), false);
                observer.completed(invocation, recorder.record(done));
                ops.incrementAndGet();
                if (done.isFail()) {
                    failures.incrementAndGet();
                } else if (done.isInfo()) {
                    indeterminate.incrementAndGet();
                    process += spec.concurrency(); // retired: a fresh process continues
                    Client retired = client;
                    client = null;
                    // closing can wait on an unreachable node; the fresh process must not wait with it
                    Thread.ofVirtual().name("client-close").start(retired::close);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (client != null) {
                client.close();
            }
            calls.shutdownNow();
        }
    }

    /** The node that serves clients meant for {@code home} now ({@link Procedures#route}). */
    private String route(String home) {
        Procedures p = procedures;
        return p == null ? home : p.route(home);
    }

    /**
     * A new client for {@code node}, within the op timeout (past it, the op that needed the client
     * fails). A client that arrives after the wait was given up is closed, not leaked.
     */
    private Client open(String node, ExecutorService calls) throws Exception {
        Future<Client> opening = calls.submit(() -> cluster.openClient(node, workload));
        try {
            return opening.get(spec.opTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!opening.cancel(true)) {
                closeLate(opening);
            }
            throw new TimeoutException("no connection to " + node + " within the op timeout (" + spec.opTimeout().toMillis() + " ms)");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void closeLate(Future<Client> opened) {
        try {
            opened.get().close();
        } catch (Exception ignored) {
            // it failed after all: nothing to close
        }
    }

    /**
     * The run's rate schedule: slot k starts at {@code k * period} after the clients started, whatever
     * happened before it. A free client takes the next slot and waits for its time; when every client
     * was busy (the system slowed down), the slot is already past and the op goes at once, carrying
     * the time it was meant to start, so its latency counts from there (coordinated omission is not
     * hidden: the ops a stalled system kept users waiting for are issued and measured, not skipped).
     *
     * @return the slot's start on the {@link System#nanoTime} clock
     */
    private long waitForSlot(long periodNanos) throws InterruptedException {
        long slot = ramp == null ? nextSlot.getAndAdd(periodNanos)
                : nextSlot.getAndUpdate(prev -> prev + (long) (1e9 / ramp.rateAt(prev - startNanos)));
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return slot;
    }

    private void finalReads() throws InterruptedException {
        long deadline = System.nanoTime() + spec.convergeWithin().toNanos() + 5_000_000_000L;
        long process = 1_000_000;
        int agreeingRounds = 0;
        ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            while (System.nanoTime() < deadline && agreeingRounds < 8) {
                Map<String, Object> round = new HashMap<>();
                Procedures procs = procedures;
                List<String> serving = spec.nodes().stream().filter(n -> procs == null || procs.inService(n)).toList();
                for (String node : serving) {
                    ProcessId p = ProcessId.client(process++);
                    Op inv = recorder.record(new Op(-1, -1, p, OpType.INVOKE, "read", null, null, node, null, true));
                    Future<Object> f = reads.submit(() -> cluster.localRead(node, workload));
                    try {
                        Object v = dev.chaos.history.Values.canonical(f.get(2, TimeUnit.SECONDS));
                        recorder.record(new Op(-1, -1, p, OpType.OK, "read", null, v, node, null, true));
                        round.put(node, v instanceof List<?> l ? new java.util.HashSet<>(l) : v);
                    } catch (Exception e) {
                        f.cancel(true);
                        recorder.record(new Op(-1, -1, p, OpType.FAIL, "read", null, null, node,
                                e instanceof TimeoutException ? "timeout" : String.valueOf(e.getCause()), true));
                    }
                }
                boolean agree = round.size() == serving.size() && new java.util.HashSet<>(round.values()).size() == 1;
                agreeingRounds = agree ? agreeingRounds + 1 : 0;
                Thread.sleep(250);
            }
        } finally {
            reads.shutdownNow();
        }
    }
}
