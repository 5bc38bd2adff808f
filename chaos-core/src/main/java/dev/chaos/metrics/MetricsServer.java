package dev.chaos.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves a run's metrics over HTTP for a Prometheus to scrape: {@code GET /metrics} returns the
 * text exposition, anything else 404 (or 405 for another method on {@code /metrics}). One thread
 * answers, so a scraper cannot take more than one core-slice from the run it watches.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /** Thrown when the address cannot be bound (in use, or not this machine's). */
    public static final class BindFailed extends IOException {
        BindFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Binds {@code address} (port 0: any free port) and starts serving what {@code text} returns.
     *
     * @throws BindFailed when the address is taken or not local, with what to do about it
     */
    public static MetricsServer start(InetSocketAddress address, Supplier<String> text) throws BindFailed {
        HttpServer s;
        try {
            s = HttpServer.create(address, 16);
        } catch (BindException e) {
            throw new BindFailed("cannot serve metrics on " + show(address) + ": " + e.getMessage()
                    + "; stop what holds it or give another port (0 picks a free one)", e);
        } catch (IOException e) {
            throw new BindFailed("cannot serve metrics on " + show(address) + ": " + e, e);
        }
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chaos-metrics");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(one);
        s.createContext("/", ex -> answer(ex, text));
        s.start();
        return new MetricsServer(s, one);
    }

    /** The address actually bound (the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The scrape URL, {@code http://host:port/metrics}. */
    public String url() {
        return "http://" + show(address()) + "/metrics";
    }

    private static String show(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static void answer(HttpExchange ex, Supplier<String> text) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/metrics")) {
                send(ex, 404, "text/plain; charset=utf-8", "not found: the metrics are at /metrics\n");
            } else if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "method not allowed: GET /metrics\n");
            } else {
                String body;
                try {
                    body = text.get();
                } catch (RuntimeException e) {
                    send(ex, 500, "text/plain; charset=utf-8", "metrics failed: " + e + "\n");
                    return;
                }
                send(ex, 200, PrometheusText.CONTENT_TYPE, body);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops serving at once (a scrape under way is cut) and frees the port. */
    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }

    /**
     * {@code HOST:PORT} as {@code --metrics} takes it ({@code [::1]:9400} for IPv6); PORT 0..65535.
     *
     * @throws IllegalArgumentException with what is wrong and an example
     */
    public static InetSocketAddress parseAddress(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        String example = "; write HOST:PORT, e.g. 127.0.0.1:9400 (port 0 picks a free one)";
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT" + example);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': put an IPv6 host in brackets, e.g. [::1]:9400");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port '" + t.substring(colon + 1) + "' is not a number" + example);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + port + " is outside 0..65535" + example);
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("'" + text + "': unknown host '" + host + "'" + example);
        }
        return a;
    }
}
