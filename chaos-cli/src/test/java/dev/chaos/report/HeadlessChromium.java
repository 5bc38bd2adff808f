package dev.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real headless Chromium, driven over the DevTools protocol with the JDK's HTTP client and
 * WebSocket (no browser-automation dependency): one page, its commands and the events it sent.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("CHAOS_CHROMIUM", "/usr/bin/chromium"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Every event (a message without an id) the page sent, in order. */
    final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static HeadlessChromium start() throws Exception {
        Path profile = Files.createTempDirectory("chaos-chromium");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1400,1000", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<String> lines = List.of();
            while (lines.size() < 2) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IOException("Chromium did not open its DevTools port within 30 s; its log: "
                            + (Files.exists(profile.resolve("chromium.log")) ? Files.readString(profile.resolve("chromium.log")) : ""));
                }
                if (Files.exists(portFile)) {
                    lines = Files.readAllLines(portFile);
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(lines.get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String wsUrl = null;
            while (wsUrl == null) {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : targets) {
                    if (t.path("type").asText().equals("page")) {
                        wsUrl = t.get("webSocketDebuggerUrl").asText();
                        break;
                    }
                }
                if (wsUrl == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("Chromium opened no page: " + targets);
                    }
                    Thread.sleep(50);
                }
            }
            Holder holder = new Holder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), holder).get(30, TimeUnit.SECONDS);
            HeadlessChromium c = new HeadlessChromium(p, profile, ws);
            holder.owner = c;
            return c;
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Sends a command and waits for its result (the {@code result} object); a protocol error throws. */
    JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value (JSON). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.get("result").get("value");
    }

    /** Waits for an event of this method that arrived after {@code from} events had been seen. */
    JsonNode await(String method, int from, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = from; i < events.size(); i++) {
                if (events.get(i).path("method").asText().equals(method)) {
                    return events.get(i);
                }
            }
            Thread.sleep(20);
        }
        throw new IOException("no " + method + " within " + timeout);
    }

    private void onMessage(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
            } else {
                events.add(m);
            }
        } catch (IOException e) {
            events.add(JSON.createObjectNode().put("method", "chaos.unparseable").put("text", text));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Reassembles fragmented text frames into whole messages. */
    private static final class Holder implements WebSocket.Listener {
        volatile HeadlessChromium owner;
        private final StringBuilder partial = new StringBuilder();
        private final List<String> early = new ArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (owner == null) {
                    early.add(text);
                } else {
                    early.forEach(owner::onMessage);
                    early.clear();
                    owner.onMessage(text);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
