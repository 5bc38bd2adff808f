package dev.chaos.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;

/**
 * Toxiproxy 2.x's HTTP API over a {@link ProxyServer}: same routes, JSON shapes, defaults, status
 * codes and error bodies ({@code {"error": "...", "status": N}}), so toxiproxy-java and other
 * Toxiproxy clients drive it unchanged. JSON is read as a tree (no class is ever chosen by the
 * request) and bodies are bounded.
 */
final class ToxiproxyApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private final ProxyServer proxies;
    private final HttpServer http;

    private ToxiproxyApi(ProxyServer proxies, HttpServer http) {
        this.proxies = proxies;
        this.http = http;
    }

    static ToxiproxyApi start(ProxyServer proxies, InetSocketAddress address) {
        try {
            HttpServer http = HttpServer.create(address, 64);
            ToxiproxyApi api = new ToxiproxyApi(proxies, http);
            http.createContext("/", api::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return api;
        } catch (IOException e) {
            throw new ProxyException(500, "cannot start the proxy API on " + address + ": " + e.getMessage());
        }
    }

    String address() {
        InetSocketAddress a = http.getAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    void stop() {
        http.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set(ProxyServer.INSTANCE_HEADER, proxies.instance());
        try {
            String path = ex.getRequestURI().getRawPath();
            List<String> parts = new ArrayList<>();
            for (String p : path.split("/")) {
                if (!p.isEmpty()) {
                    parts.add(URLDecoder.decode(p, StandardCharsets.UTF_8));
                }
            }
            route(ex, ex.getRequestMethod(), parts);
        } catch (ProxyException e) {
            error(ex, e.status(), e.getMessage());
        } catch (JsonProcessingException e) {
            error(ex, 400, "bad request body: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            error(ex, 500, String.valueOf(e.getMessage()));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String method, List<String> p) throws IOException {
        int n = p.size();
        if (n == 1 && p.get(0).equals("version") && method.equals("GET")) {
            send(ex, 200, "text/plain", ProxyServer.VERSION.getBytes(StandardCharsets.UTF_8)); // as toxiproxy-java reads it
            return;
        }
        if (n == 1 && p.get(0).equals("reset") && method.equals("POST")) {
            proxies.reset();
            empty(ex, 204);
            return;
        }
        if (n == 1 && p.get(0).equals("metrics") && method.equals("GET")) {
            send(ex, 200, "text/plain; version=0.0.4", metrics().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (n == 1 && p.get(0).equals("populate") && method.equals("POST")) {
            JsonNode body = body(ex);
            if (!body.isArray()) {
                throw ProxyException.badRequest("populate takes a list of proxies");
            }
            List<ProxyServer.ProxySpec> specs = new ArrayList<>();
            for (JsonNode j : body) {
                specs.add(new ProxyServer.ProxySpec(text(j, "name"), text(j, "listen"), text(j, "upstream"),
                        !j.has("enabled") || j.get("enabled").asBoolean(true)));
            }
            List<Object> created = new ArrayList<>();
            for (Link l : proxies.populate(specs)) {
                created.add(proxyJson(l));
            }
            json(ex, 201, Map.of("proxies", created));
            return;
        }
        if (n >= 1 && p.get(0).equals("proxies")) {
            proxiesRoute(ex, method, p);
            return;
        }
        throw new ProxyException(404, "404 page not found");
    }

    private void proxiesRoute(HttpExchange ex, String method, List<String> p) throws IOException {
        int n = p.size();
        if (n == 1 && method.equals("GET")) {
            Map<String, Object> all = new LinkedHashMap<>();
            for (Link l : proxies.all()) {
                all.put(l.name(), proxyJson(l));
            }
            json(ex, 200, all);
        } else if (n == 1 && method.equals("POST")) {
            JsonNode j = body(ex);
            Link l = proxies.create(text(j, "name"), text(j, "listen"), text(j, "upstream"),
                    !j.has("enabled") || j.get("enabled").asBoolean(true));
            json(ex, 201, proxyJson(l));
        } else if (n == 2 && method.equals("GET")) {
            json(ex, 200, proxyJson(proxies.get(p.get(1))));
        } else if (n == 2 && (method.equals("POST") || method.equals("PATCH"))) {
            JsonNode j = body(ex);
            String name = p.get(1);
            proxies.get(name);
            if (j.has("upstream")) {
                proxies.setUpstream(name, j.get("upstream").asText());
            }
            if (j.has("listen") && !j.get("listen").asText().equals(proxies.get(name).listen())) {
                proxies.get(name).setListen(j.get("listen").asText());
            }
            if (j.has("enabled")) {
                proxies.setEnabled(name, j.get("enabled").asBoolean());
            }
            json(ex, 200, proxyJson(proxies.get(name)));
        } else if (n == 2 && method.equals("DELETE")) {
            proxies.delete(p.get(1));
            empty(ex, 204);
        } else if (n == 3 && p.get(2).equals("toxics") && method.equals("GET")) {
            List<Object> out = new ArrayList<>();
            for (Toxic t : proxies.get(p.get(1)).toxicList()) {
                out.add(toxicJson(t));
            }
            json(ex, 200, out);
        } else if (n == 3 && p.get(2).equals("toxics") && method.equals("POST")) {
            Toxic t = toxic(body(ex), null);
            json(ex, 200, toxicJson(proxies.addToxic(p.get(1), t)));
        } else if (n == 4 && p.get(2).equals("toxics") && method.equals("GET")) {
            json(ex, 200, toxicJson(proxies.get(p.get(1)).toxic(p.get(3))));
        } else if (n == 4 && p.get(2).equals("toxics") && (method.equals("POST") || method.equals("PATCH"))) {
            Toxic old = proxies.get(p.get(1)).toxic(p.get(3));
            json(ex, 200, toxicJson(proxies.updateToxic(p.get(1), toxic(body(ex), old))));
        } else if (n == 4 && p.get(2).equals("toxics") && method.equals("DELETE")) {
            proxies.removeToxic(p.get(1), p.get(3));
            empty(ex, 204);
        } else {
            throw new ProxyException(405, "method " + method + " not allowed on " + String.join("/", p));
        }
    }

    /** A toxic from a request body; with {@code old}, an update that keeps what the body leaves out. */
    private static Toxic toxic(JsonNode j, Toxic old) {
        ToxicType type;
        if (old != null) {
            type = old.type();
        } else {
            String typeName = text(j, "type");
            type = typeName == null ? null : ToxicType.fromWire(typeName);
            if (type == null) {
                throw ProxyException.badRequest(typeName == null ? "missing required field: type" : "invalid toxic type: " + typeName);
            }
        }
        Direction stream = old != null ? old.stream() : Direction.DOWNSTREAM;
        if (j.has("stream") && old == null) {
            stream = Direction.fromWire(j.get("stream").asText());
            if (stream == null) {
                throw ProxyException.badRequest("stream must be upstream or downstream");
            }
        }
        double toxicity = old != null ? old.toxicity() : 1.0;
        if (j.has("toxicity")) {
            if (!j.get("toxicity").isNumber()) {
                throw ProxyException.badRequest("toxicity must be a number between 0 and 1");
            }
            toxicity = j.get("toxicity").asDouble();
        }
        Map<String, Long> attrs = new LinkedHashMap<>(old != null ? old.attributes() : Map.of());
        JsonNode a = j.get("attributes");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                throw ProxyException.badRequest("attributes must be an object");
            }
            Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
                    throw ProxyException.badRequest("attribute " + e.getKey() + " must be an integer");
                }
                attrs.put(e.getKey(), e.getValue().asLong());
            }
        }
        String name = old != null ? old.name() : text(j, "name");
        try {
            return new Toxic(name, type, stream, toxicity, attrs);
        } catch (IllegalArgumentException e) {
            throw ProxyException.badRequest(e.getMessage());
        }
    }

    static Map<String, Object> proxyJson(Link l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("listen", l.listen());
        m.put("upstream", l.upstream());
        m.put("enabled", l.enabled());
        List<Object> toxics = new ArrayList<>();
        for (Toxic t : l.toxicList()) {
            toxics.add(toxicJson(t));
        }
        m.put("toxics", toxics);
        return m;
    }

    static Map<String, Object> toxicJson(Toxic t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attributes", t.attributes());
        m.put("name", t.name());
        m.put("type", t.type().wire());
        m.put("stream", t.stream().wire());
        m.put("toxicity", t.toxicity());
        return m;
    }

    private String metrics() {
        StringBuilder sb = new StringBuilder();
        List<Link> all = proxies.all();
        perDirection(sb, all, "chaos_proxy_bytes_total", "Bytes forwarded by a proxy, per direction.", l -> l.bytesUp.get(),
                l -> l.bytesDown.get());
        perLink(sb, all, "chaos_proxy_connections_total", "counter", "Connections accepted by a proxy.", l -> l.connectionsAccepted.get());
        perDirection(sb, all, "chaos_proxy_dropped_bytes_total", "Bytes a toxic dropped (a black hole), per direction.",
                l -> l.droppedUp.get(), l -> l.droppedDown.get());
        perLink(sb, all, "chaos_proxy_resets_total", "counter", "Connections a toxic reset (reset_peer).", l -> l.resets.get());
        perLink(sb, all, "chaos_proxy_upstream_dial_failures_total", "counter",
                "Accepted connections closed because the upstream stayed unreachable.", l -> l.dialsRefused.get());
        perLink(sb, all, "chaos_proxy_open_connections", "gauge", "Connections open now.", l -> (long) l.openConnections());
        return sb.toString();
    }

    private static void perLink(StringBuilder sb, List<Link> links, String metric, String type, String help, ToLongFunction<Link> value) {
        sb.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
        for (Link l : links) {
            sb.append(metric).append("{proxy=\"").append(label(l.name())).append("\"} ").append(value.applyAsLong(l)).append('\n');
        }
    }

    private static void perDirection(StringBuilder sb, List<Link> links, String metric, String help, ToLongFunction<Link> up,
                                     ToLongFunction<Link> down) {
        sb.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(metric).append(" counter\n");
        for (Link l : links) {
            String name = label(l.name());
            sb.append(metric).append("{proxy=\"").append(name).append("\",direction=\"upstream\"} ").append(up.applyAsLong(l)).append('\n');
            sb.append(metric).append("{proxy=\"").append(name).append("\",direction=\"downstream\"} ").append(down.applyAsLong(l))
                    .append('\n');
        }
    }

    /** A label value in Prometheus' text format: backslash, quote and newline escaped. */
    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ProxyException.badRequest("request body over " + MAX_BODY + " bytes");
            }
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            JsonNode j = JSON.readTree(bytes);
            if (j == null || !(j.isObject() || j.isArray())) {
                throw ProxyException.badRequest("request body must be a JSON object");
            }
            return j;
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        body.put("status", status);
        send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
