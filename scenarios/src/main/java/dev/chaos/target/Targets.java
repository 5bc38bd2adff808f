package dev.chaos.target;

import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Teardown;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.proxy.ProxyServer;
import dev.chaos.target.etcd.EtcdCluster;
import dev.chaos.target.redis.RedisCluster;
import dev.chaos.target.zookeeper.ZooKeeperCluster;
import dev.chaos.target.zookeeper.ZooKeeperDockerCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The built-in targets and the backends each runs on, and how to start one: the proxy first (embedded
 * for {@code local}, a container for {@code docker}), then the nodes wired through it.
 */
public final class Targets {

    /** Target → the backends it runs on; the first is its default. */
    public static final Map<String, List<String>> BACKENDS = Map.of(
            "zookeeper", List.of("local", "docker"),
            "etcd", List.of("docker"),
            "redis", List.of("docker"));

    private Targets() {
    }

    public static String defaultBackend(String target) {
        List<String> b = BACKENDS.get(target);
        return b == null ? "local" : b.get(0);
    }

    /** Null when the pair is supported, else the reason. */
    public static String unsupported(String target, String backend) {
        List<String> b = BACKENDS.get(target);
        if (b == null) {
            return "unknown target '" + target + "'; built in: " + String.join(", ", new java.util.TreeSet<>(BACKENDS.keySet()));
        }
        if (!b.contains(backend)) {
            return "target " + target + " runs on backend " + String.join(" or ", b) + ", not '" + backend + "'";
        }
        return null;
    }

    /**
     * Starts the target's cluster with every link through a proxy. Everything started is registered
     * with {@link Teardown} as it comes up, so Ctrl-C during start-up removes it too.
     *
     * @param linearizableReads reads go through a quorum (ZooKeeper {@code sync}, etcd linearizable)
     */
    public static Deployment start(String target, String backend, List<String> nodes, Path runDir, String runId,
                                   boolean linearizableReads, long startTimeoutMs, Consumer<String> log) throws Exception {
        if (backend.equals("local")) {
            ProxyServer proxies = ProxyServer.start("127.0.0.1:0");
            Teardown.register(proxies);
            try {
                LinkFaults links = new LinkFaults(proxies.apiAddress());
                log.accept("proxy API on " + proxies.apiAddress() + " (embedded)");
                Cluster c = ZooKeeperCluster.start(nodes, runDir, links, linearizableReads, startTimeoutMs, log);
                Teardown.register(c);
                return new Deployment(c, links, proxies.apiAddress(), proxies);
            } catch (Exception | Error e) {
                proxies.close();
                throw e;
            }
        }
        DockerLab lab = DockerLab.create(nodes, runId, log);
        Teardown.register(lab);
        try {
            LinkFaults links = new LinkFaults(lab.proxyApi());
            log.accept("proxy API on " + lab.proxyApi() + " (container chaos-" + runId + "-proxy)");
            Cluster c = switch (target) {
                case "etcd" -> EtcdCluster.start(lab, nodes, runDir, links, linearizableReads, startTimeoutMs, log);
                case "redis" -> RedisCluster.start(lab, nodes, runDir, links, startTimeoutMs, log);
                case "zookeeper" -> ZooKeeperDockerCluster.start(lab, nodes, runDir, links, linearizableReads, startTimeoutMs, log);
                default -> throw new IllegalArgumentException(unsupported(target, backend));
            };
            Teardown.register(c);
            return new Deployment(c, links, lab.proxyApi(), lab);
        } catch (Exception | Error e) {
            lab.collectLogs(runDir.resolve("nodes"));
            lab.close();
            throw e;
        }
    }
}
