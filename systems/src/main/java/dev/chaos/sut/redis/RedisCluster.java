package dev.chaos.sut.redis;

import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.docker.Images;
import dev.chaos.cluster.HealthProbe;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import dev.chaos.workload.Workload;
import dev.chaos.workload.Workloads;
import dev.chaos.workload.Client;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Redis with Sentinel (Debian's redis-server and redis-sentinel): every node a container running one
 * Redis server and one Sentinel; n1 starts as the primary, the others replicate it; the Sentinels'
 * quorum is a majority of the nodes. Every server and Sentinel names its peers by host name
 * ({@code replica-announce-ip}, Sentinel's {@code resolve-hostnames} and {@code announce-hostnames}),
 * so each resolves them to its own links. Replication is asynchronous: a primary cut off from the
 * rest keeps acknowledging writes until Sentinel's failover elsewhere demotes it, and those writes
 * are discarded when it rejoins as a replica; the set checker is meant to find exactly those.
 *
 * <p>Clients live beside their node: a client of node i asks i's Sentinel for the primary before each
 * operation and reaches the primary j through the link {@code client-ni-to-nj}, which a partition
 * between i and j cuts like the peer links; so during a split, clients on the majority side lose the
 * old primary and follow the failover, and clients beside a cut-off primary keep writing to it. The
 * convergence probe reads every server directly.
 */
public final class RedisCluster extends ContainerCluster implements Leader, HealthProbe {

    public static final String IMAGE = "chaos/redis:" + Images.VERSION;
    static final int PORT = 6379;
    static final int SENTINEL_PORT = 26379;
    /** Where the links of node i's clients to another server j listen (on i's network). */
    static final int CLIENT_PAIR_PORT = 16379;
    static final int DOWN_AFTER_MS = 2000;
    /** Also Sentinel's retry delay after an aborted failover is twice this (a first try often finds the replicas' INFO too old). */
    static final int FAILOVER_TIMEOUT_MS = 3000;

    private final Wiring wiring;
    private final Map<String, String> byAddress = new HashMap<>();

    private RedisCluster(TargetContext ctx, DockerLab lab, Wiring wiring) {
        super(lab, ctx.nodes(), ctx.runDir(), ctx.log());
        this.wiring = wiring;
        for (String n : nodes) {
            byAddress.put(lab.nodeAddress(n), n);
            byAddress.put(n, n);
            for (String m : nodes) {
                if (!m.equals(n)) {
                    byAddress.put(lab.pairAddress(n, m), m);
                }
            }
        }
    }

    static RedisCluster start(TargetContext ctx, DockerLab lab) throws Exception {
        List<String> nodes = ctx.nodes();
        RedisCluster c = new RedisCluster(ctx, lab, ctx.wire(LinkPlan.of(PORT, List.of(PORT, SENTINEL_PORT)).withClientPairLinks(CLIENT_PAIR_PORT)));
        List<DockerLab.NodeSpec> specs = new java.util.ArrayList<>();
        for (String n : nodes) {
            specs.add(spec(n, nodes.get(0), nodes.size()));
        }
        lab.startNodes(specs);
        c.awaitReady(ctx.startTimeoutMs(), ctx.log());
        return c;
    }

    /**
     * Node {@code n}'s container: a Redis server replicating {@code primary} (unless it is the
     * primary) and a Sentinel monitoring {@code primary}. The configs are written into /data once: on a
     * restart the servers keep what Sentinel rewrote into them; a wiped node gets them fresh.
     */
    private static DockerLab.NodeSpec spec(String n, String primary, int size) {
        int quorum = size / 2 + 1;
        String redisConf = String.join("\n",
                "bind 0.0.0.0", "port " + PORT, "protected-mode no", "dir /data",
                "appendonly yes", "appendfsync everysec",
                "replica-announce-ip " + n,
                n.equals(primary) ? "" : "replicaof " + primary + " " + PORT, "");
        String sentinelConf = String.join("\n",
                "port " + SENTINEL_PORT, "protected-mode no", "dir /data",
                "sentinel resolve-hostnames yes", "sentinel announce-hostnames yes",
                "sentinel announce-ip " + n,
                "sentinel monitor " + RedisClient.MASTER + " " + primary + " " + PORT + " " + quorum,
                "sentinel down-after-milliseconds " + RedisClient.MASTER + " " + DOWN_AFTER_MS,
                "sentinel failover-timeout " + RedisClient.MASTER + " " + FAILOVER_TIMEOUT_MS,
                "sentinel parallel-syncs " + RedisClient.MASTER + " " + size, "");
        String script = "mkdir -p /data; [ -f /data/redis.conf ] || printf '%s' \"$REDIS_CONF\" > /data/redis.conf; "
                + "[ -f /data/sentinel.conf ] || printf '%s' \"$SENTINEL_CONF\" > /data/sentinel.conf; "
                + "redis-sentinel /data/sentinel.conf & exec redis-server /data/redis.conf";
        return new DockerLab.NodeSpec(n, IMAGE, List.of("sh", "-c", script), List.of(),
                Map.of("REDIS_CONF", redisConf, "SENTINEL_CONF", sentinelConf));
    }

    /**
     * A wiped node comes back as a replica of the current primary (as the Sentinels name it), with a
     * fresh Sentinel monitoring that primary: an empty replica makes a full resync from the primary.
     * Wipe replicas: a wiped primary's data is gone once Sentinel has failed over away from it.
     */
    @Override
    protected DockerLab.NodeSpec wiped(String node, DockerLab.NodeSpec spec) {
        String primary = leader();
        if (primary == null || primary.equals(node)) {
            throw new IllegalStateException("the Sentinels name " + (primary == null ? "no primary" : node + " as the primary")
                    + "; wipe a replica (or wait for the failover)");
        }
        return spec(node, primary, nodes.size());
    }

    /** Serving: the primary the Sentinels name, or a replica whose link to its primary is up. */
    @Override
    public boolean healthy(String node) {
        try {
            Map<String, String> info = info(node);
            String role = info.getOrDefault("role", "");
            if (role.equals("slave")) {
                return "up".equals(info.get("master_link_status"));
            }
            return role.equals("master") && node.equals(leader());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> describe(String node) {
        return describe(node, wiring.direct(node), wiring.clientLink(node));
    }

    /** Until the primary has every replica online and every Sentinel knows the primary, every replica and all other Sentinels. */
    private void awaitReady(long timeoutMs, Consumer<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        String state = "";
        while (true) {
            try {
                Map<String, String> info = info(nodes.get(0));
                int replicas = Integer.parseInt(info.getOrDefault("connected_slaves", "0"));
                int sentinelsReady = 0;
                for (String n : nodes) {
                    try (Resp s = new Resp(lab.nodeAddress(n), SENTINEL_PORT, 500, 1000)) {
                        Map<String, String> m = pairs(s.call("SENTINEL", "master", RedisClient.MASTER));
                        // a Sentinel learns the replicas from the primary's INFO, every 10 s: one that does not
                        // know them yet cannot fail over (-failover-abort-no-good-slave) once the primary is cut off
                        if (Integer.parseInt(m.getOrDefault("num-other-sentinels", "0")) == nodes.size() - 1
                                && Integer.parseInt(m.getOrDefault("num-slaves", "0")) == nodes.size() - 1
                                && m.getOrDefault("flags", "").equals("master")) {
                            sentinelsReady++;
                        }
                    }
                }
                state = "primary " + nodes.get(0) + " with " + replicas + " replicas; " + sentinelsReady + " sentinels ready";
                if (replicas == nodes.size() - 1 && sentinelsReady == nodes.size()) {
                    log.accept("redis serving: " + state);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                state = e.toString();
            }
            for (String n : nodes) {
                if (!lab.running(n)) {
                    throw new IllegalStateException("redis " + n + " exited during start-up; its log ends:\n" + lab.logTail(n, 30));
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("redis and sentinel not ready within " + timeoutMs + " ms: " + state);
                for (String n : nodes) {
                    sb.append("\n--- ").append(n).append(" ends:\n").append(lab.logTail(n, 10));
                }
                throw new IllegalStateException(sb.toString());
            }
            Thread.sleep(250);
        }
    }

    private Map<String, String> info(String node) throws IOException {
        try (Resp r = new Resp(lab.nodeAddress(node), PORT, 500, 1000)) {
            Map<String, String> out = new TreeMap<>();
            for (String line : String.valueOf(r.call("INFO", "replication")).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            return out;
        }
    }

    private static Map<String, String> pairs(Object reply) {
        Map<String, String> m = new TreeMap<>();
        if (reply instanceof List<?> l) {
            for (int i = 0; i + 1 < l.size(); i += 2) {
                m.put(String.valueOf(l.get(i)), String.valueOf(l.get(i + 1)));
            }
        }
        return m;
    }

    /** Which node a Sentinel's answer names ("n3:6379", or one of the addresses that lead to n3). */
    String nodeNamed(String hostPort) {
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        String n = byAddress.get(host);
        if (n == null) {
            throw new IllegalStateException("sentinel names an unknown primary " + hostPort);
        }
        return n;
    }

    @Override
    public Client openClient(String node, Workload workload) {
        return new RedisClient(lab.nodeAddress(node), SENTINEL_PORT, named -> wiring.clientLink(node, nodeNamed(named)), 30_000,
                Workloads.isSet(workload, "redis"));
    }

    @Override
    public Object localRead(String node, Workload workload) throws Exception {
        try (Resp r = new Resp(lab.nodeAddress(node), PORT, 500, 2000)) {
            if (Workloads.isSet(workload, "redis")) {
                java.util.List<Long> all = new java.util.ArrayList<>();
                for (Object key : (List<?>) r.call("KEYS", "s*")) {
                    for (Object e : RedisClient.elements(r.call("SMEMBERS", String.valueOf(key)))) {
                        all.add((Long) e);
                    }
                }
                all.sort(null);
                return dev.chaos.history.Values.list(all.toArray());
            }
            // one MGET for every register: kv has up to 10000 keys, and a round trip each would stretch the probe
            List<?> keys = (List<?>) r.call("KEYS", "r*");
            Map<String, Object> registers = new TreeMap<>();
            if (keys.isEmpty()) {
                return registers;
            }
            String[] mget = new String[keys.size() + 1];
            mget[0] = "MGET";
            for (int i = 0; i < keys.size(); i++) {
                mget[i + 1] = String.valueOf(keys.get(i));
            }
            List<?> values = (List<?>) r.call(mget);
            for (int i = 0; i < keys.size(); i++) {
                registers.put(mget[i + 1], RedisClient.register(values.get(i)));
            }
            return registers;
        }
    }

    /** The primary as most Sentinels name it. */
    @Override
    public String leader() {
        Map<String, Integer> votes = new HashMap<>();
        for (String n : nodes) {
            try (Resp s = new Resp(lab.nodeAddress(n), SENTINEL_PORT, 500, 1000)) {
                Object a = s.call("SENTINEL", "get-master-addr-by-name", RedisClient.MASTER);
                if (a instanceof List<?> l && l.size() == 2) {
                    votes.merge(nodeNamed(l.get(0) + ":" + l.get(1)), 1, Integer::sum);
                }
            } catch (IOException | RuntimeException e) {
                // this Sentinel does not answer
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
