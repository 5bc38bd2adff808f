package dev.chaos.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Volume;
import dev.chaos.cluster.FakeClock;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.LinkTopology;
import dev.chaos.cluster.Wiring;
import dev.chaos.nemesis.LinkFaults;
import java.time.Duration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run's Docker world: a network per node, the proxy container on all of them, and the node
 * containers, all labelled {@code dev.chaos.run=<id>} so that {@link DockerCleaner} finds leftovers.
 *
 * <p>Wiring (DESIGN.md, "Links"): node i sits alone with the proxy on the internal network
 * {@code P.i.0/24} (P = a free {@code 10.x} prefix) at {@code P.i.10}; the proxy container is
 * {@code P.i.2} on every network and carries one extra address {@code P.i.(100+j)} per peer j, where
 * the links i→j listen; node i's hosts file maps {@code nj} to that address. Node i therefore has no
 * route to any peer's own address, and every name it resolves for a peer leads into its own link.
 * The host has an address on every bridge, so clients, probes and the proxy API need no published
 * ports.
 */
public final class DockerLab implements Lab {

    public static final String LABEL_RUN = "dev.chaos.run";
    public static final String LABEL_ROLE = "dev.chaos.role";
    /** The chaos process that made the resource, {@code host/pid} ({@link dev.chaos.cluster.Owner}). */
    public static final String LABEL_OWNER = "dev.chaos.owner";
    public static final String PROXY_IMAGE = "chaos/proxy:" + Images.VERSION;
    public static final int PROXY_API_PORT = 8474;

    /** What a node container runs. */
    public record NodeSpec(String node, String image, List<String> entrypoint, List<String> command, Map<String, String> env) {
    }

    private final DockerClient docker;
    private final String runId;
    private final List<String> nodes;
    private String prefix;
    private final Consumer<String> log;
    private final Map<String, String> networks = new LinkedHashMap<>();
    private final Map<String, String> containers = java.util.Collections.synchronizedMap(new java.util.TreeMap<>());
    /** What each node container was created from, so a wiped node can be created again (see {@link #recreate}). */
    private final Map<String, NodeSpec> specs = new java.util.concurrent.ConcurrentHashMap<>();
    private String proxyContainer;
    private LinkFaults links;
    private volatile boolean closed;
    private volatile LinkTopology wired;
    /** Where the nodes' clock directories go ({@code <run dir>/clock}); null until {@link #controlClocks}. */
    private volatile Path clocks;
    private final Path runDir;

    private DockerLab(DockerClient docker, String runId, List<String> nodes, Path runDir, Consumer<String> log) {
        this.docker = docker;
        this.runDir = runDir;
        this.runId = runId;
        this.nodes = List.copyOf(nodes);
        this.log = log;
    }

    /**
     * Creates the networks and the proxy container, adds the pair addresses and waits for the proxy
     * API. On failure everything created so far is removed.
     */
    public static DockerLab create(List<String> nodes, String runId, Consumer<String> log) throws Exception {
        return create(nodes, null, runId, log);
    }

