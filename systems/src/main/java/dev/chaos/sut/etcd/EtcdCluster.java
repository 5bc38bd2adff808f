package dev.chaos.sut.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.docker.Images;
import dev.chaos.cluster.HealthProbe;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.Membership;
import dev.chaos.cluster.MetricsEndpoints;
import dev.chaos.cluster.Readiness;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import dev.chaos.workload.Workload;
import dev.chaos.workload.Workloads;
import dev.chaos.workload.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
public final class EtcdCluster extends ContainerCluster implements Leader, HealthProbe, Membership, MetricsEndpoints {

    public static final String IMAGE = "chaos/etcd:" + Images.VERSION;
    static final int CLIENT_PORT = 2379;
    static final int PEER_PORT = 2380;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a membership change etcd refuses as unsafe for now is retried (see {@link #gateway}). */
    private static final Duration RECONFIG_PATIENCE = Duration.ofSeconds(15);

    private final Wiring wiring;
    private final boolean serializableReads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private EtcdCluster(TargetContext ctx, DockerLab lab, Wiring wiring) {
        super(lab, ctx.nodes(), ctx.runDir(), ctx.log());
        this.wiring = wiring;
        this.serializableReads = !ctx.linearizableReads();
    }

    static EtcdCluster start(TargetContext ctx, DockerLab lab) throws Exception {
        List<String> nodes = ctx.nodes();
        List<String> members = ctx.initialMembers();
        EtcdCluster c = new EtcdCluster(ctx, lab, ctx.wire(LinkPlan.of(CLIENT_PORT, List.of(PEER_PORT))));
        List<String> initial = new ArrayList<>();
        for (String n : members) {
            initial.add(n + "=" + peerUrl(n));
        }
        List<DockerLab.NodeSpec> specs = new ArrayList<>();
        for (String n : nodes) {
            DockerLab.NodeSpec spec = new DockerLab.NodeSpec(n, IMAGE, null, List.of(
                    "--name", n, "--data-dir", "/var/lib/chaos-etcd",
                    "--listen-peer-urls", "http://0.0.0.0:" + PEER_PORT,
                    "--listen-client-urls", "http://0.0.0.0:" + CLIENT_PORT,
                    "--advertise-client-urls", "http://" + n + ":" + CLIENT_PORT,
                    "--initial-advertise-peer-urls", "http://" + n + ":" + PEER_PORT,
                    "--initial-cluster", String.join(",", initial),
                    "--initial-cluster-state", "new",
                    "--initial-cluster-token", "chaos-" + lab.runId(),
                    "--heartbeat-interval", "100", "--election-timeout", "1000",
                    "--logger", "zap"), Map.of());
            if (members.contains(n)) {
                specs.add(spec);
            } else {
                lab.prepareNode(spec); // a spare: add-member lists the members of the day and starts it
            }
        }
        lab.startNodes(specs);
        Readiness.awaitOneLeader("etcd", members, () -> { Map<String, String> r = c.roles(); r.keySet().retainAll(members); return r; }, lab::running, n -> lab.logTail(n, 20), ctx.startTimeoutMs(), ctx.log());
        return c;
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
    public Client openClient(String node, Workload workload) {
        return new EtcdClient(wiring.clientLink(node), serializableReads, Duration.ofSeconds(30), Workloads.isSet(workload, "etcd"));
    }

    @Override
    public Object localRead(String node, Workload workload) throws Exception {
        try (EtcdClient probe = new EtcdClient(wiring.direct(node), true, Duration.ofSeconds(2), Workloads.isSet(workload, "etcd"))) {
            return probe.localView();
        }
    }

    @Override
    public String leader() {
        return Readiness.leaderOf(roles());
    }

    /** Serving: its own status answers and names a leader. */
    @Override
    public boolean healthy(String node) {
        String role = roles().get(node);
        return role.equals("leader") || role.equals("follower");
    }

    @Override
    public String metricsJob() {
        return "etcd";
    }

    /** etcd serves {@code /metrics} on its client port; reached directly, not through the client link. */
    @Override
    public Map<String, URI> metricsEndpoints() {
        Map<String, URI> out = new TreeMap<>();
        for (String n : nodes) {
            out.put(n, URI.create("http://" + wiring.direct(n) + "/metrics"));
        }
        return out;
    }

    @Override
    public Map<String, String> describe(String node) {
        return describe(node, wiring.direct(node), wiring.clientLink(node));
    }

    /**
     * A wiped member cannot rejoin as itself: its old identity is gone with its data, and
     * {@code --initial-cluster-state new} would bootstrap a second cluster. So the old member is
     * removed and a new one added with the same peer URL ({@link #memberOut}, {@link #memberIn}), and
     * the container is created with {@code --initial-cluster-state existing}: on start it fetches the
     * membership and the data from the others.
     */
    @Override
    protected DockerLab.NodeSpec wiped(String node, DockerLab.NodeSpec spec) throws Exception {
        String via = serving(node);
        memberOut(via, node);
        memberIn(via, node);
        return joining(via, spec);
    }

    /**
     * Removes the node's member through another member's JSON gateway
     * ({@code /v3/cluster/member/remove}, what {@code etcdctl member remove} sends), then stops its
     * container: a removed member shuts itself down, this makes sure. The quorum is now counted over
     * the members left.
     */
    @Override
    public String removeMember(String node) throws Exception {
        String id = memberOut(serving(node), node);
        if (id == null) {
            throw new IllegalStateException(node + " is not a member of the cluster");
        }
        lab.stop(node, Duration.ofSeconds(10));
        log.accept("etcd: member " + id + " (" + node + ") removed");
        return id;
    }

    /**
     * Adds the node back as a new member with the peer URL it had ({@code http://node:2380}, which in
     * each member's container leads into that member's own link to it, as before), through another
     * member's gateway ({@code /v3/cluster/member/add}); then creates its container again, empty, with
     * {@code --initial-cluster-state existing}, and starts it. A member still registered under the
     * node's name or peer URL is removed first, so adding twice leaves one member.
     */
    @Override
    public String addMember(String node) throws Exception {
        if (lab.running(node)) {
            lab.stop(node, Duration.ofSeconds(10));
        }
        String via = serving(node);
        memberOut(via, node);
        String id = memberIn(via, node);
        recreateEmpty(joining(via, lab.spec(node)));
        lab.start(node);
        log.accept("etcd: member " + id + " (" + node + ") added, empty");
        return id;
    }

    /**
     * Removes the node's member ({@link #removeMember}), then deletes its data: its container is
     * created again, empty, and left stopped (its log so far is kept as {@code nodes/<node>.wipe-<k>.log}).
     */
    @Override
    public String decommission(String node) throws Exception {
        String id = removeMember(node);
        recreateEmpty(lab.spec(node));
        log.accept("etcd: " + node + " decommissioned, its data deleted");
        return id;
    }

    /** A serving member other than {@code node}, to change the membership through. */
    private String serving(String node) {
        for (String n : nodes) {
            if (!n.equals(node) && healthy(n)) {
                return n;
            }
        }
        throw new IllegalStateException("no serving member besides " + node + " to change the membership through");
    }

    /** Removes every member named {@code node} or with its peer URL; the (last) id removed in hex, or null when none was. */
    private String memberOut(String via, String node) throws Exception {
        String peerUrl = peerUrl(node);
        String removed = null;
        JsonNode list = gateway(via, "/v3/cluster/member/list", "{}");
        for (JsonNode m : list.path("members")) {
            boolean same = node.equals(m.path("name").asText());
            for (JsonNode u : m.path("peerURLs")) {
                same |= peerUrl.equals(u.asText());
            }
            if (same) {
                gateway(via, "/v3/cluster/member/remove", "{\"ID\":\"" + m.path("ID").asText() + "\"}");
                removed = hex(m.path("ID").asText());
            }
        }
        return removed;
    }

    /** Adds a member with the node's peer URL; its id in hex. */
    private String memberIn(String via, String node) throws Exception {
        JsonNode added = gateway(via, "/v3/cluster/member/add", "{\"peerURLs\":[\"" + peerUrl(node) + "\"]}");
        return hex(added.path("member").path("ID").asText());
    }

    /**
     * The spec of a member joining a running cluster: {@code --initial-cluster-state existing}, and
     * {@code --initial-cluster} listing the members of the day (asked of {@code via}, the new one
     * included), which etcd checks against the cluster's own list: members may have been added or
     * decommissioned since the start.
     */
    private DockerLab.NodeSpec joining(String via, DockerLab.NodeSpec spec) throws Exception {
        List<String> cmd = new ArrayList<>(spec.command());
        int i = cmd.indexOf("--initial-cluster-state");
        cmd.set(i + 1, "existing");
        List<String> current = new ArrayList<>();
        for (JsonNode m : gateway(via, "/v3/cluster/member/list", "{}").path("members")) {
            String url = m.path("peerURLs").path(0).asText("");
            current.add(URI.create(url).getHost() + "=" + url); // every member's peer URL is http://<node>:2380
        }
        cmd.set(cmd.indexOf("--initial-cluster") + 1, String.join(",", current));
        return new DockerLab.NodeSpec(spec.node(), spec.image(), spec.entrypoint(), cmd, spec.env());
    }

    private static String peerUrl(String node) {
        return "http://" + node + ":" + PEER_PORT;
    }

    /** A member id as etcd's logs and etcdctl write it (hex); the JSON gateway gives it in decimal. */
    static String hex(String decimal) {
        return decimal.isEmpty() ? "" : Long.toUnsignedString(Long.parseUnsignedLong(decimal), 16);
    }

    /**
     * POSTs to a member's JSON gateway. A membership change that etcd refuses as unsafe for now is
     * retried for up to {@link #RECONFIG_PATIENCE}: with its strict reconfiguration check (the
     * default) etcd refuses a removal or an addition ("unhealthy cluster", HTTP 503) until the
     * members that must keep the quorum have been connected for 5 s, e.g. just after the start.
     */
    private JsonNode gateway(String member, String path, String body) throws Exception {
        long deadline = System.nanoTime() + RECONFIG_PATIENCE.toNanos();
        HttpResponse<String> r;
        while (true) {
            r = http.send(HttpRequest.newBuilder(
                            URI.create("http://" + lab.nodeAddress(member) + ":" + CLIENT_PORT + path))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503 && r.body().contains("unhealthy cluster") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                continue;
            }
            break;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " on " + member + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        http.close();
    }
}
