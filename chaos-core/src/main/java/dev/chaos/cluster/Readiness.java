package dev.chaos.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for a leader-based cluster to serve: every node leader or follower, exactly one leader. */
public final class Readiness {

    private Readiness() {
    }

    /**
     * Polls {@code roles} until one node is "leader" and all others "follower". Fails early, with
     * the end of its log, when a node's process or container has exited; fails at the deadline with
     * the end of every node's log.
     *
     * @param what    e.g. "etcd", for messages
     * @param alive   whether a node's process or container still runs
     * @param logTail the last lines of a node's log
     */
    public static void awaitOneLeader(String what, List<String> nodes, Supplier<Map<String, String>> roles,
                                      Predicate<String> alive, Function<String, String> logTail, long timeoutMs,
                                      Consumer<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            Map<String, String> r = roles.get();
            if (r.values().stream().allMatch(m -> m.equals("leader") || m.equals("follower"))
                    && r.values().stream().filter(m -> m.equals("leader")).count() == 1) {
                log.accept(what + " serving: " + r);
                return;
            }
            for (String n : nodes) {
                if (!alive.test(n)) {
                    throw new IllegalStateException(what + " " + n + " exited during start-up; its log ends:\n" + logTail.apply(n));
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder(what + " did not elect a leader within " + timeoutMs + " ms: " + r);
                for (String n : nodes) {
                    sb.append("\n--- ").append(n).append(" ends:\n").append(logTail.apply(n));
                }
                throw new IllegalStateException(sb.toString());
            }
            Thread.sleep(200);
        }
    }

    /** The node whose role is {@code leader} in {@code roles} (node → role), or null when none is. */
    public static String leaderOf(Map<String, String> roles) {
        return roles.entrySet().stream().filter(e -> e.getValue().equals("leader")).map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
