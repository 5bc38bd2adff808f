package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Patroni example's psql client: given what psql says and its exit code, expect the
 * outcome chaos records. The file's own script runs for real (sh), in front of a stand-in psql that
 * prints a real psql message (PostgreSQL 15's wording) and exits as psql does: 2 for every bad
 * connection, whether or not the statement had been sent.
 */
class PatroniTargetFileTest {

    private static final ClientSpec SET = TargetFiles.load(Path.of("../docs/targets/patroni.yaml")).file().clients().get("set");

    @TempDir
    Path bin;

    /** The file's op, run with a psql on PATH that writes {@code stderr}, prints {@code stdout} and exits {@code exit}. */
    private Op call(String f, Object value, int exit, String stdout, String stderr) throws Exception {
        Path psql = bin.resolve("psql");
        Files.writeString(psql, "#!/bin/sh\n"
                + "[ \"$1\" = 'postgresql://postgres@10.0.0.1:5432/postgres?connect_timeout=3&sslmode=disable' ] || { echo \"bad URL $1\" >&2; exit 99; }\n"
                + "printf '%s' '" + stdout + "'\nprintf '%s\\n' '" + stderr + "' >&2\nexit " + exit + "\n");
        Files.setPosixFilePermissions(psql, PosixFilePermissions.fromString("rwxr-xr-x"));
        OpSpec o = SET.ops().get(f);
        List<Template> run = new ArrayList<>(List.of(Template.parse("env", Set.of()),
                Template.parse("PATH=" + bin + ":" + System.getenv("PATH"), Set.of())));
        run.addAll(o.command());
        OpSpec withFake = new OpSpec(o.let(), null, run, null, null, o.ok(), o.fail(), o.okWhen(), o.errorWhen(), o.result());
        ClientSpec spec = new ClientSpec("set", SET.protocol(), SET.timeout(), Map.of(f, withFake), SET.localRead(), null, SET.failErrors(), SET.failCodes());
        try (FileClient c = new FileClient(spec, "n1", "10.0.0.1:5432", false)) {
            return c.invoke(Op.of(ProcessId.client(1), OpType.INVOKE, f, "s0", value));
        }
    }

    @Test
    void anInsertThePrimaryCommittedIsOk() throws Exception {
        assertEquals(OpType.OK, call("add", 7, 0, "", "").type());
    }

    @Test
    void aConnectionNeverMadeIsFailWhateverTheCause() throws Exception {
        Op refused = call("add", 7, 2, "", "psql: error: connection to server at \"10.0.0.1\", port 5432 failed: Connection refused");
        assertEquals(OpType.FAIL, refused.type(), refused.error());
        assertTrue(refused.error().startsWith("exit 10: psql: error: connection to server"), refused.error());
        Op timedOut = call("add", 7, 2, "", "psql: error: connection to server at \"10.0.0.1\", port 5432 failed: timeout expired");
        assertEquals(OpType.FAIL, timedOut.type(), "connect_timeout: the INSERT was never sent");
    }

    @Test
    void aReplicaRefusingTheInsertIsFail() throws Exception {
        Op r = call("add", 7, 1, "", "ERROR:  cannot execute INSERT in a read-only transaction");
        assertEquals(OpType.FAIL, r.type());
        assertEquals("exit 11: ERROR:  cannot execute INSERT in a read-only transaction", r.error());
    }

    @Test
    void aConnectionLostAfterTheInsertWasSentIsInfo() throws Exception {
        Op demoted = call("add", 7, 2, "", "FATAL:  terminating connection due to administrator command\n"
                + "server closed the connection unexpectedly\nconnection to server was lost");
        assertEquals(OpType.INFO, demoted.type(), "the primary may have committed it before Patroni demoted it");
        assertEquals(OpType.INFO, call("add", 7, 1, "", "ERROR:  could not extend file: No space left on device").type(),
                "an error of no known kind: unknown");
    }

    @Test
    void aReadListsTheKeysElementsAndFailsOnAnyError() throws Exception {
        Op ok = call("read", null, 0, "3\n1\n", "");
        assertEquals(OpType.OK, ok.type(), ok.error());
        assertEquals(Values.list(1L, 3L), ok.value());
        assertEquals(OpType.FAIL, call("read", null, 2, "", "connection to server was lost").type(), "a read changes nothing");
    }
}
