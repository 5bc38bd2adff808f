package dev.chaos.target.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.docker.Images;
import dev.chaos.cluster.Readiness;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.LinkTopology;
import dev.chaos.workload.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * etcd members (Debian's etcd-server) as containers, every peer link through its own proxy.
 *
 * <p>Every member advertises {@code http://ni:2380} and lists the others by name in
 * {@code --initial-cluster}: etcd hands one peer URL per member to everyone, and in member i's
 * container the name nj resolves to i's own link to j, so the same URL leads each member into its
 * own links. Clients reach member i through {@code client-to-ni}; the convergence probe and the
 * leader lookup talk to each member directly. Reads are linearizable (a quorum round), or
 * serializable (the member's own state) when sync reads are off.
 */
public final class EtcdCluster extends ContainerCluster {

    public static final String IMAGE = "chaos/etcd:" + Images.VERSION;
    static final int CLIENT_PORT = 2379;
    static final int PEER_PORT = 2380;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> clientLinks = new LinkedHashMap<>();
    private final boolean serializableReads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private EtcdCluster(DockerLab lab, List<String> nodes, Path runDir, boolean serializableReads) {
        super(lab, nodes, runDir);
        this.serializableReads = serializableReads;
    }

    public static EtcdCluster start(DockerLab lab, List<String> nodes, Path runDir, LinkFaults links, boolean linearizableReads,
                                    long startTimeoutMs, Consumer<String> log) throws Exception {
        EtcdCluster c = new EtcdCluster(lab, nodes, runDir, !linearizableReads);
        Map<String, String> listen = links.create(lab.peerLinks(List.of(PEER_PORT)), lab.clientLinks(CLIENT_PORT));
        for (String n : nodes) {
            c.clientLinks.put(n, listen.get(LinkTopology.clientProxyName(n)));
        }
        List<String> initial = new ArrayList<>();
        for (String n : nodes) {
            initial.add(n + "=http://" + n + ":" + PEER_PORT);
        }
        List<DockerLab.NodeSpec> specs = new ArrayList<>();
        for (String n : nodes) {
            specs.add(new DockerLab.NodeSpec(n, IMAGE, null, List.of(
                    "--name", n, "--data-dir", "/var/lib/chaos-etcd",
                    "--listen-peer-urls", "http://0.0.0.0:" + PEER_PORT,
                    "--listen-client-urls", "http://0.0.0.0:" + CLIENT_PORT,
                    "--advertise-client-urls", "http://" + n + ":" + CLIENT_PORT,
                    "--initial-advertise-peer-urls", "http://" + n + ":" + PEER_PORT,
                    "--initial-cluster", String.join(",", initial),
                    "--initial-cluster-state", "new",
                    "--initial-cluster-token", "chaos-" + lab.runId(),
                    "--heartbeat-interval", "100", "--election-timeout", "1000",
                    "--logger", "zap"), Map.of()));
        }
        lab.startNodes(specs);
        c.awaitLeader(startTimeoutMs, log);
        return c;
    }

    private void awaitLeader(long timeoutMs, Consumer<String> log) throws InterruptedException {
        Readiness.awaitOneLeader("etcd", nodes, this::roles, lab::running, n -> lab.logTail(n, 20), timeoutMs, log);
    }

    /** Each member's role from its own status: leader, follower, or down (no answer, or no leader known). */
    public Map<String, String> roles() {
        Map<String, String> roles = new TreeMap<>();
        for (String n : nodes) {
            String role = "down";
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://" + lab.nodeAddress(n) + ":" + CLIENT_PORT + "/v3/maintenance/status"))
                        .timeout(Duration.ofSeconds(1)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode s = JSON.readTree(r.body());
                String self = s.path("header").path("member_id").asText("");
                String leader = s.path("leader").asText("0");
                if (r.statusCode() == 200 && !leader.equals("0") && !leader.isEmpty()) {
                    role = leader.equals(self) ? "leader" : "follower";
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            roles.put(n, role);
        }
        return roles;
    }

    @Override
    public Client openClient(String node) {
        return new EtcdClient(clientLinks.get(node), serializableReads, Duration.ofSeconds(30));
    }

    @Override
    public Object localRead(String node, String workload) throws Exception {
        try (EtcdClient probe = new EtcdClient(lab.nodeAddress(node) + ":" + CLIENT_PORT, true, Duration.ofSeconds(2))) {
            return probe.localView(workload);
        }
    }

    @Override
    public String leader() {
        return roles().entrySet().stream().filter(e -> e.getValue().equals("leader")).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Serving: its own status answers and names a leader. */
    @Override
    public boolean healthy(String node) {
        String role = roles().get(node);
        return role.equals("leader") || role.equals("follower");
    }

    @Override
    public Map<String, String> describe(String node) {
        return describe(node, CLIENT_PORT, clientLinks.get(node));
    }

    /**
     * A wiped member cannot rejoin as itself: its old identity is gone with its data, and
     * {@code --initial-cluster-state new} would bootstrap a second cluster. So, through another
     * member's JSON gateway, the old member is removed ({@code /v3/cluster/member/remove}) and a new
     * one added with the same peer URL ({@code /v3/cluster/member/add}); the container is then created
     * with {@code --initial-cluster-state existing}, and on start it fetches the membership and the
     * data from the others.
     */
    @Override
    protected DockerLab.NodeSpec wiped(String node, DockerLab.NodeSpec spec) throws Exception {
        String peerUrl = "http://" + node + ":" + PEER_PORT;
        String via = null;
        for (String n : nodes) {
            if (!n.equals(node) && healthy(n)) {
                via = n;
                break;
            }
        }
        if (via == null) {
            throw new IllegalStateException("no serving member to change the membership through");
        }
        JsonNode list = gateway(via, "/v3/cluster/member/list", "{}");
        for (JsonNode m : list.path("members")) {
            boolean same = node.equals(m.path("name").asText());
            for (JsonNode u : m.path("peerURLs")) {
                same |= peerUrl.equals(u.asText());
            }
            if (same) {
                gateway(via, "/v3/cluster/member/remove", "{\"ID\":\"" + m.path("ID").asText() + "\"}");
            }
        }
        gateway(via, "/v3/cluster/member/add", "{\"peerURLs\":[\"" + peerUrl + "\"]}");
        List<String> cmd = new ArrayList<>(spec.command());
        int i = cmd.indexOf("--initial-cluster-state");
        cmd.set(i + 1, "existing");
        return new DockerLab.NodeSpec(spec.node(), spec.image(), spec.entrypoint(), cmd, spec.env());
    }

    private JsonNode gateway(String member, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + lab.nodeAddress(member) + ":" + CLIENT_PORT + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " on " + member + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @Override
    protected void closeClients() {
        http.close();
    }
}
