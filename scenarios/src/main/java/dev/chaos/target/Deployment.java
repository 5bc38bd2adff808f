package dev.chaos.target;

import dev.chaos.cluster.Cluster;
import dev.chaos.nemesis.LinkFaults;

/**
 * A started system under test: the cluster, the link faults that reach its proxies, and what tears
 * down the rest (the embedded proxy server, or the run's Docker networks and proxy container).
 * Closing it stops everything; it is safe to call more than once.
 */
public record Deployment(Cluster cluster, LinkFaults links, String proxyApi, AutoCloseable infrastructure) implements AutoCloseable {

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            try {
                infrastructure.close();
            } catch (Exception ignored) {
                // teardown goes on: nothing to add to the failure that brought us here
            }
        }
    }
}
