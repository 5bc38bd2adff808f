package dev.chaos.api;

import dev.chaos.workload.Client;

/**
 * Opens the client of one workload to one node, for an {@link ImageTarget}. The {@link Client}
 * turns an invocation into its completion: {@code ok}, {@code fail} only when the operation surely
 * did not happen, {@code info} when it may have (a timeout); it maps errors and does not throw.
 */
@FunctionalInterface
public interface ClientFactory {

    /**
     * A client of {@code node}, for one client process.
     *
     * @param node    the node, e.g. {@code n2}
     * @param address where to reach it, {@code host:port}: its client link, through the fault proxy
     */
    Client open(String node, String address) throws Exception;
}
