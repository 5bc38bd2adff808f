package dev.chaos.api;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.chaos.backend.docker.ContainerTarget;
import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A system under test made from a Docker image, configured the way a Testcontainers
 * {@code GenericContainer} is: the image, its ports, its command and environment per node, when a
 * node is ready, and a client per workload. Every node runs in a container of its own on the docker
 * backend, alone on its network with the fault proxy, so every peer link can be cut.
 *
 * <pre>{@code
 * ImageTarget etcd = ImageTarget.of("chaos/etcd:0.1.0")
 *         .withClientPort(2379)
 *         .withPeerPorts(2380)
 *         .withCommand(n -> List.of("--name", n.name(), ...))   // peers by name: "http://" + peer + ":2380"
 *         .withSetClient(EtcdSet::new);                          // SetClient.Factory: address -> client
 * }</pre>
 *
 * <p>Its cluster can be killed, paused, stopped, started and wiped through the containers, so
 * scenarios with node faults run too; it names no leader, so {@code isolate-leader} is refused.
 * The image must be on the machine: nothing is pulled.
 */
public final class ImageTarget extends ContainerTarget {

    private final String image;
    private String name;
    private Integer clientPort;
    private List<Integer> peerPorts = List.of();
    private List<String> entrypoint;
    private Function<ImageNode, List<String>> command = n -> List.of();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Function<ImageNode, Map<String, String>> envOfNode = n -> Map.of();
    private ReadyCheck ready;
    private final Map<String, ClientFactory> clients = new LinkedHashMap<>();
    private LocalRead localRead;
    private SetClient.Factory setClients;

    private ImageTarget(String image) {
        this.image = Objects.requireNonNull(image, "image");
        String last = image.substring(image.lastIndexOf('/') + 1);
        this.name = last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
    }

    /** A target running {@code image} (e.g. {@code chaos/etcd:0.1.0}), named after it ({@code etcd}) until {@link #named}. */
    public static ImageTarget of(String image) {
        return new ImageTarget(image);
    }

    /** The name in scenario.json, history.jsonl and the report. */
    public ImageTarget named(String targetName) {
        this.name = Objects.requireNonNull(targetName, "name");
        return this;
    }

    /** The port clients use; required. */
    public ImageTarget withClientPort(int port) {
        this.clientPort = port;
        return this;
    }

    /** The ports nodes reach each other on (each gets a link per ordered pair of nodes). */
    public ImageTarget withPeerPorts(int... ports) {
        this.peerPorts = Arrays.stream(ports).boxed().toList();
        return this;
    }

    /** The container's entrypoint, in place of the image's. */
    public ImageTarget withEntrypoint(String... args) {
        this.entrypoint = List.of(args);
        return this;
    }

    /** The same command (arguments to the entrypoint) on every node. */
    public ImageTarget withCommand(String... args) {
        List<String> fixed = List.of(args);
        this.command = n -> fixed;
        return this;
    }

    /** The command of each node, e.g. its name and its peers by name. */
    public ImageTarget withCommand(Function<ImageNode, List<String>> perNode) {
        this.command = Objects.requireNonNull(perNode, "command");
        return this;
    }

    /** An environment variable of every node. */
    public ImageTarget withEnv(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Environment variables of each node, beside those of {@link #withEnv(String, String)}. */
    public ImageTarget withEnv(Function<ImageNode, Map<String, String>> perNode) {
        this.envOfNode = Objects.requireNonNull(perNode, "env");
        return this;
    }

    /**
     * When a node serves. Default: with a set client, a {@link SetClient#readAll} on the node
     * succeeds; otherwise its client port accepts a connection.
     */
    public ImageTarget waitingFor(ReadyCheck check) {
        this.ready = Objects.requireNonNull(check, "ready check");
        return this;
    }

    /**
     * The set workload's client: one per client process and node, to its client link; the
     * convergence probe and the default readiness use one to the node's own port.
     */
    public ImageTarget withSetClient(SetClient.Factory factory) {
        this.setClients = Objects.requireNonNull(factory, "set client factory");
        clients.put("set", (node, address) -> new SetClientOps(factory.open(address)));
        return this;
    }

    /** The client of {@code workload} ({@code set} or {@code cas-register}), as a runner {@link dev.chaos.workload.Client}. */
    public ImageTarget withClient(String workload, ClientFactory factory) {
        clients.put(Objects.requireNonNull(workload, "workload"), Objects.requireNonNull(factory, "client factory"));
        return this;
    }

    /** The convergence probe's read, for clients given by {@link #withClient}; a set client brings its own. */
    public ImageTarget withLocalRead(LocalRead read) {
        this.localRead = Objects.requireNonNull(read, "local read");
        return this;
    }

    /** The image every node runs. */
    public String image() {
        return image;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "image " + image + ", defined in Java";
    }

    @Override
    public List<String> workloads() {
        return List.copyOf(clients.keySet());
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return ImageCluster.class;
    }

    @Override
    protected Cluster start(TargetContext ctx, DockerLab lab) throws Exception {
        if (clientPort == null) {
            throw new IllegalStateException("target " + name + ": no client port; give it with withClientPort(port)");
        }
        try {
            Docker.client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("target " + name + ": image " + image + " is not on this machine; build or load it"
                    + " first (chaos pulls nothing)");
        }
        Wiring w = ctx.wire(LinkPlan.of(clientPort, peerPorts));
        List<DockerLab.NodeSpec> specs = new ArrayList<>();
        for (String n : ctx.nodes()) {
            ImageNode node = new ImageNode(n, ctx.nodes());
            Map<String, String> e = new LinkedHashMap<>(env);
            e.putAll(envOfNode.apply(node));
            specs.add(new DockerLab.NodeSpec(n, image, entrypoint, List.copyOf(command.apply(node)), e));
        }
        lab.startNodes(specs);
        ReadyCheck check = readiness();
        ImageCluster cluster = new ImageCluster(ctx, lab, w, clients, localRead(), check);
        cluster.awaitReady(ctx.startTimeoutMs());
        return cluster;
    }

    private ReadyCheck readiness() {
        if (ready != null) {
            return ready;
        }
        if (setClients != null) {
            return (node, address) -> {
                try (SetClient c = setClients.open(address)) {
                    c.readAll();
                    return true;
                }
            };
        }
        return (node, address) -> {
            int colon = address.lastIndexOf(':');
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 500);
                return true;
            }
        };
    }

    private LocalRead localRead() {
        if (localRead != null) {
            return localRead;
        }
        if (setClients != null) {
            return (node, address) -> {
                try (SetClient c = setClients.open(address)) {
                    return SetClientOps.sorted(c.readAll());
                }
            };
        }
        return (node, address) -> {
            throw new UnsupportedOperationException("target " + name + " has no local read for the convergence probe;"
                    + " give one with withLocalRead(...)");
        };
    }
}
