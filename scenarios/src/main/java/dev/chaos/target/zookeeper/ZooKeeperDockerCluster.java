package dev.chaos.target.zookeeper;

import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.docker.Images;
import dev.chaos.cluster.Readiness;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.LinkTopology;
import dev.chaos.workload.Client;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * ZooKeeper servers as containers of the project's own image (the ZooKeeper jars chaos is built
 * with), with the same configuration, clients and probes as the local backend. Peers are named
 * {@code server.j=nj:2888:3888}; in node i's container nj resolves to i's own link to j.
 */
public final class ZooKeeperDockerCluster extends ContainerCluster {

    public static final String IMAGE = "chaos/zookeeper:" + Images.VERSION;
    static final int CLIENT_PORT = 2181;
    static final int QUORUM_PORT = 2888;
    static final int ELECTION_PORT = 3888;

    private final Map<String, String> clientLinks = new LinkedHashMap<>();
    private final Map<String, ZooKeeperClient> probes = new ConcurrentHashMap<>();
    private final boolean syncReads;

    private ZooKeeperDockerCluster(DockerLab lab, List<String> nodes, Path runDir, boolean syncReads) {
        super(lab, nodes, runDir);
        this.syncReads = syncReads;
    }

    public static ZooKeeperDockerCluster start(DockerLab lab, List<String> nodes, Path runDir, LinkFaults links, boolean syncReads,
                                               long startTimeoutMs, Consumer<String> log) throws Exception {
        ZooKeeperDockerCluster c = new ZooKeeperDockerCluster(lab, nodes, runDir, syncReads);
        Map<String, String> listen = links.create(lab.peerLinks(List.of(QUORUM_PORT, ELECTION_PORT)), lab.clientLinks(CLIENT_PORT));
        for (String n : nodes) {
            c.clientLinks.put(n, listen.get(LinkTopology.clientProxyName(n)));
        }
        StringBuilder cfg = ZooKeeperCluster.baseConfig("/data", CLIENT_PORT).append("quorumListenOnAllIPs=true\n");
        for (int j = 0; j < nodes.size(); j++) {
            cfg.append("server.").append(j + 1).append('=').append(nodes.get(j)).append(':').append(QUORUM_PORT).append(':')
                    .append(ELECTION_PORT).append('\n');
        }
        String script = "mkdir -p /conf /data; printf '%s' \"$ZOO_CFG\" > /conf/zoo.cfg; "
                + "[ -f /data/myid ] || echo \"$ZOO_MY_ID\" > /data/myid; "
                + "exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dzookeeper.jmx.log4j.disable=true "
                + "-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "
                + "-cp '/opt/chaos/lib/*' org.apache.zookeeper.server.quorum.QuorumPeerMain /conf/zoo.cfg";
        List<DockerLab.NodeSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            specs.add(new DockerLab.NodeSpec(nodes.get(i), IMAGE, List.of("sh", "-c", script), List.of(),
                    Map.of("ZOO_CFG", cfg.toString(), "ZOO_MY_ID", Integer.toString(i + 1))));
        }
        lab.startNodes(specs);
        c.awaitServing(startTimeoutMs, log);
        ZooKeeperCluster.createParents(lab.nodeAddress(nodes.get(0)) + ":" + CLIENT_PORT);
        return c;
    }

    private void awaitServing(long timeoutMs, Consumer<String> log) throws InterruptedException {
        Readiness.awaitOneLeader("zookeeper", nodes, this::modes, lab::running, n -> lab.logTail(n, 20), timeoutMs, log);
    }

    public Map<String, String> modes() {
        return ZooKeeperCluster.modes(nodes, n -> lab.nodeAddress(n) + ":" + CLIENT_PORT);
    }

    @Override
    public Client openClient(String node) throws Exception {
        return new ZooKeeperClient(clientLinks.get(node), ZooKeeperCluster.SESSION_TIMEOUT_MS, syncReads);
    }

    @Override
    public Object localRead(String node, String workload) throws Exception {
        return ZooKeeperProbes.read(probes, node, lab.nodeAddress(node) + ":" + CLIENT_PORT, workload);
    }

    @Override
    public String leader() {
        return modes().entrySet().stream().filter(e -> e.getValue().equals("leader")).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Serving: {@code srvr} says leader or follower. A wiped node keeps its myid (from the environment) and syncs a snapshot. */
    @Override
    public boolean healthy(String node) {
        return ZooKeeperCluster.serving(ZooKeeperCluster.fourLetter(lab.nodeAddress(node), CLIENT_PORT, "srvr"));
    }

    @Override
    public Map<String, String> describe(String node) {
        return describe(node, CLIENT_PORT, clientLinks.get(node));
    }

    @Override
    protected void closeClients() {
        probes.values().forEach(ZooKeeperClient::close);
        probes.clear();
    }
}
