package dev.chaos.backend.docker;

import dev.chaos.cluster.Backend;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.Teardown;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** {@code --backend docker}: a container per node, each alone on its network with the proxy container ({@link DockerLab}). */
public final class DockerBackend implements Backend {

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String description() {
        return "a container per node, alone on its own network with the proxy container (docker/bootstrap.sh builds the images)";
    }

    @Override
    public Lab open(List<String> nodes, Path runDir, String runId, Consumer<String> log) throws Exception {
        DockerLab lab = DockerLab.create(nodes, runDir, runId, log);
        Teardown.register(lab);
        log.accept("proxy API on " + lab.proxyApi() + " (container chaos-" + runId + "-proxy)");
        return lab;
    }
}
