package dev.chaos.cluster;

import java.net.URI;
import java.util.Map;

/**
 * A cluster whose nodes serve Prometheus metrics of their own (etcd's {@code /metrics} on its client
 * port): what an alert scenario's Prometheus scrapes. The endpoints are each node's own address,
 * reached directly, never through a fault proxy, so a partition cuts the nodes from each other and
 * not from their monitoring, as on a real network where the monitoring has its own path.
 */
public interface MetricsEndpoints {

    /** The scrape job's name, which rules select with {@code job="..."} (e.g. {@code etcd}). */
    String metricsJob();

    /** Each node's metrics URL, by node name, e.g. {@code n1 -> http://10.201.1.10:2379/metrics}. */
    Map<String, URI> metricsEndpoints();
}
