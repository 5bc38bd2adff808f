package dev.chaos.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a run started, stopped in reverse order when the run ends, however it ends: normally,
 * by an exception, or by Ctrl-C / SIGTERM (a JVM shutdown hook). Stopping twice is harmless.
 */
public final class Teardown {

    private static final Set<NodeProcess> PROCESSES = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final List<AutoCloseable> RESOURCES = Collections.synchronizedList(new ArrayList<>());
    private static volatile boolean hooked;

    private Teardown() {
    }

    static void register(NodeProcess p) {
        hook();
        PROCESSES.add(p);
    }

    /** Registers something to close at the end of the run (clients, proxies, fault healers). */
    public static void register(AutoCloseable c) {
        hook();
        RESOURCES.add(c);
    }

    /**
     * Forgets {@code c}, closed by its owner: a JVM that makes many runs (a test suite) keeps no
     * finished run's resources, and its exit closes none of them again.
     */
    public static void unregister(AutoCloseable c) {
        RESOURCES.remove(c);
    }

    private static synchronized void hook() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Teardown::all, "chaos-teardown"));
        }
    }

    /** Closes every resource (last registered first), then kills every node process. */
    public static void all() {
        List<AutoCloseable> rs;
        synchronized (RESOURCES) {
            rs = new ArrayList<>(RESOURCES);
            RESOURCES.clear();
        }
        Collections.reverse(rs);
        for (AutoCloseable c : rs) {
            try {
                c.close();
            } catch (Exception ignored) {
                // keep tearing down the rest
            }
        }
        List<NodeProcess> ps;
        synchronized (PROCESSES) {
            ps = new ArrayList<>(PROCESSES);
            PROCESSES.clear();
        }
        ps.parallelStream().forEach(NodeProcess::kill);
    }
}
