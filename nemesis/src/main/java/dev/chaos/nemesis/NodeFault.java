package dev.chaos.nemesis;

import dev.chaos.cluster.Killable;
import dev.chaos.cluster.Pausable;
import dev.chaos.run.Nemesis;
import java.util.List;
import java.util.Random;

/**
 * A fault on one random node, undone at the stop: kill-restart (SIGKILL, a crash; started again with
 * its data) or pause (SIGSTOP, SIGCONT at the stop: the node freezes with its sockets open and its
 * timers stalled, like a long GC pause or a hung VM, then resumes believing no time passed).
 * Recorded as {@code start-<fault>} / {@code stop-<fault>} with the node.
 */
public final class NodeFault implements Nemesis {

    /** Something done to one node. */
    @FunctionalInterface
    private interface Action {
        void on(String node) throws Exception;
    }

    private final String name;
    private final String fault;
    private final List<String> nodes;
    private final Action act;
    private final Action undo;
    private volatile String victim;

    private NodeFault(String name, String fault, List<String> nodes, Action act, Action undo) {
        this.name = name;
        this.fault = fault;
        this.nodes = List.copyOf(nodes);
        this.act = act;
        this.undo = undo;
    }

    public static NodeFault killRestart(List<String> nodes, Killable cluster) {
        return new NodeFault("kill-restart", "kill", nodes, cluster::kill, cluster::restart);
    }

    public static NodeFault pause(List<String> nodes, Pausable cluster) {
        return new NodeFault("pause", "pause", nodes, cluster::pause, cluster::resume);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Event start(Random random) throws Exception {
        String v = nodes.get(random.nextInt(nodes.size()));
        act.on(v);
        victim = v;
        return new Event(fault, List.of(v));
    }

    @Override
    public Event stop() throws Exception {
        String v = victim;
        if (v != null) {
            undo.on(v);
            victim = null;
        }
        return new Event(fault, v == null ? List.of() : List.of(v));
    }

    @Override
    public void healAll() {
        try {
            stop();
        } catch (Exception ignored) {
            // the cluster is being torn down anyway
        }
    }
}
