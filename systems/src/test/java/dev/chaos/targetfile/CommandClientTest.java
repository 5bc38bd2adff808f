package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import org.junit.jupiter.api.Test;

/**
 * Given what a command does (its exit code, its output, or nothing in time), expect the outcome the
 * command client records. The commands are real processes ({@code sh -c}), reading the op's variables.
 */
class CommandClientTest {

    private static ClientSpec spec(String add, String read) {
        String file = """
                format: chaos-target/1
                name: kv
                docker: {image: example/kv:1}
                ports: {client: 8080}
                ready: {tcp: true}
                clients:
                  set:
                    command:
                      timeout: 1s
                      add:
                        run: [sh, -c, '%s', sh, "{{key}}", "{{value}}", "{{address}}"]
                        fail: [7]
                      read:
                        run: [sh, -c, '%s', sh, "{{key}}"]
                        result: {lines: true, match: "e([0-9]+)$"}
                      local-read:
                        run: [sh, -c, 'printf "[3, 1]"']
                        result: {pointer: "", item: ""}
                """.formatted(add, read);
        return TargetFiles.parse(file, "kv.yaml").clients().get("set");
    }

    private static Op call(ClientSpec spec, String f, Object value) {
        try (FileClient c = new FileClient(spec, "n1", "10.0.0.1:8080", false)) {
            return c.invoke(Op.of(ProcessId.client(1), OpType.INVOKE, f, "s0", value));
        }
    }

    @Test
    void exitZeroIsOkAndTheCommandSeesTheOpsVariables() {
        ClientSpec s = spec("test \"$1 $2 $3\" = \"s0 7 10.0.0.1:8080\"", "printf \"s0/e5\\ns0/e2\\nother\\n\"");
        Op add = call(s, "add", 7L);
        assertEquals(OpType.OK, add.type(), add.toString());
        Op read = call(s, "read", null);
        assertEquals(OpType.OK, read.type(), read.toString());
        assertEquals(Values.list(2L, 5L), read.value());
    }

    @Test
    void aListedFailCodeIsFailAndAnyOtherIsInfoForAWriteAndFailForARead() {
        ClientSpec s = spec("exit 7", "exit 3");
        assertEquals(OpType.FAIL, call(s, "add", 1L).type());
        ClientSpec t = spec("echo lost >&2; exit 22", "exit 22");
        Op add = call(t, "add", 1L);
        assertEquals(OpType.INFO, add.type());
        assertTrue(add.error().equals("exit 22: lost"), add.error());
        assertEquals(OpType.FAIL, call(t, "read", null).type());
    }

    @Test
    void aCommandStillRunningAtTheTimeOutIsKilledAndInfoForAWrite() {
        ClientSpec s = spec("sleep 5", "sleep 5");
        long t0 = System.nanoTime();
        Op add = call(s, "add", 1L);
        assertEquals(OpType.INFO, add.type());
        assertTrue(add.error().startsWith("timed out"), add.error());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "killed at the 1 s time-out, not waited for");
        assertEquals(OpType.FAIL, call(s, "read", null).type());
    }

    @Test
    void theConvergenceProbeReadsJsonOutput() throws Exception {
        ClientSpec s = spec("true", "true");
        assertEquals(Values.list(1L, 3L), FileClient.localRead(null, s, "n1", "1", "10.0.0.1:8080"));
    }
}
