package dev.chaos.targetfile;

import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Wiring;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A target file's nodes as containers: probes run inside them, a wipe creates the container again from its spec. */
final class ContainerNodes implements FileNodes {

    private final DockerLab lab;
    private final Wiring wiring;
    private final Path logDir;
    private final AtomicInteger wipes = new AtomicInteger();

    ContainerNodes(DockerLab lab, Wiring wiring, Path runDir) {
        this.lab = lab;
        this.wiring = wiring;
        this.logDir = runDir.resolve("nodes");
    }

    @Override
    public int probe(String node, List<String> command) throws Exception {
        return lab.execIn(node, command).exitCode();
    }

    /** Keeps its log so far as {@code nodes/<node>.wipe-<k>.log}, then removes the container with its data and creates it again. */
    @Override
    public void wipe(String node) {
        lab.collectLog(node, logDir.resolve(node + ".wipe-" + wipes.incrementAndGet() + ".log"));
        lab.recreate(lab.spec(node));
    }

    @Override
    public Map<String, String> describe(String node) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ADDRESS", wiring.direct(node));
        m.put("CLIENT", wiring.clientLink(node));
        m.put("CONTAINER", lab.containerName(node));
        return m;
    }
}
