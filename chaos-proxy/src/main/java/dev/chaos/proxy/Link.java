package dev.chaos.proxy;

import dev.chaos.proxy.toxic.ToxicPipe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One proxy (Toxiproxy calls it a proxy; chaos wires one per directed link): it listens on an
 * address, forwards every connection to its upstream, and applies its toxics.
 *
 * <p>Disabled, it does not listen at all (connections are refused) and its open connections are
 * closed, as when a host goes away. Management calls are synchronized; the data path never takes the
 * lock (it reads a volatile snapshot of the toxics per chunk).
 */
public final class Link {

    private static final Active[] NONE = new Active[0];

    /** How long a refused upstream dial is retried before the accepted client is closed; see {@link #dial()}. */
    static final long DIAL_PATIENCE_MILLIS = 2_000;

    private final String name;
    private volatile String listenHost;
    private volatile int listenPort;
    private volatile String upstream;
    private volatile boolean enabled;
    private final Map<String, Toxic> toxics = new LinkedHashMap<>();
    private volatile Active[] upToxics = NONE;
    private volatile Active[] downToxics = NONE;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;
    final AtomicLong bytesUp = new AtomicLong();
    final AtomicLong bytesDown = new AtomicLong();
    final AtomicLong connectionsAccepted = new AtomicLong();
    final AtomicLong dialsRefused = new AtomicLong();
    final AtomicLong droppedUp = new AtomicLong();
    final AtomicLong droppedDown = new AtomicLong();
    final AtomicLong resets = new AtomicLong();

    Link(String name, String listen, String upstream) {
        this.name = name;
        InetSocketAddress a = ProxyServer.parseAddress(listen, "listen");
        this.listenHost = a.getHostString();
        this.listenPort = a.getPort();
        this.upstream = upstream;
        ProxyServer.parseAddress(upstream, "upstream");
    }

    public String name() {
        return name;
    }

    /** The address it listens on, with the real port once bound (port 0 asks for any free port). */
    public synchronized String listen() {
        return listenHost + ":" + listenPort;
    }

    public int port() {
        return listenPort;
    }

    public String upstream() {
        return upstream;
    }

    public boolean enabled() {
        return enabled;
    }

    public synchronized List<Toxic> toxicList() {
        return new ArrayList<>(toxics.values());
    }

    synchronized void setUpstream(String newUpstream) {
        ProxyServer.parseAddress(newUpstream, "upstream");
        this.upstream = newUpstream;
    }

    /** Moves the listener (Toxiproxy closes the old listener and its connections, then listens anew). */
    synchronized void setListen(String newListen) {
        InetSocketAddress a = ProxyServer.parseAddress(newListen, "listen");
        boolean wasEnabled = enabled;
        disable();
        listenHost = a.getHostString();
        listenPort = a.getPort();
        if (wasEnabled) {
            enable();
        }
    }

