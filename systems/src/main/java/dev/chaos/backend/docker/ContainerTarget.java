package dev.chaos.backend.docker;

import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.TargetContext;
import java.util.List;

/** A target whose nodes run only as containers: its backend is {@code docker}, and it starts in a {@link DockerLab}. */
public abstract class ContainerTarget implements Target {

    @Override
    public final List<String> backends() {
        return List.of("docker");
    }

    @Override
    public final Cluster start(TargetContext context) throws Exception {
        if (!(context.lab() instanceof DockerLab docker)) {
            throw new IllegalArgumentException(name() + " runs on docker, not " + context.lab().backend());
        }
        return start(context, docker);
    }

    /** Starts the nodes as containers of {@code lab}, every link through its proxy container. */
    protected abstract Cluster start(TargetContext context, DockerLab lab) throws Exception;
}
