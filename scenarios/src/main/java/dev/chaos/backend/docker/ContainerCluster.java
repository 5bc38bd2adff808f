package dev.chaos.backend.docker;

import dev.chaos.cluster.Cluster;
import java.nio.file.Path;
import java.util.List;

/**
 * The part of every docker-backend cluster that does not depend on the target: nodes as containers
 * of one {@link DockerLab}; kill is SIGKILL to the container, restart starts it again with its data,
 * close collects every container's log into {@code nodes/} and removes everything of the run.
 */
public abstract class ContainerCluster implements Cluster {

    protected final DockerLab lab;
    protected final List<String> nodes;
    private final Path logDir;

    protected ContainerCluster(DockerLab lab, List<String> nodes, Path runDir) {
        this.lab = lab;
        this.nodes = List.copyOf(nodes);
        this.logDir = runDir.resolve("nodes");
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
    public void restart(String node) {
        lab.restart(node);
    }

    /** {@code docker stop}: SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void stop(String node) {
        lab.stop(node, 20);
    }

    /** {@code docker start}: a stopped, killed or wiped node's container runs again. */
    @Override
    public void start(String node) {
        lab.restart(node);
    }

    private final java.util.concurrent.atomic.AtomicInteger wipes = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Removes the stopped node's container and creates it again from its spec ({@link #wiped} may
     * change it), so it starts with empty data; its log so far goes to {@code nodes/<node>.wipe-<k>.log}.
     */
    @Override
    public void wipe(String node) throws Exception {
        if (lab.running(node)) {
            throw new IllegalStateException(node + " is running; stop it before wiping it");
        }
        lab.collectLog(node, logDir.resolve(node + ".wipe-" + wipes.incrementAndGet() + ".log"));
        lab.recreate(wiped(node, lab.spec(node)));
    }

    /**
     * The spec a wiped node is created again from, after whatever the target needs for a member that
     * comes back empty (etcd: membership changes). Default: the same spec.
     */
    protected DockerLab.NodeSpec wiped(String node, DockerLab.NodeSpec spec) throws Exception {
        return spec;
    }

    /** ADDRESS (the node's own client port), CLIENT (the client link), CONTAINER (for {@code docker} commands). */
    protected java.util.Map<String, String> describe(String node, int clientPort, String clientLink) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("ADDRESS", lab.nodeAddress(node) + ":" + clientPort);
        m.put("CLIENT", clientLink);
        m.put("CONTAINER", lab.containerName(node));
        return m;
    }

    public void pause(String node) {
        lab.pause(node);
    }

    public void resume(String node) {
        lab.resume(node);
    }

    public DockerLab lab() {
        return lab;
    }

    /** Closes target-side resources (probe clients) before the containers go. */
    protected void closeClients() {
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeClients();
        lab.collectLogs(logDir);
        lab.close();
    }
}
