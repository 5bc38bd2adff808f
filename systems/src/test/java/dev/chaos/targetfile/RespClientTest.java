package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given a RESP reply (or none in time), expect the outcome a target file's RESP client records: the
 * file's fail-errors are fail, any other error or a time-out is info for a write and fail for a
 * read. The server is a loopback socket answering each command with the bytes a test sets.
 */
class RespClientTest {

    private static final String FILE = """
            format: chaos-target/1
            name: kv
            docker: {image: example/kv:1}
            ports: {client: 6379}
            ready: {tcp: true}
            clients:
              set:
                resp:
                  timeout: 1s
                  fail-errors: [READONLY, NOREPLICAS]
                  add: {command: [SADD, "{{key}}", "{{value}}"]}
                  read: {command: [SMEMBERS, "{{key}}"]}
                  local-read: {command: [EVAL_RO, "return 1", "0"]}
              cas-register:
                resp:
                  read: {command: [GET, "{{key}}"]}
                  write: {command: [SET, "{{key}}", "{{value}}"]}
                  cas: {command: [EVAL, "script", "1", "{{key}}", "{{from}}", "{{to}}"], ok-when: {pointer: "", equals: "1"}}
                  local-read: {command: [EVAL_RO, "pairs", "0"], result: {key: /0, item: /1}}
            """;

    private ServerSocket server;
    private Thread serving;
    private final AtomicReference<String> reply = new AtomicReference<>(":1\r\n");
    private final AtomicReference<String> lastCommand = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> answer(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Reads each command (an array of bulk strings) and answers it with {@link #reply}; "" answers nothing. */
    private void answer(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            while (true) {
                Resp.Reply command = Resp.read(in);
                lastCommand.set(command.value().toString());
                String r = reply.get();
                if (!r.isEmpty()) {
                    s.getOutputStream().write(r.getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join();
    }

    private Op call(String workload, String f, String key, Object value) throws IOException {
        ClientSpec spec = TargetFiles.parse(FILE, "kv.yaml").clients().get(workload);
        try (RespClient c = new RespClient(spec, "n1", "127.0.0.1:" + server.getLocalPort(), false)) {
            return c.invoke(Op.of(ProcessId.client(3), OpType.INVOKE, f, key, value));
        }
    }

    @Test
    void anAddIsTheCommandFilledInAndAnIntegerReplyIsOk() throws IOException {
        Op r = call("set", "add", "s0", 17L);
        assertEquals(OpType.OK, r.type(), r.toString());
        assertEquals(17L, ((Number) r.value()).longValue());
        assertEquals("[\"SADD\",\"s0\",\"17\"]", lastCommand.get());
    }

    @Test
    void aReadsArrayOfBulkStringsIsTheSetsElementsSorted() throws IOException {
        reply.set("*3\r\n$2\r\n17\r\n$1\r\n3\r\n$1\r\n5\r\n");
        Op r = call("set", "read", "s0", null);
        assertEquals(OpType.OK, r.type(), r.toString());
        assertEquals(Values.list(3L, 5L, 17L), r.value());
        reply.set("*0\r\n");
        assertEquals(Values.list(), call("set", "read", "s0", null).value());
    }

    @Test
    void aListedErrorIsFailAnyOtherIsInfoForAWriteAndFailForARead() throws IOException {
        reply.set("-READONLY You can't write against a read only replica.\r\n");
        Op add = call("set", "add", "s0", 1L);
        assertEquals(OpType.FAIL, add.type());
        assertTrue(add.error().startsWith("READONLY"), add.error());
        reply.set("-ERR something odd\r\n");
        assertEquals(OpType.INFO, call("set", "add", "s0", 1L).type(), "an unlisted error: the write may have happened");
        assertEquals(OpType.FAIL, call("set", "read", "s0", null).type());
    }

    @Test
    void noReplyInTimeIsInfoForAWriteAndFailForARead() throws IOException {
        reply.set("");
        Op add = call("set", "add", "s0", 1L);
        assertEquals(OpType.INFO, add.type(), add.toString());
        assertTrue(add.error().startsWith("timed out"), add.error());
        assertEquals(OpType.FAIL, call("set", "read", "s0", null).type());
    }

    @Test
    void aReplyThatIsNotRespToAWriteIsInfo() throws IOException {
        reply.set("HTTP/1.1 400 Bad Request\r\n");
        assertEquals(OpType.INFO, call("set", "add", "s0", 1L).type());
    }

    @Test
    void aRegisterReadIsItsBulkStringAndNilIsNoValue() throws IOException {
        reply.set("$1\r\n4\r\n");
        assertEquals(4L, ((Number) call("cas-register", "read", "r1", null).value()).longValue());
        reply.set("$-1\r\n");
        Op r = call("cas-register", "read", "r1", null);
        assertEquals(OpType.OK, r.type());
        assertEquals(null, r.value());
    }

    @Test
    void aCasIsOkOnlyWhenOkWhenHolds() throws IOException {
        reply.set(":1\r\n");
        assertEquals(OpType.OK, call("cas-register", "cas", "r1", Values.list(1L, 2L)).type());
        assertEquals("[\"EVAL\",\"script\",\"1\",\"r1\",\"1\",\"2\"]", lastCommand.get());
        reply.set(":0\r\n");
        Op r = call("cas-register", "cas", "r1", Values.list(1L, 2L));
        assertEquals(OpType.FAIL, r.type(), "the compare did not match: surely not done");
    }

    @Test
    void theRegistersProbeReadsPairsIntoAMap() throws Exception {
        reply.set("*2\r\n*2\r\n$2\r\nr1\r\n$1\r\n4\r\n*2\r\n$2\r\nr2\r\n$1\r\n7\r\n");
        ClientSpec spec = TargetFiles.parse(FILE, "kv.yaml").clients().get("cas-register");
        assertEquals(Map.of("r1", 4L, "r2", 7L), RespClient.localRead(spec, "n1", "1", "127.0.0.1:" + server.getLocalPort()));
    }

    @Test
    void aClientThatCannotConnectIsNotOpened() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ClientSpec spec = TargetFiles.parse(FILE, "kv.yaml").clients().get("set");
        assertThrows(IOException.class, () -> new RespClient(spec, "n1", "127.0.0.1:" + closed, false));
    }
}
