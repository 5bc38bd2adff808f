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
 * A workload client made of a target file's {@link ClientSpec}: each invocation is the request (or
 * command, run on this machine) of its operation, and the reply is mapped as the file says. What chaos decides, not the file: a
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
        OpCall call = OpCall.of(spec, op, node, hostPort, serializable);
        if (call == null) {
            return OpCall.undefined(op);
        }
        OpSpec o = call.spec();
        Map<String, String> all = call.vars();
        int code;
        String body;
        if (o.call() != null) {
            try {
                HttpResponse<String> r = Http.send(http, hostPort, o.call(), all, spec.timeout());
                code = r.statusCode();
                body = r.body();
            } catch (ConnectException | HttpConnectTimeoutException e) {
                return call.fail("connect: " + e.getMessage());
            } catch (IllegalArgumentException e) { // the filled-in path is no URI: nothing was sent
                return call.fail("bad request: " + e.getMessage());
            } catch (IOException e) {
                return call.unsure(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return call.unsure("interrupted");
            }
        } else {
            try {
                Command.Run r = Command.run(o.command().stream().map(t -> t.render(all)).toList(), spec.timeout());
                if (r.timedOut()) {
                    return call.unsure("timed out after " + spec.timeout().toMillis() + " ms; killed");
                }
                code = r.exit();
                body = r.stdout();
                if (!o.isOk(code)) {
                    body = (r.stderr().isBlank() ? r.stdout() : r.stderr());
                }
            } catch (IOException e) {
                return call.fail("could not start: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return call.unsure("interrupted");
            }
        }
        String what = o.call() != null ? "HTTP " : "exit ";
        if (o.fail().contains(code)) {
            return call.fail(what + code + ": " + abbreviate(body));
        }
        if (!o.isOk(code)) {
            return call.unsure(what + code + ": " + abbreviate(body));
        }
        try {
            Object result = reply(o, body, all);
            return call.ok(o.result() != null ? result : call.written());
        } catch (NotOk e) {
            return call.fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return call.unsure(e instanceof Unknown ? e.getMessage()
                    : "unreadable reply (" + what + code + "): " + e.getMessage());
        }
    }

    /** The operation variables ({@link TargetFiles#OP_VARIABLES}) of {@code op} on {@code node}, reached at {@code hostPort}. */
    static Map<String, String> variables(Op op, String node, String hostPort, boolean serializable) {
        Map<String, String> vars = new HashMap<>();
        vars.put("node", node);
        vars.put("process", String.valueOf(op.process()));
        vars.put("key", op.key() == null ? "" : op.key());
        vars.put("value", op.value() == null || op.value() instanceof List<?> ? "" : String.valueOf(op.value()));
        vars.put("from", op.value() instanceof List<?> l && l.size() == 2 ? String.valueOf(l.get(0)) : "");
        vars.put("to", op.value() instanceof List<?> l && l.size() == 2 ? String.valueOf(l.get(1)) : "");
        vars.put("serializable", String.valueOf(serializable));
        vars.put("address", hostPort);
        return vars;
    }

    /** An ok reply the file's ok-when refuses: the op surely did not take effect. */
    static final class NotOk extends Exception {
        NotOk(String m) {
            super(m);
        }
    }

    /** A reply the file's error-when marks as an error: its effect is unknown. */
    static final class Unknown extends RuntimeException {
        Unknown(String m) {
            super(m);
        }
    }

    /** The result of an ok reply, after the file's error-when and ok-when; null when the op has no result. */
    static Object reply(OpSpec o, String body, Map<String, String> vars) throws IOException, NotOk {
        if (o.okWhen() == null && o.errorWhen() == null && o.result() == null) {
            return null;
        }
        if (o.okWhen() == null && o.errorWhen() == null && o.call() == null) {
            return o.result().fromOutput(body);
        }
        JsonNode reply = JSON.readTree(body);
        check(o, reply, vars);
        if (o.result() == null) {
            return null;
        }
        return o.call() == null ? o.result().fromOutput(body) : o.result().from(reply);
    }

    /** A reply read as JSON (a RESP reply, an SQL query's rows), through the file's error-when, ok-when and result. */
    static Object judge(OpSpec o, JsonNode reply, Map<String, String> vars) throws NotOk {
        check(o, reply, vars);
        return o.result() == null ? null : o.result().from(reply);
    }

    /** @throws Unknown when error-when finds its pointer; NotOk when ok-when is not met */
    private static void check(OpSpec o, JsonNode reply, Map<String, String> vars) throws NotOk {
        if (o.errorWhen() != null && !reply.at(o.errorWhen()).isMissingNode()) {
            throw new Unknown(abbreviate(reply.at(o.errorWhen()).toString()));
        }
        if (o.okWhen() != null && !o.okWhen().test(reply, vars)) {
            throw new NotOk("not ok: " + (o.okWhen().pointer().isEmpty() ? "the reply" : o.okWhen().pointer()) + " is "
                    + abbreviate(reply.at(o.okWhen().pointer()).toString()));
        }
    }

    /** {@code vars} plus the op's {@code let} variables, each made of those before it. */
    static Map<String, String> let(OpSpec o, Map<String, String> vars) {
        if (o.let().isEmpty()) {
            return vars;
        }
        Map<String, String> all = new HashMap<>(vars);
        o.let().forEach((k, t) -> all.put(k, t.render(all)));
        return all;
    }

    /** The node's own view, by the convergence probe's request (or command), to its own address. */
    static Object localRead(HttpClient http, ClientSpec spec, String node, String index, String hostPort) throws Exception {
        OpSpec o = spec.localRead();
        Map<String, String> vars = let(o, Map.of("node", node, "index", index, "address", hostPort));
        int code;
        String body;
        if (o.call() != null) {
            HttpResponse<String> r = Http.send(http, hostPort, o.call(), vars, spec.timeout());
            code = r.statusCode();
            body = r.body();
        } else {
            Command.Run r = Command.run(o.command().stream().map(t -> t.render(vars)).toList(), spec.timeout());
            if (r.timedOut()) {
                throw new IllegalStateException("local-read on " + node + ": timed out");
            }
            code = r.exit();
            body = o.isOk(code) ? r.stdout() : r.stderr();
        }
        if (!o.isOk(code)) {
            throw new IllegalStateException("local-read on " + node + ": " + (o.call() != null ? "HTTP " : "exit ") + code + ": "
                    + abbreviate(body));
        }
        return reply(o, body, vars);
    }

    static String abbreviate(String s) {
        String one = s == null ? "" : s.replace('\n', ' ').strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    static Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(-1, -1, inv.process(), type, inv.f(), inv.key(), value, inv.node(), error, false);
    }

    @Override
    public void close() {
        http.close();
    }
}