    /** @param runDir the run directory, where node clock offsets are kept ({@link #controlClocks}); null: a temporary one */
    public static DockerLab create(List<String> nodes, Path runDir, String runId, Consumer<String> log) throws Exception {
        DockerClient docker = Docker.client();
        Images.require(docker, PROXY_IMAGE);
        DockerLab lab = new DockerLab(docker, runId, nodes, runDir, log);
        try {
            lab.createNetworks();
            lab.startProxy();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /** A {@code 10.x} prefix no existing Docker network uses (x from 201 up). */
    /** The {@code 10.x} prefixes (x from 201 up) no existing Docker network uses. */
    private static List<String> freePrefixes(DockerClient docker) {
        Set<String> used = new HashSet<>();
        for (Network n : docker.listNetworksCmd().exec()) {
            if (n.getIpam() != null && n.getIpam().getConfig() != null) {
                for (Network.Ipam.Config c : n.getIpam().getConfig()) {
                    String subnet = c.getSubnet();
                    if (subnet != null && subnet.startsWith("10.")) {
                        String[] parts = subnet.split("\\.");
                        used.add(parts[0] + "." + parts[1]);
                    }
                }
            }
        }
        List<String> free = new ArrayList<>();
        for (int x = 201; x < 255; x++) {
            if (!used.contains("10." + x)) {
                free.add("10." + x);
            }
        }
        if (free.isEmpty()) {
            throw new IllegalStateException("no free 10.x/16 range for chaos networks; run `chaos clean`");
        }
        return free;
    }

    private Map<String, String> labels(String role) {
        return Map.of(LABEL_RUN, runId, LABEL_ROLE, role, LABEL_OWNER, dev.chaos.cluster.Owner.current());
    }

    private int index(String node) {
        return nodes.indexOf(node) + 1;
    }

    public String runId() {
        return runId;
    }

    /** Node {@code node}'s own address on its network. */
    public String nodeAddress(String node) {
        return prefix + "." + index(node) + ".10";
    }

    /** Where the links {@code from → to} listen: an address of the proxy on {@code from}'s network. */
    public String pairAddress(String from, String to) {
        return prefix + "." + index(from) + "." + (100 + index(to));
    }

    /** The proxy container's main address on {@code node}'s network (client links listen there). */
    public String proxyAddress(String node) {
        return prefix + "." + index(node) + ".2";
    }

    @Override
    public LinkTopology topology() {
        return wired;
    }

    @Override
    public String proxyApi() {
        return proxyAddress(nodes.get(0)) + ":" + PROXY_API_PORT;
    }

    public String containerName(String node) {
        return "chaos-" + runId + "-" + node;
    }

    @Override
    public String backend() {
        return "docker";
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    /**
     * The links at this run's addresses: link i→j on the pair address {@code P.i.(100+j)}, at the
     * peer's own port; node i's client link on the proxy's main address on i's network, at the
     * client port. Ports are the target's, the same on every node (each has an address of its own).
     */
    @Override
    public Wiring wire(LinkPlan plan) {
        LinkTopology.Addresses at = new LinkTopology.Addresses() {
            @Override
            public String host(String node) {
                return nodeAddress(node);
            }

            @Override
            public int port(String node, int planned) {
                return planned;
            }

            @Override
            public String peerListen(String from, String to, int port) {
                return pairAddress(from, to) + ":" + port;
            }

            @Override
            public String clientListen(String node, int port) {
                return proxyAddress(node) + ":" + port;
            }
        };
        LinkTopology topology = LinkTopology.of(nodes, plan, at);
        Wiring w = new Wiring(topology, links.create(topology), at, plan);
        wired = topology;
        return w;
    }

    /** The link faults of this run's proxy container. */
    public LinkFaults links() {
        return links;
    }

    /**
     * One internal network per node, in the first free {@code 10.x} range; when another run takes
     * the same range at the same moment (Docker refuses overlapping pools), the next one is tried.
     */
    private void createNetworks() {
        RuntimeException last = null;
        for (String candidate : freePrefixes(docker)) {
            prefix = candidate;
            try {
                for (String n : nodes) {
                    String name = "chaos-" + runId + "-" + n;
                    String subnet = prefix + "." + index(n) + ".0/24";
                    String id = docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(true)
                            .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)
                                    .withGateway(prefix + "." + index(n) + ".1")))
                            .withLabels(labels("network")).exec().getId();
                    networks.put(n, id);
                    log.accept("docker network " + name + " " + subnet + " (internal)");
                }
                return;
            } catch (RuntimeException e) {
                last = e;
                for (String id : networks.values()) {
                    docker.removeNetworkCmd(id).exec();
                }
                networks.clear();
                if (e.getMessage() == null || !e.getMessage().contains("overlap")) {
                    throw e;
                }
                log.accept("address range " + prefix + " taken meanwhile; trying the next");
            }
        }
        throw last;
    }

    private void startProxy() throws Exception {
        String first = nodes.get(0);
        String name = "chaos-" + runId + "-proxy";
        CreateContainerCmd cmd = docker.createContainerCmd(PROXY_IMAGE).withName(name).withHostName("proxy")
                .withLabels(labels("proxy"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(networks.get(first))
                        .withCapAdd(Capability.NET_ADMIN))
                .withIpv4Address(proxyAddress(first));
        proxyContainer = cmd.exec().getId();
        for (String n : nodes.subList(1, nodes.size())) {
            docker.connectToNetworkCmd().withNetworkId(networks.get(n)).withContainerId(proxyContainer)
                    .withContainerNetwork(new ContainerNetwork().withIpamConfig(
                            new ContainerNetwork.Ipam().withIpv4Address(proxyAddress(n)))).exec();
        }
        docker.startContainerCmd(proxyContainer).exec();
        log.accept("proxy container " + name + " (" + PROXY_IMAGE + ") on " + nodes.size() + " networks");
        // one address per peer on each node's network: the pair (i, j) listens on P.i.(100+j)
        StringBuilder script = new StringBuilder("set -e; ");
        for (String n : nodes) {
            StringBuilder adds = new StringBuilder();
            for (String peer : nodes) {
                if (!peer.equals(n)) {
                    adds.append(" ip addr add ").append(pairAddress(n, peer)).append("/24 dev $dev;");
                }
            }
            script.append("dev=$(ip -o -4 addr show | awk '$4 ~ /^").append(proxyAddress(n).replace(".", "\\."))
                    .append("\\// {print $2}'); [ -n \"$dev\" ];").append(adds);
        }
        ExecResult r = exec(proxyContainer, List.of("sh", "-c", script.toString()));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("could not add the pair addresses in the proxy container: " + r.output());
        }
        awaitPort(proxyAddress(first), PROXY_API_PORT, 30_000, "the proxy API in " + name);
        links = new LinkFaults(proxyApi());
    }

