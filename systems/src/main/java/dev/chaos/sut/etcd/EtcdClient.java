package dev.chaos.sut.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.Values;
import dev.chaos.workload.Client;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client of one etcd member over its v3 HTTP/JSON gateway ({@code /v3/kv/...}).
 *
 * <p>Registers: key {@code r<n>} holds the value as decimal text; {@code read} is a range (linearizable,
 * or {@code serializable} when configured: the member answers from its own state), {@code write} a
 * put, {@code cas [from to]} a txn comparing the value. Sets: element x of key {@code s<k>} is the key
 * {@code s<k>/e<x>}; {@code add} puts it, {@code read} is a keys-only prefix range.
 *
 * <p>Outcomes: a reply is ok (or fail for a cas whose compare failed); a refused connection is fail
 * (nothing was sent); any other error of a write (timeout, reset, {@code etcdserver: request timed
 * out}) is info, since the write may have been applied; a read that errs is fail (a read changes
 * nothing).
 */
public final class EtcdClient implements Client {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final String base;
    private final boolean serializable;
    private final HttpClient http;
    private final Duration timeout;
    private final boolean set;

    /**
     * @param hostPort     the member's client address (through its client link for workload clients)
     * @param serializable reads answered by the member alone, without a quorum round
     * @param set          for the set workload (a read lists a key's elements), else for registers
     */
    public EtcdClient(String hostPort, boolean serializable, Duration timeout, boolean set) {
        this.set = set;
        this.base = "http://" + hostPort + "/v3/kv/";
        this.serializable = serializable;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Op invoke(Op op) {
        boolean read = op.f().equals("read");
        try {
            return switch (op.f()) {
                case "add" -> {
                    put(op.key() + "/e" + op.value(), "");
                    yield complete(op, OpType.OK, op.value(), null);
                }
                case "read" -> set
                        ? complete(op, OpType.OK, elements(prefix(op.key() + "/", serializable)), null)
                        : complete(op, OpType.OK, register(get(op.key(), serializable)), null);
                case "write" -> {
                    put(op.key(), String.valueOf(op.value()));
                    yield complete(op, OpType.OK, op.value(), null);
                }
                case "cas" -> cas(op);
                default -> complete(op, OpType.FAIL, null, "unsupported f " + op.f());
            };
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return complete(op, OpType.FAIL, read ? null : op.value(), "connect: " + e.getMessage());
        } catch (EtcdException e) {
            return complete(op, read ? OpType.FAIL : OpType.INFO, read ? null : op.value(), e.getMessage());
        } catch (IOException e) {
            return complete(op, read ? OpType.FAIL : OpType.INFO, read ? null : op.value(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return complete(op, read ? OpType.FAIL : OpType.INFO, read ? null : op.value(), "interrupted");
        }
    }

    private Op cas(Op op) throws IOException, InterruptedException {
        List<?> fromTo = (List<?>) op.value();
        ObjectNode body = JSON.createObjectNode();
        ObjectNode cmp = body.putArray("compare").addObject();
        cmp.put("key", b64(op.key())).put("target", "VALUE").put("result", "EQUAL").put("value", b64(String.valueOf(fromTo.get(0))));
        ObjectNode put = body.putArray("success").addObject().putObject("request_put");
        put.put("key", b64(op.key())).put("value", b64(String.valueOf(fromTo.get(1))));
        JsonNode r = call("txn", body);
        boolean ok = r.path("succeeded").asBoolean(false);
        return complete(op, ok ? OpType.OK : OpType.FAIL, op.value(), ok ? null : "compare failed");
    }

    void put(String key, String value) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("key", b64(key)).put("value", b64(value));
        call("put", body);
    }

    String get(String key, boolean serial) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("key", b64(key)).put("serializable", serial);
        JsonNode kvs = call("range", body).path("kvs");
        return kvs.isArray() && !kvs.isEmpty() ? unb64(kvs.get(0).path("value").asText("")) : null;
    }

    /** Every key under a prefix (keys only). */
    List<String> prefix(String prefix, boolean serial) throws IOException, InterruptedException {
        List<String> keys = new ArrayList<>();
        for (JsonNode kv : range(prefix, true, serial)) {
            keys.add(unb64(kv.path("key").asText("")));
        }
        return keys;
    }

    /** A member's own view of this client's workload: every set element, or every register, read serializably (no quorum). */
    Object localView() throws IOException, InterruptedException {
        if (set) {
            return elements(prefix("s", true));
        }
        Map<String, Object> registers = new TreeMap<>();
        for (JsonNode kv : range("r", false, true)) {
            registers.put(unb64(kv.path("key").asText("")), register(unb64(kv.path("value").asText(""))));
        }
        return registers;
    }

    /** The key-value pairs under a prefix: a range up to the prefix with its last byte incremented. */
    private JsonNode range(String prefix, boolean keysOnly, boolean serial) throws IOException, InterruptedException {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        ObjectNode body = JSON.createObjectNode().put("key", b64(prefix)).put("range_end", B64.encodeToString(end))
                .put("keys_only", keysOnly).put("serializable", serial);
        return call("range", body).path("kvs");
    }

    private JsonNode call(String method, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + method)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new EtcdException("HTTP " + r.statusCode() + ": unreadable reply");
        }
        if (r.statusCode() != 200 || json.has("error")) {
            String message = json.path("message").asText(json.path("error").asText("HTTP " + r.statusCode()));
            throw new EtcdException(message);
        }
        return json;
    }

    /** An error answer from etcd (the request reached it; a write may or may not have been applied). */
    static final class EtcdException extends IOException {
        EtcdException(String message) {
            super(message);
        }
    }

    static List<Object> elements(List<String> keys) {
        List<Long> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            int e = k.lastIndexOf("/e");
            if (e >= 0) {
                out.add(Long.parseLong(k.substring(e + 2)));
            }
        }
        out.sort(null);
        return Values.list(out.toArray());
    }

    private static Object register(String s) {
        return s == null || s.isEmpty() ? null : Long.parseLong(s);
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(B64D.decode(s), StandardCharsets.UTF_8);
    }

    private static Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(-1, -1, inv.process(), type, inv.f(), inv.key(), value, inv.node(), error, false);
    }

    @Override
    public void close() {
        http.close();
    }
}
