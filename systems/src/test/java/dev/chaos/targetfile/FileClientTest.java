package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given a reply (status, body, or none in time), expect the outcome a target file's HTTP client
 * records: what the file maps, and chaos' own rule that a write whose outcome is unknown is info,
 * never fail. The server is the JDK's, on loopback, answering what each test sets.
 */
class FileClientTest {

    private static final String FILE = """
            format: chaos-target/1
            name: kv
            docker: {image: example/kv:1}
            ports: {client: 8080}
            ready: {tcp: true}
            clients:
              set:
                http:
                  timeout: 2s
                  add:
                    let: {k: "{{key}}/e{{value}}"}
                    path: /put
                    body: '{"key": "{{k | base64}}"}'
                    fail: [409]
                    error-when: /error
                  read:
                    path: "/range?serializable={{serializable}}"
                    result: {pointer: /kvs, item: /key, decode: base64, match: "/e([0-9]+)$"}
                  local-read:
                    path: /range
                    result: {pointer: /kvs, item: /key, decode: base64, match: "/e([0-9]+)$"}
            """;

    private HttpServer server;
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> body = new AtomicReference<>("{}");
    private final AtomicReference<String> lastRequest = new AtomicReference<>();
    private volatile long delayMs;
    private ClientSpec spec;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            lastRequest.set(ex.getRequestURI() + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        spec = TargetFiles.parse(FILE, "kv.yaml").clients().get("set");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Op call(String f, String key, Object value) {
        try (FileClient c = new FileClient(spec, "n1", "127.0.0.1:" + server.getAddress().getPort(), true)) {
            return c.invoke(Op.of(ProcessId.client(3), OpType.INVOKE, f, key, value));
        }
    }

    @Test
    void anAcknowledgedAddIsOkAndItsRequestIsTheTemplateFilledIn() {
        Op r = call("add", "s0", 17L);
        assertEquals(OpType.OK, r.type(), r.toString());
        assertEquals(17L, ((Number) r.value()).longValue());
        assertEquals("/put {\"key\": \"czAvZTE3\"}", lastRequest.get()); // base64("s0/e17")
    }

    @Test
    void aReadTakesItsElementsByPointerDecodedAndMatched() {
        body.set("{\"kvs\": [{\"key\": \"czAvZTE3\"}, {\"key\": \"czAvZTI=\"}, {\"key\": \"b3RoZXI=\"}]}"); // s0/e17, s0/e2, other
        Op r = call("read", "s0", null);
        assertEquals(OpType.OK, r.type(), r.toString());
        assertEquals(Values.list(2L, 17L), r.value());
        assertEquals("/range?serializable=true ", lastRequest.get());
        body.set("{}");
        assertEquals(Values.list(), call("read", "s0", null).value(), "no kvs: an empty set");
    }

    @Test
    void anUnlistedStatusIsInfoForAWriteAndFailForARead() {
        status.set(503);
        Op add = call("add", "s0", 1L);
        assertEquals(OpType.INFO, add.type());
        assertTrue(add.error().startsWith("HTTP 503"), add.error());
        assertEquals(OpType.FAIL, call("read", "s0", null).type());
    }

    @Test
    void aListedFailStatusIsFail() {
        status.set(409);
        assertEquals(OpType.FAIL, call("add", "s0", 1L).type());
    }

    @Test
    void anErrorReplyIsInfoForAWrite() {
        body.set("{\"error\": \"etcdserver: request timed out\", \"code\": 14}");
        Op add = call("add", "s0", 1L);
        assertEquals(OpType.INFO, add.type());
        assertTrue(add.error().contains("request timed out"), add.error());
    }

    @Test
    void aTimeoutIsInfoForAWriteAndFailForARead() {
        delayMs = 3000;
        Op add = call("add", "s0", 1L);
        assertEquals(OpType.INFO, add.type(), add.toString());
        assertEquals(OpType.FAIL, call("read", "s0", null).type());
    }

    @Test
    void aRefusedConnectionIsFailSinceNothingWasSent() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (FileClient c = new FileClient(spec, "n1", "127.0.0.1:" + closed, true)) {
            Op r = c.invoke(Op.of(ProcessId.client(3), OpType.INVOKE, "add", "s0", 5L));
            assertEquals(OpType.FAIL, r.type());
            assertTrue(r.error().startsWith("connect"), r.error());
        }
    }

    @Test
    void anUnreadableReplyToAWriteIsInfo() {
        body.set("<html>proxy error</html>");
        assertEquals(OpType.INFO, call("add", "s0", 1L).type());
    }

    @Test
    void aPathThatIsNoUriIsFailSinceNothingWasSent() {
        ClientSpec bad = TargetFiles.parse(FILE.replace("path: /put", "path: \"/put/{{key}}\""), "kv.yaml").clients().get("set");
        try (FileClient c = new FileClient(bad, "n1", "127.0.0.1:" + server.getAddress().getPort(), true)) {
            Op r = c.invoke(Op.of(ProcessId.client(3), OpType.INVOKE, "add", "a key with spaces", 1L));
            assertEquals(OpType.FAIL, r.type());
            assertTrue(r.error().startsWith("bad request"), r.error());
        }
    }
}