    /** Starts every node's container at once (Docker creates and starts containers in parallel well). */
    public void startNodes(List<NodeSpec> specs) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (NodeSpec spec : specs) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    startNode(spec);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /**
     * Creates and starts a node container on its own network, peers mapped to its own links. After
     * {@link #controlClocks} the node's clock directory is mounted at {@link FakeClock#CONTAINER_DIR}
     * and its processes preload the image's libfaketime; an image without it is refused.
     */
    public void startNode(NodeSpec spec) {
        createNode(spec);
        docker.startContainerCmd(containers.get(spec.node())).exec();
        log.accept("node " + spec.node() + ": container " + containerName(spec.node()) + " (" + spec.image() + ") at "
                + nodeAddress(spec.node()));
        if (clocks != null) {
            requireFakeClock(spec);
        }
    }

    /** Creates a node container without starting it: a spare slot a later membership change starts. */
    public void prepareNode(NodeSpec spec) {
        createNode(spec);
        log.accept("node " + spec.node() + ": container " + containerName(spec.node()) + " (" + spec.image() + ") created, not started");
    }

    private void requireFakeClock(NodeSpec spec) {
        try {
            if (execIn(spec.node(), List.of("test", "-r", FakeClock.LIBRARY)).exitCode() != 0) {
                throw new IllegalStateException("clock faults need libfaketime in the node image, but " + spec.image()
                        + " has no " + FakeClock.LIBRARY + "; install Debian's faketime in it (docker/zookeeper/Dockerfile does)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + spec.image() + " for libfaketime", e);
        }
    }

    /** Node containers created from now on get a clock directory of their own, offset 0. */
    @Override
    public void controlClocks() throws IOException {
        Path dir = (runDir != null ? runDir.resolve("clock") : Files.createTempDirectory("chaos-clock-")).toAbsolutePath();
        for (String n : nodes) {
            FakeClock.write(dir.resolve(n), Duration.ZERO);
        }
        clocks = dir;
        log.accept("docker: node clocks faked with the images' libfaketime (offsets in " + dir + ")");
    }

    /** {@code date} run in the node's container, which has the node's libfaketime environment. */
    @Override
    public Long clockOffsetSeen(String node) throws InterruptedException {
        if (clocks == null) {
            return null;
        }
        long before = System.currentTimeMillis();
        ExecResult r = execIn(node, FakeClock.PROBE);
        return r.exitCode() == 0 ? FakeClock.offsetSeen(r.output(), before, System.currentTimeMillis()) : null;
    }

    @Override
    public void setClockOffset(String node, Duration offset) throws IOException {
        Path dir = clocks;
        if (dir == null) {
            throw new IllegalStateException("node clocks are not faked in this run (controlClocks was not called)");
        }
        FakeClock.write(dir.resolve(node), offset);
    }

    /** The spec the node's container was last created from. */
    public NodeSpec spec(String node) {
        return specs.get(node);
    }

    /**
     * Removes the node's container with its data (anonymous volumes included) and creates it again,
     * not started, from {@code spec}: same name, address and links, empty data.
     */
    public void recreate(NodeSpec spec) {
        String old = containers.get(spec.node());
        if (old != null) {
            docker.removeContainerCmd(old).withForce(true).withRemoveVolumes(true).exec();
        }
        createNode(spec);
        log.accept("node " + spec.node() + ": container " + containerName(spec.node()) + " created again, empty");
    }

    /** SIGTERM to the container's main process, SIGKILL after {@code grace} ({@code docker stop}); false when it took that long. */
    @Override
    public boolean stop(String node, Duration grace) {
        long t0 = System.nanoTime();
        try {
            docker.stopContainerCmd(containers.get(node)).withTimeout((int) Math.max(1, grace.toSeconds())).exec();
        } catch (com.github.dockerjava.api.exception.NotModifiedException e) {
            // already stopped
        }
        return System.nanoTime() - t0 < grace.toNanos();
    }

    /** Writes one node container's whole log (timestamped) to {@code file}: before a wipe removes it. */
    public void collectLog(String node, Path file) {
        writeLog(node, containers.get(node), file);
    }

    private void writeLog(String name, String id, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame f) {
                                try {
                                    w.write(new String(f.getPayload(), StandardCharsets.UTF_8));
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }
                        }).awaitCompletion(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.accept("could not collect the log of " + name + ": " + e.getMessage());
        }
    }

