package dev.chaos.targetfile;

import dev.chaos.history.Op;
import dev.chaos.workload.Client;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

/**
 * A target file's RESP client: one connection per client process to the node's client link, one
 * command per operation ({@link OpSpec#resp}). Outcomes: a connection that cannot be made is fail
 * (nothing was sent); an error reply whose code is in the file's {@code fail-errors} (READONLY,
 * NOREPLICAS, ...) is fail; any other error reply, a time-out or a dropped connection is info for a
 * write and fail for a read; a value goes through ok-when and result like a JSON reply ({@link Resp}).
 */
final class RespClient implements Client {

    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final ClientSpec spec;
    private final String node;
    private final String hostPort;
    private final boolean serializable;
    private Connection conn;

    /** A socket and its buffered input: one command at a time on it. */
    private record Connection(Socket socket, InputStream in, OutputStream out) implements AutoCloseable {

        static Connection open(String hostPort, int timeoutMs) throws IOException {
            int colon = hostPort.lastIndexOf(':');
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                        Math.min(CONNECT_TIMEOUT_MS, timeoutMs));
                s.setSoTimeout(timeoutMs);
                s.setTcpNoDelay(true);
                return new Connection(s, new BufferedInputStream(s.getInputStream()), s.getOutputStream());
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        Resp.Reply call(List<String> args) throws IOException {
            out.write(Resp.encode(args));
            out.flush();
            return Resp.read(in);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to do
            }
        }
    }

    /** Connects at once: a client that cannot connect is not opened (the runner records the failure). */
    RespClient(ClientSpec spec, String node, String hostPort, boolean serializable) throws IOException {
        this.spec = spec;
        this.node = node;
        this.hostPort = hostPort;
        this.serializable = serializable;
        this.conn = Connection.open(hostPort, (int) spec.timeout().toMillis());
    }

    @Override
    public Op invoke(Op op) {
        OpCall call = OpCall.of(spec, op, node, hostPort, serializable);
        if (call == null) {
            return OpCall.undefined(op);
        }
        OpSpec o = call.spec();
        Map<String, String> vars = call.vars();
        List<String> args = o.resp().stream().map(t -> t.render(vars)).toList();
        if (conn == null) {
            try {
                conn = Connection.open(hostPort, (int) spec.timeout().toMillis());
            } catch (IOException e) {
                return call.fail("connect: " + e.getMessage());
            }
        }
        Resp.Reply reply;
        try {
            reply = conn.call(args);
        } catch (IOException e) {
            conn.close();
            conn = null; // a reply may still be on its way: the next command must not read it
            String what = e instanceof SocketTimeoutException ? "timed out after " + spec.timeout().toMillis() + " ms" : e.getMessage();
            return call.unsure(what);
        }
        if (reply.error() != null) {
            boolean refused = spec.failErrors().contains(reply.errorCode());
            return refused ? call.fail(FileClient.abbreviate(reply.error())) : call.unsure(FileClient.abbreviate(reply.error()));
        }
        try {
            Object result = FileClient.judge(o, reply.value(), vars);
            return call.ok(o.result() != null ? result : call.written());
        } catch (FileClient.NotOk e) {
            return call.fail(e.getMessage());
        } catch (RuntimeException e) {
            return call.unsure(e instanceof FileClient.Unknown ? e.getMessage()
                    : "unreadable reply: " + e.getMessage());
        }
    }

    /** The node's own view, by the convergence probe's command on a connection of its own to the node's own address. */
    static Object localRead(ClientSpec spec, String node, String index, String hostPort) throws Exception {
        OpSpec o = spec.localRead();
        Map<String, String> vars = FileClient.let(o, Map.of("node", node, "index", index, "address", hostPort));
        try (Connection c = Connection.open(hostPort, (int) spec.timeout().toMillis())) {
            Resp.Reply reply = c.call(o.resp().stream().map(t -> t.render(vars)).toList());
            if (reply.error() != null) {
                throw new IllegalStateException("local-read on " + node + ": " + FileClient.abbreviate(reply.error()));
            }
            return FileClient.judge(o, reply.value(), vars);
        }
    }

    @Override
    public void close() {
        if (conn != null) {
            conn.close();
        }
    }
}
