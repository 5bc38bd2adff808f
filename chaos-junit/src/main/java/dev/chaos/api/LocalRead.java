package dev.chaos.api;

/**
 * A node's own view of the workload's data, for the convergence probe after the final heal (for
 * the set workload: every element the node holds, as a list of longs).
 */
@FunctionalInterface
public interface LocalRead {

    /**
     * What {@code node} holds now, read without coordination where the system allows.
     *
     * @param node    the node, e.g. {@code n2}
     * @param address its client port reached directly, {@code host:port}, not through the proxy
     */
    Object read(String node, String address) throws Exception;
}