    private void createNode(NodeSpec spec) {
        String n = spec.node();
        List<String> hosts = new ArrayList<>();
        for (String peer : nodes) {
            if (!peer.equals(n)) {
                hosts.add(peer + ":" + pairAddress(n, peer));
            }
        }
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(networks.get(n)).withExtraHosts(hosts.toArray(String[]::new));
        Path clockDirs = clocks;
        if (clockDirs != null) {
            // the directory, not the file: the lab replaces the file by a rename, which a file mount would not show
            host.withBinds(new Bind(clockDirs.resolve(n).toString(), new Volume(FakeClock.CONTAINER_DIR), AccessMode.ro));
            FakeClock.environment(FakeClock.LIBRARY, FakeClock.CONTAINER_DIR).forEach((k, v) -> env.add(k + "=" + v));
        }
        CreateContainerCmd cmd = docker.createContainerCmd(spec.image()).withName(containerName(n)).withHostName(n)
                .withLabels(labels("node")).withEnv(env)
                .withHostConfig(host)
                .withIpv4Address(nodeAddress(n));
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (spec.command() != null) {
            cmd.withCmd(spec.command());
        }
        String id = cmd.exec().getId();
        containers.put(n, id);
        specs.put(n, spec);
    }

    @Override
    public boolean running(String node) {
        Boolean r = docker.inspectContainerCmd(containers.get(node)).exec().getState().getRunning();
        return Boolean.TRUE.equals(r);
    }

    /** SIGKILL the node's container (a crash: its data stays for a restart). */
    @Override
    public void kill(String node) {
        docker.killContainerCmd(containers.get(node)).exec();
    }

    @Override
    public void start(String node) {
        docker.startContainerCmd(containers.get(node)).exec();
    }

    /** Freezes every process of the node (like SIGSTOP to all of them). */
    @Override
    public void pause(String node) {
        docker.pauseContainerCmd(containers.get(node)).exec();
    }

    @Override
    public void resume(String node) {
        docker.unpauseContainerCmd(containers.get(node)).exec();
    }

    /** What a command run in a container printed, and how it exited. */
    public record ExecResult(int exitCode, String output) {
    }

    public ExecResult execIn(String node, List<String> command) throws InterruptedException {
        return exec(containers.get(node), command);
    }

    private ExecResult exec(String container, List<String> command) throws InterruptedException {
        String execId = docker.execCreateCmd(container).withCmd(command.toArray(String[]::new)).withAttachStdout(true)
                .withAttachStderr(true).exec().getId();
        StringBuilder out = new StringBuilder();
        docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
                synchronized (out) {
                    out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                }
            }
        }).awaitCompletion(60, TimeUnit.SECONDS);
        Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return new ExecResult(code == null ? -1 : code.intValue(), out.toString());
    }

    /** The tail of a node's container log, for start-up errors. */
    @Override
    public String logTail(String node, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(containers.get(node)).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame f) {
                            out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.append("(log unavailable: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    /** Writes every container's whole log (timestamped) to {@code dir/<node>.log} and {@code dir/proxy.log}. */
    @Override
    public void collectLogs(Path dir) {
        Map<String, String> all;
        synchronized (containers) {
            all = new LinkedHashMap<>(containers);
        }
        if (proxyContainer != null) {
            all.put("proxy", proxyContainer);
        }
        all.forEach((name, id) -> writeLog(name, id, dir.resolve(name + ".log")));
    }

    /** Waits until a TCP port accepts connections. */
    public static void awaitPort(String host, int port, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " did not accept connections on " + host + ":" + port + " within "
                            + timeoutMs + " ms");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Removes every container and network of this run. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> all;
        synchronized (containers) {
            all = new ArrayList<>(containers.values());
        }
        if (proxyContainer != null) {
            all.add(proxyContainer);
        }
        all.parallelStream().forEach(id -> {
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException e) {
                log.accept("could not remove container " + id + ": " + e.getMessage());
            }
        });
        for (String id : networks.values()) {
            try {
                docker.removeNetworkCmd(id).exec();
            } catch (RuntimeException e) {
                log.accept("could not remove network " + id + ": " + e.getMessage());
            }
        }
        log.accept("docker: removed " + all.size() + " containers and " + networks.size() + " networks of run " + runId);
    }
}
