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
