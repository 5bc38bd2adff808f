package dev.chaos.proxy;

import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * chaos' own Toxiproxy-compatible proxy server: the proxies (links) and their toxics, driven
 * through a Java API (embedded in the chaos JVM) or Toxiproxy's HTTP API ({@link ToxiproxyApi}), so
 * the nemesis can drive this server and the real Toxiproxy the same way.
 *
 * <pre>
 * try (ProxyServer proxies = ProxyServer.start("127.0.0.1:0")) {   // API on an ephemeral port
 *     Link l = proxies.create("n1-to-n2-2888", "127.0.0.1:0", "127.0.0.1:2888", true);
 *     proxies.addToxic(l.name(), Toxic.blackHole(Direction.UPSTREAM));
 * }
 * </pre>
 */
public final class ProxyServer implements Closeable {

    /** The Toxiproxy API version this server implements. */
    public static final String VERSION = "2.12.0";

    /**
     * The response header of every API answer naming this server instance (random at start): a
     * client that drove one proxy can tell when another one answers at the same address (the next
     * run's), and leave it alone. Toxiproxy clients ignore it.
     */
    public static final String INSTANCE_HEADER = "X-Chaos-Proxy-Instance";

    private final String instance = java.util.UUID.randomUUID().toString();

    private final Map<String, Link> links = new LinkedHashMap<>();
    private final ToxiproxyApi api;

    private ProxyServer(InetSocketAddress apiAddress) {
        this.api = apiAddress == null ? null : ToxiproxyApi.start(this, apiAddress);
    }

    /** Starts a server with its HTTP API on {@code host:port} (port 0: any free port; loopback unless told). */
    public static ProxyServer start(String apiListen) {
        return new ProxyServer(parseAddress(apiListen, "listen"));
    }

    /** A server with no HTTP API: only the Java API drives it. */
    public static ProxyServer embedded() {
        return new ProxyServer(null);
    }

    /** This server's instance id, sent as {@link #INSTANCE_HEADER}. */
    public String instance() {
        return instance;
    }

    /** The HTTP API's address, e.g. {@code 127.0.0.1:8474}; null when started without one. */
    public String apiAddress() {
        return api == null ? null : api.address();
    }

    public synchronized Link create(String name, String listen, String upstream, boolean enabled) {
        if (name == null || name.isEmpty()) {
            throw ProxyException.badRequest("missing required field: name");
        }
        if (upstream == null || upstream.isEmpty()) {
            throw ProxyException.badRequest("missing required field: upstream");
        }
        if (links.containsKey(name)) {
            throw ProxyException.conflict("proxy " + name);
        }
        Link l = new Link(name, listen == null || listen.isEmpty() ? "127.0.0.1:0" : listen, upstream);
        if (enabled) {
            l.enable();
        }
        links.put(name, l);
        return l;
    }

    /** Creates the proxies, or updates those that exist (Toxiproxy's /populate): all or nothing is validated first. */
    public synchronized List<Link> populate(List<ProxySpec> specs) {
        for (ProxySpec s : specs) {
            if (s.name() == null || s.name().isEmpty() || s.upstream() == null || s.upstream().isEmpty()) {
                throw ProxyException.badRequest("missing required field: " + (s.name() == null || s.name().isEmpty() ? "name" : "upstream"));
            }
            parseAddress(s.upstream(), "upstream");
            if (s.listen() != null && !s.listen().isEmpty()) {
                parseAddress(s.listen(), "listen");
            }
        }
        List<Link> out = new ArrayList<>();
        for (ProxySpec s : specs) {
            Link existing = links.get(s.name());
            if (existing != null) {
                boolean moved = s.listen() != null && !s.listen().isEmpty() && !s.listen().equals(existing.listen())
                        && !s.listen().endsWith(":0");
                if (moved) {
                    delete(s.name());
                } else {
                    existing.setUpstream(s.upstream());
                    if (s.enabled()) {
                        existing.enable();
                    } else {
                        existing.disable();
                    }
                    out.add(existing);
                    continue;
                }
            }
            out.add(create(s.name(), s.listen(), s.upstream(), s.enabled()));
        }
        return out;
    }

    /**
     * A proxy as /populate and POST /proxies take it.
     *
     * @param name     unique name
     * @param listen   {@code host:port} to listen on (port 0: any free port)
     * @param upstream {@code host:port} to forward to
     * @param enabled  listening or not
     */
    public record ProxySpec(String name, String listen, String upstream, boolean enabled) {
    }

    public synchronized Link get(String name) {
        Link l = links.get(name);
        if (l == null) {
            throw ProxyException.notFound("proxy " + name);
        }
        return l;
    }

    public synchronized List<Link> all() {
        return new ArrayList<>(links.values());
    }

    public synchronized void setEnabled(String name, boolean enabled) {
        Link l = get(name);
        if (enabled) {
            l.enable();
        } else {
            l.disable();
        }
    }

    public synchronized void setUpstream(String name, String upstream) {
        get(name).setUpstream(upstream);
    }

    public synchronized void delete(String name) {
        get(name).disable();
        links.remove(name);
    }

    public Toxic addToxic(String proxy, Toxic toxic) {
        get(proxy).addToxic(toxic);
        return toxic;
    }

    public Toxic updateToxic(String proxy, Toxic toxic) {
        return get(proxy).replaceToxic(toxic);
    }

    public void removeToxic(String proxy, String toxic) {
        get(proxy).removeToxic(toxic);
    }

    /** Toxiproxy's /reset: every proxy enabled, every toxic removed. */
    public synchronized void reset() {
        for (Link l : links.values()) {
            l.removeAllToxics();
            l.enable();
        }
    }

    /** Stops the API and every proxy, closing all connections. */
    @Override
    public synchronized void close() {
        if (api != null) {
            api.stop();
        }
        for (Link l : links.values()) {
            l.disable();
        }
        links.clear();
    }

    static InetSocketAddress parseAddress(String s, String field) {
        if (s == null) {
            throw ProxyException.badRequest("missing required field: " + field);
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 && !s.startsWith(":")) {
            throw ProxyException.badRequest(field + " '" + s + "' must be host:port");
        }
        try {
            String host = s.substring(0, colon);
            if (host.isEmpty()) {
                host = "0.0.0.0";
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw ProxyException.badRequest(field + " '" + s + "' has a bad port");
        }
    }
}
