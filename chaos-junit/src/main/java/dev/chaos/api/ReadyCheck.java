package dev.chaos.api;

/**
 * Whether a node of an {@link ImageTarget} serves yet, polled every 200 ms until every node does or
 * the start time-out passes (Testcontainers' wait strategy, per node).
 */
@FunctionalInterface
public interface ReadyCheck {

    /**
     * Whether {@code node} serves now.
     *
     * @param node    the node, e.g. {@code n2}
     * @param address its client port reached directly, {@code host:port}
     * @return true once it serves; false or an exception: not yet
     */
    boolean ready(String node, String address) throws Exception;
}
