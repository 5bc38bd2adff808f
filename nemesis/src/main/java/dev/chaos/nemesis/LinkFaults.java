package dev.chaos.nemesis;

import dev.chaos.cluster.LinkSpec;
import dev.chaos.cluster.LinkTopology;
import dev.chaos.fault.Grudge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Link faults over the Toxiproxy HTTP API, so the same code drives chaos' own proxy server or a real
 * Toxiproxy. Every operation returns what it changed, as data for the history.
 *
 * <p>How a grudge becomes toxics: proxy {@code a-to-b-*} carries the connections a opened to b
 * (upstream = a's bytes to b, downstream = b's replies to a), and {@code b-to-a-*} those b opened to
 * a. "a drops b's traffic" means every byte b sends towards a vanishes: the downstream of every
 * {@code a-to-b-*} and the upstream of every {@code b-to-a-*}. So a one-way fault touches only that
 * direction's streams, and a symmetric split black-holes both streams of every link between the
 * sides. A black hole is Toxiproxy's {@code timeout} toxic with timeout 0: bytes vanish and
 * connections hang, as in a real partition.
 */
public final class LinkFaults {

    /** One change to one proxy, for the history. */
    public record Change(String proxy, String action, String stream) {
    }

    private static final String BLACK_HOLE = "chaos_blackhole_";
    private static final String REJECT = "chaos_reject_";
    private static final String LATENCY = "chaos_latency_";
    private static final String BANDWIDTH = "chaos_bandwidth_";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The header by which chaos' proxy server names its instance (ProxyServer.INSTANCE_HEADER); a real Toxiproxy sends none. */
    static final String INSTANCE_HEADER = "X-Chaos-Proxy-Instance";

    private final String host;
    private final int port;
    private final ToxiproxyClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<LinkSpec> peerLinks = new ArrayList<>();
    /** The proxy server instance this object drives, pinned when it first answers; null until then. */
    private String instance;

    /**
     * Faults on links that were already created (by a backend's lab): partitions and slowdowns act
     * on the peer links of {@code wired}.
     */
    public LinkFaults(String apiAddress, LinkTopology wired) {
        this(apiAddress);
        peerLinks.addAll(wired.peerLinks());
    }

    public LinkFaults(String apiAddress) {
        int colon = apiAddress.lastIndexOf(':');
        this.host = apiAddress.substring(0, colon);
        this.port = Integer.parseInt(apiAddress.substring(colon + 1));
        this.client = new ToxiproxyClient(host, port);
        this.instance = instanceNow();
    }

