package dev.chaos.backend.docker;

import dev.chaos.cluster.LabCluster;
import dev.chaos.cluster.Wipeable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What every docker-backend cluster has from its containers, whatever the target: kill, pause,
 * stop and start through the Docker API ({@link LabCluster}), and wipe by creating the container
 * again from its spec.
 */
public abstract class ContainerCluster extends LabCluster implements Wipeable {

    protected final DockerLab lab;
    private final Path logDir;
    private final AtomicInteger wipes = new AtomicInteger();

    protected ContainerCluster(DockerLab lab, List<String> nodes, Path runDir, Consumer<String> log) {
        super(lab, nodes, log);
        this.lab = lab;
        this.logDir = runDir.resolve("nodes");
    }

    /**
     * Removes the stopped node's container and creates it again from its spec ({@link #wiped} may
     * change it), so it starts with empty data; its log so far goes to {@code nodes/<node>.wipe-<k>.log}.
     */
    @Override
    public void wipe(String node) throws Exception {
        if (lab.running(node)) {
            throw new IllegalStateException(node + " is running; stop it before wiping it");
        }
        recreateEmpty(wiped(node, lab.spec(node)));
    }

    /**
     * Keeps the stopped node's log so far as {@code nodes/<node>.wipe-<k>.log}, then removes its
     * container with its data and creates it again, not started, from {@code spec}.
     */
    protected void recreateEmpty(DockerLab.NodeSpec spec) {
        lab.collectLog(spec.node(), logDir.resolve(spec.node() + ".wipe-" + wipes.incrementAndGet() + ".log"));
        lab.recreate(spec);
    }

    /**
     * The spec a wiped node is created again from, after whatever the target needs for a member that
     * comes back empty (etcd: membership changes). Default: the same spec.
     */
    protected DockerLab.NodeSpec wiped(String node, DockerLab.NodeSpec spec) throws Exception {
        return spec;
    }

    /** ADDRESS (the node's own client port), CLIENT (the client link), CONTAINER (for {@code docker} commands). */
    protected Map<String, String> describe(String node, String address, String clientLink) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ADDRESS", address);
        m.put("CLIENT", clientLink);
        m.put("CONTAINER", lab.containerName(node));
        return m;
    }
}
