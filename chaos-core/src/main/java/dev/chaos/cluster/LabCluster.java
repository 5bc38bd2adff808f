package dev.chaos.cluster;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The part of a cluster that is the backend's, not the target's: nodes the target started in a
 * {@link Lab}, killed, paused, stopped and started through it (signals for local processes, the
 * Docker API for containers). A target's cluster extends this and adds its protocol: clients,
 * probes, a leader.
 */
public abstract class LabCluster implements Cluster, Killable, Pausable, Stoppable {

    /** How long a graceful stop may take before the node is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    protected final Lab lab;
    protected final List<String> nodes;
    protected final Consumer<String> log;

    protected LabCluster(Lab lab, List<String> nodes, Consumer<String> log) {
        this.lab = lab;
        this.nodes = List.copyOf(nodes);
        this.log = log;
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public void kill(String node) {
        lab.kill(node);
    }

    @Override
    public void restart(String node) throws Exception {
        lab.start(node);
    }

    @Override
    public void pause(String node) throws Exception {
        lab.pause(node);
    }

    @Override
    public void resume(String node) throws Exception {
        lab.resume(node);
    }

    /** SIGTERM, then up to 20 s for the node to exit (SIGKILL after that). */
    @Override
    public void stop(String node) {
        if (!lab.stop(node, STOP_GRACE)) {
            log.accept(node + " did not exit within " + STOP_GRACE.toSeconds() + " s of SIGTERM; killed");
        }
    }

    @Override
    public void start(String node) throws Exception {
        lab.start(node);
    }

    public Lab lab() {
        return lab;
    }

    /** Closes target-side resources (probe sessions); the lab stops the nodes. */
    @Override
    public void close() {
    }
}