    synchronized void enable() {
        if (enabled) {
            return;
        }
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(listenHost, listenPort), 1024);
        } catch (IOException e) {
            closeQuietly(s);
            throw new ProxyException(500, "proxy " + name + " cannot listen on " + listenHost + ":" + listenPort + ": " + e.getMessage());
        }
        listener = s;
        listenPort = s.getLocalPort(); // keeps the ephemeral port across disable/enable
        enabled = true;
        ServerSocket accepting = s;
        acceptor = Thread.ofVirtual().name("proxy-" + name + "-accept").start(() -> accept(accepting));
    }

    synchronized void disable() {
        if (!enabled) {
            return;
        }
        enabled = false;
        closeQuietly(listener);
        listener = null;
        try {
            // the port is free only once the blocked accept has returned; enable() may rebind at once
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : List.copyOf(connections)) {
            c.close();
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed: disabled or deleted
            }
            connectionsAccepted.incrementAndGet();
            Thread.ofVirtual().start(() -> open(client));
        }
    }

    private void open(Socket client) {
        Socket server = dial();
        if (server == null) {
            closeQuietly(client); // the upstream is down: so is the proxied connection
            return;
        }
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(server);
            closeQuietly(client);
            return;
        }
        Connection c = new Connection(this, client, server);
        connections.add(c);
        if (!enabled) {
            c.close();
            return;
        }
        c.start();
    }

    /**
     * Connects to the upstream for a client the listener has already accepted. A refused dial is
     * tried again for up to {@link #DIAL_PATIENCE_MILLIS}: the client's own connect has succeeded,
     * so it cannot see the refusal and retry as it would on a direct link; it would see an opened
     * connection closed at once instead. Protocols treat that as a failure of the peer, not of
     * the connect (a ZooKeeper learner that reaches a just-elected leader before its quorum port
     * listens gives up the round and costs the ensemble one more election), so answering the
     * first refusal like Toxiproxy does would turn a race of milliseconds into seconds of
     * unavailability that the system under test does not have. Null when the upstream stays
     * unreachable, or the link is disabled meanwhile.
     */
    private Socket dial() {
        long giveUp = System.nanoTime() + DIAL_PATIENCE_MILLIS * 1_000_000L;
        long pause = 5;
        while (true) {
            InetSocketAddress target = ProxyServer.parseAddress(upstream, "upstream");
            Socket server = new Socket();
            try {
                server.connect(target, 10_000);
                return server;
            } catch (ConnectException refused) {
                closeQuietly(server);
                if (!enabled || System.nanoTime() + pause * 1_000_000L > giveUp) {
                    dialsRefused.incrementAndGet();
                    return null;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                pause = Math.min(pause * 2, 100);
            } catch (IOException e) {
                closeQuietly(server);
                dialsRefused.incrementAndGet();
                return null;
            }
        }
    }

    /** A toxic on the data path: with its behaviour, parsed once when it is added rather than per chunk. */
    record Active(Toxic toxic, ToxicPipe pipe) {
        Active(Toxic toxic) {
            this(toxic, toxic.pipe());
        }
    }

    Active[] toxics(Direction d) {
        return d == Direction.UPSTREAM ? upToxics : downToxics;
    }

    synchronized boolean hasToxic(Toxic t) {
        return t.equals(toxics.get(t.name()));
    }

    synchronized Toxic toxic(String toxicName) {
        Toxic t = toxics.get(toxicName);
        if (t == null) {
            throw ProxyException.notFound("toxic " + toxicName);
        }
        return t;
    }

    synchronized void addToxic(Toxic t) {
        if (toxics.containsKey(t.name())) {
            throw ProxyException.conflict("toxic " + t.name());
        }
        toxics.put(t.name(), t);
        publish();
        Active a = new Active(t);
        for (Connection c : connections) {
            c.toxicStarted(a);
        }
    }

    synchronized Toxic replaceToxic(Toxic t) {
        toxic(t.name());
        toxics.put(t.name(), t);
        publish();
        Active a = new Active(t);
        for (Connection c : connections) {
            c.toxicStarted(a);
        }
        return t;
    }

    synchronized void removeToxic(String toxicName) {
        toxic(toxicName);
        toxics.remove(toxicName);
        publish();
    }

    synchronized void removeAllToxics() {
        toxics.clear();
        publish();
    }

    private void publish() {
        upToxics = toxics.values().stream().filter(t -> t.stream() == Direction.UPSTREAM).map(Active::new).toArray(Active[]::new);
        downToxics = toxics.values().stream().filter(t -> t.stream() == Direction.DOWNSTREAM).map(Active::new).toArray(Active[]::new);
    }

    void countBytes(Direction d, long n) {
        (d == Direction.UPSTREAM ? bytesUp : bytesDown).addAndGet(n);
    }

    /** Bytes a toxic dropped (a black hole): with the forwarded bytes, the proof that a fault held. */
    void countDropped(Direction d, long n) {
        (d == Direction.UPSTREAM ? droppedUp : droppedDown).addAndGet(n);
    }

    void forget(Connection c) {
        connections.remove(c);
    }

    public int openConnections() {
        return connections.size();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
