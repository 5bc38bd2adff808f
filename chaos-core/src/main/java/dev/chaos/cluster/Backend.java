package dev.chaos.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where nodes run: {@code local} (OS processes on loopback, the proxy embedded) or {@code docker}
 * (a container per node, each alone on its network with the proxy container). Found with
 * {@link java.util.ServiceLoader}, like targets.
 */
public interface Backend {

    /** How {@code --backend} names it. */
    String name();

    /** One line for {@code chaos targets}. */
    String description();

    /**
     * Prepares one run's lab: the link proxy (and, for docker, the networks), nothing of the
     * target's yet. Everything it starts is registered for teardown and goes with {@link Lab#close}.
     *
     * @param runId safe for names and labels: unique to this run
     */
    Lab open(List<String> nodes, Path runDir, String runId, Consumer<String> log) throws Exception;
}