    /** The instance id the proxy at the address names now: "" when it names none, null when it does not answer. */
    private String instanceNow() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/version"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.headers().firstValue(INSTANCE_HEADER).orElse("");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Refuses to change anything when another proxy server than the one this object drove answers
     * at its address: a run's faults can outlive its proxy (a healer still registered when a JVM
     * exits), and the next run's proxy gets the same address (every docker run on a machine starts
     * at 10.201.1.2:8474). Healing that one lifted a partition it was holding (issue 18). A proxy
     * that names no instance (a real Toxiproxy) cannot be told apart and is trusted.
     */
    private synchronized void requireOwnProxy() {
        String now = instanceNow();
        if (now == null || now.isEmpty()) {
            return; // not answering: the call fails on its own; unnamed: nothing to compare
        }
        if (instance == null || instance.isEmpty()) {
            instance = now;
        } else if (!instance.equals(now)) {
            throw new IllegalStateException("the proxy API at " + apiAddress() + " is another proxy now (instance " + now
                    + ", this one drove " + instance + "): its proxy is gone and another run's took the address; left alone");
        }
    }

    /** The proxy's Toxiproxy API, {@code host:port}. */
    public String apiAddress() {
        return host + ":" + port;
    }

    /**
     * Creates every link of the topology in one {@code /populate} call and returns each proxy's
     * listen address by name.
     */
    public Map<String, String> create(LinkTopology topology) {
        requireOwnProxy();
        List<LinkSpec> peer = topology.peerLinks();
        List<LinkSpec> clientSide = topology.clientLinks();
        List<Map<String, Object>> specs = new ArrayList<>();
        List<LinkSpec> all = new ArrayList<>(peer);
        all.addAll(clientSide);
        for (LinkSpec l : all) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", l.name());
            s.put("listen", l.listen());
            s.put("upstream", l.upstream());
            s.put("enabled", true);
            specs.add(s);
        }
        peerLinks.clear();
        peerLinks.addAll(peer);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/populate"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(specs)))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("proxy /populate answered " + r.statusCode() + ": " + r.body());
            }
            Map<String, String> listen = new LinkedHashMap<>();
            for (JsonNode p : JSON.readTree(r.body()).get("proxies")) {
                listen.put(p.get("name").asText(), p.get("listen").asText());
            }
            return listen;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the proxy API at " + host + ":" + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Black-holes every stream the grudge says is lost. */
    public List<Change> partition(Grudge grudge) {
        requireOwnProxy();
        List<Change> changes = new ArrayList<>();
        try {
            for (Map.Entry<String, Set<String>> e : grudge.drops().entrySet()) {
                String a = e.getKey();
                for (String b : e.getValue()) {
                    for (LinkSpec l : peerLinks) {
                        if (l.from().equals(a) && l.to().equals(b)) {
                            changes.add(blackHole(l.name(), ToxicDirection.DOWNSTREAM));
                        } else if (l.from().equals(b) && l.to().equals(a)) {
                            changes.add(blackHole(l.name(), ToxicDirection.UPSTREAM));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply the partition through the proxy API", e);
        }
        changes.removeIf(c -> c == null);
        return changes;
    }

    /**
     * Rejects the traffic the grudge says is lost, as a firewall REJECT rule or a dead host does:
     * every connection between the two nodes is reset, and every new one is reset as soon as it is
     * accepted ({@code reset_peer} with timeout 0). TCP needs both directions, so a node that rejects
     * another's packets cuts every connection between them, whichever side opened it: both proxies of
     * each pair the grudge names are reset, whatever the direction named.
     */
    public List<Change> reject(Grudge grudge) {
        requireOwnProxy();
        Set<String> proxies = new java.util.TreeSet<>();
        for (Map.Entry<String, Set<String>> e : grudge.drops().entrySet()) {
            for (String b : e.getValue()) {
                for (LinkSpec l : peerLinks) {
                    if (l.from().equals(e.getKey()) && l.to().equals(b) || l.from().equals(b) && l.to().equals(e.getKey())) {
                        proxies.add(l.name());
                    }
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        try {
            for (String name : proxies) {
                client.getProxy(name).toxics().resetPeer(REJECT + "upstream", ToxicDirection.UPSTREAM, 0);
                changes.add(new Change(name, "reject", "both"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply the rejecting partition through the proxy API", e);
        }
        return changes;
    }

    /**
     * Every proxy's traffic counters now, from the proxy server's {@code /metrics}; empty when the
     * server publishes none (a real Toxiproxy), or cannot be reached.
     */
    public Map<String, LinkCounters> counters() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? LinkCounters.parse(r.body()) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** What a heal may have left behind: every toxic still on a proxy ({@code proxy/toxic}) and every disabled proxy. */
    public record Leftovers(List<String> toxics, List<String> disabled) {
    }

    public Leftovers leftovers() {
        List<String> toxics = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        try {
            for (Proxy p : client.getProxies()) {
                for (var t : p.toxics().getAll()) {
                    toxics.add(p.getName() + "/" + t.getName());
                }
                if (!p.isEnabled()) {
                    disabled.add(p.getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the proxies through the proxy API", e);
        }
        return new Leftovers(toxics, disabled);
    }

    /** The names of the toxics on every proxy now, by proxy; empty when the proxies cannot be read. */
    public Map<String, List<String>> toxicNames() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try {
            for (Proxy p : client.getProxies()) {
                List<String> names = new ArrayList<>();
                for (var t : p.toxics().getAll()) {
                    names.add(t.getName());
                }
                out.put(p.getName(), names);
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /**
     * Whether {@code toxicNames} still cut every one of {@code streams} ("upstream", "downstream"):
     * each stream's black hole, or a rejection (it resets the connection, both streams).
     */
    static boolean cutsAll(List<String> toxicNames, Set<String> streams) {
        if (toxicNames.stream().anyMatch(n -> n.startsWith(REJECT))) {
            return true;
        }
        return streams.stream().allMatch(stream -> toxicNames.contains(BLACK_HOLE + stream));
    }

    /** The peer links faults act on. */
    public List<LinkSpec> peerLinks() {
        return List.copyOf(peerLinks);
    }

    /**
     * Degrades every peer link, both streams: a latency toxic (with jitter) and a bandwidth toxic,
     * as given (a null parameter is not applied). Returns one change per toxic added.
     */
    public List<Change> degrade(Duration latency, Duration jitter, Long bandwidthKBps) {
        requireOwnProxy();
        List<Change> changes = new ArrayList<>();
        try {
            for (LinkSpec l : peerLinks) {
                Proxy p = client.getProxy(l.name());
                for (ToxicDirection d : ToxicDirection.values()) {
                    String stream = d.name().toLowerCase(java.util.Locale.ROOT);
                    if (latency != null || jitter != null) {
                        p.toxics().latency(LATENCY + stream, d, latency == null ? 0 : latency.toMillis())
                                .setJitter(jitter == null ? 0 : jitter.toMillis());
                        changes.add(new Change(l.name(), "latency", stream));
                    }
                    if (bandwidthKBps != null) {
                        p.toxics().bandwidth(BANDWIDTH + stream, d, bandwidthKBps);
                        changes.add(new Change(l.name(), "bandwidth", stream));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot degrade the links through the proxy API", e);
        }
        return changes;
    }

    private Change blackHole(String proxy, ToxicDirection d) throws IOException {
        String stream = d.name().toLowerCase(java.util.Locale.ROOT);
        Proxy p = client.getProxy(proxy);
        String name = BLACK_HOLE + stream;
        for (var t : p.toxics().getAll()) {
            if (t.getName().equals(name)) {
                return null; // already black-holed by another grudge entry
            }
        }
        p.toxics().timeout(name, d, 0);
        return new Change(proxy, "black-hole", stream);
    }

    /**
     * Removes every toxic and enables every proxy (Toxiproxy's /reset), returning what was undone:
     * the final heal, after every fault.
     *
     * <p>Connections that crossed a black hole are then closed (the proxy is disabled and enabled
     * again). A black hole deletes bytes from the middle of a TCP stream, which a real partition
     * never does (TCP retransmits; the stream resumes intact or the connection times out); leaving
     * such a stream open hands the nodes a corrupted protocol stream at the heal. Closing it is what
     * a long real partition ends in, and the nodes reconnect with clean streams.
     */
    public List<Change> heal() {
        requireOwnProxy();
        List<Change> undone = new ArrayList<>();
        try {
            for (Proxy p : client.getProxies()) {
                for (var t : p.toxics().getAll()) {
                    undone.add(new Change(p.getName(), "remove " + t.getName(), t.getStream().name().toLowerCase(java.util.Locale.ROOT)));
                }
                if (!p.isEnabled()) {
                    undone.add(new Change(p.getName(), "enable", "both"));
                }
            }
            closeCrossed(undone);
            client.reset(); // removes every toxic and enables every proxy, the crossed ones included
        } catch (IOException e) {
            throw new UncheckedIOException("cannot heal through the proxy API", e);
        }
        return undone;
    }

    /**
     * Removes the black holes and rejections only ({@link #partition}'s and {@link #reject}'s doing), closing the connections that
     * crossed them as {@link #heal} does; a degradation held at the same time stays.
     */
    public List<Change> healPartition() {
        requireOwnProxy();
        List<Change> undone = new ArrayList<>();
        try {
            List<Proxy> crossed = closeCrossed(undone);
            for (Proxy p : crossed) {
                removeToxics(p, BLACK_HOLE, undone);
                p.enable();
            }
            for (Proxy p : client.getProxies()) {
                removeToxics(p, REJECT, undone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot heal the partition through the proxy API", e);
        }
        return undone;
    }

    /** Removes the latency and bandwidth toxics only ({@link #degrade}'s doing); a partition held at the same time stays. */
    public List<Change> healDegrade() {
        requireOwnProxy();
        List<Change> undone = new ArrayList<>();
        try {
            for (Proxy p : client.getProxies()) {
                removeToxics(p, LATENCY, undone);
                removeToxics(p, BANDWIDTH, undone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot heal the degraded links through the proxy API", e);
        }
        return undone;
    }

    /** Removes the proxy's toxics whose names start with {@code prefix}, noting each in {@code undone}. */
    private static void removeToxics(Proxy p, String prefix, List<Change> undone) throws IOException {
        for (var t : p.toxics().getAll()) {
            if (t.getName().startsWith(prefix)) {
                t.remove();
                undone.add(new Change(p.getName(), "remove " + t.getName(), t.getStream().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
    }

    /**
     * Disables every proxy with a black hole, closing the connections that crossed it, and returns
     * those proxies (still disabled). This comes before the black holes go: removing the toxics first
     * let bytes flow again, for a moment, on streams with a gap in the middle (seen with 2 s flapping
     * splits: ZooKeeper followers got a proposal past a missing one and exited, code 12).
     */
    private List<Proxy> closeCrossed(List<Change> undone) throws IOException {
        List<Proxy> crossed = new ArrayList<>();
        for (Proxy p : client.getProxies()) {
            if (p.toxics().getAll().stream().anyMatch(t -> t.getName().startsWith(BLACK_HOLE))) {
                p.disable();
                undone.add(new Change(p.getName(), "reset connections", "both"));
                crossed.add(p);
            }
        }
        return crossed;
    }
}
