package dev.chaos.targetfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.workload.Client;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload client made of a target file's {@link ClientSpec}: each invocation is the request of
 * its operation, and the reply is mapped as the file says. What chaos decides, not the file: a
 * refused connection is fail (nothing was sent); a time-out, a dropped connection, an unlisted status
 * or an {@code error-when} reply is info for a write (it may have happened) and fail for a read
 * (a read changes nothing).
 */
final class FileClient implements Client {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientSpec spec;
    private final String node;
    private final String hostPort;
    private final boolean serializable;
    private final HttpClient http = Http.client();

    FileClient(ClientSpec spec, String node, String hostPort, boolean serializable) {
        this.spec = spec;
        this.node = node;
        this.hostPort = hostPort;
        this.serializable = serializable;
    }

    @Override
    public Op invoke(Op op) {
        HttpOp o = spec.ops().get(op.f());
        boolean read = op.f().equals("read");
        if (o == null) {
            return complete(op, OpType.FAIL, null, "no operation '" + op.f() + "' in the target file");
        }
        Object written = read ? null : op.value();
        Map<String, String> vars = new HashMap<>();
        vars.put("node", node);
        vars.put("process", String.valueOf(op.process()));
        vars.put("key", op.key() == null ? "" : op.key());
        vars.put("value", op.value() == null || op.value() instanceof List<?> ? "" : String.valueOf(op.value()));
        vars.put("from", op.value() instanceof List<?> l && l.size() == 2 ? String.valueOf(l.get(0)) : "");
        vars.put("to", op.value() instanceof List<?> l && l.size() == 2 ? String.valueOf(l.get(1)) : "");
        vars.put("serializable", String.valueOf(serializable));
        OpType unknown = read ? OpType.FAIL : OpType.INFO;
        HttpResponse<String> r;
        try {
            r = Http.send(http, hostPort, o.call(), let(o, vars), spec.timeout());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return complete(op, OpType.FAIL, written, "connect: " + e.getMessage());
        } catch (IOException e) {
            return complete(op, unknown, written, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return complete(op, unknown, written, "interrupted");
        }
        int status = r.statusCode();
        if (o.fail().contains(status)) {
            return complete(op, OpType.FAIL, written, "HTTP " + status + ": " + abbreviate(r.body()));
        }
        if (!o.isOk(status)) {
            return complete(op, unknown, written, "HTTP " + status + ": " + abbreviate(r.body()));
        }
        if (o.okWhen() == null && o.errorWhen() == null && o.result() == null) {
            return complete(op, OpType.OK, written, null);
        }
        try {
            JsonNode reply = JSON.readTree(r.body());
            if (o.errorWhen() != null && !reply.at(o.errorWhen()).isMissingNode()) {
                return complete(op, unknown, written, abbreviate(reply.at(o.errorWhen()).toString()));
            }
            if (o.okWhen() != null && !o.okWhen().test(reply, vars)) {
                return complete(op, OpType.FAIL, written, "not ok: " + o.okWhen().pointer() + " is " + reply.at(o.okWhen().pointer()));
            }
            return complete(op, OpType.OK, o.result() != null ? o.result().from(reply) : written, null);
        } catch (IOException | RuntimeException e) {
            return complete(op, unknown, written, "unreadable reply (HTTP " + status + "): " + e.getMessage());
        }
    }

    /** {@code vars} plus the op's {@code let} variables, each made of those before it. */
    static Map<String, String> let(HttpOp o, Map<String, String> vars) {
        if (o.let().isEmpty()) {
            return vars;
        }
        Map<String, String> all = new HashMap<>(vars);
        o.let().forEach((k, t) -> all.put(k, t.render(all)));
        return all;
    }

    /** The node's own view, by the convergence probe's request, to its own address. */
    static Object localRead(HttpClient http, ClientSpec spec, String node, String index, String hostPort) throws Exception {
        HttpOp o = spec.localRead();
        Map<String, String> vars = let(o, Map.of("node", node, "index", index));
        HttpResponse<String> r = Http.send(http, hostPort, o.call(), vars, spec.timeout());
        if (!o.isOk(r.statusCode())) {
            throw new IllegalStateException("local-read on " + node + ": HTTP " + r.statusCode() + ": " + abbreviate(r.body()));
        }
        JsonNode reply = JSON.readTree(r.body());
        if (o.errorWhen() != null && !reply.at(o.errorWhen()).isMissingNode()) {
            throw new IllegalStateException("local-read on " + node + ": " + abbreviate(reply.at(o.errorWhen()).toString()));
        }
        return o.result().from(reply);
    }

    static String abbreviate(String s) {
        String one = s == null ? "" : s.replace('\n', ' ').strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    private static Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(-1, -1, inv.process(), type, inv.f(), inv.key(), value, inv.node(), error, false);
    }

    @Override
    public void close() {
        http.close();
    }
}
