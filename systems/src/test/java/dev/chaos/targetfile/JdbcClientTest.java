package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Given what a statement answered (an update count, rows, an SQL error), expect the outcome a target
 * file's JDBC client records. The driver is {@link ScriptedDriver}: the mapping, not a database, is under test here
 * (TargetFileIT runs MariaDB Galera for real).
 */
class JdbcClientTest {

    private static final String FILE = """
            format: chaos-target/1
            name: db
            docker: {image: example/db:1}
            ports: {client: 3306}
            ready: {tcp: true}
            clients:
              set:
                jdbc:
                  url: "jdbc:scripted://{{host}}:{{port}}/db"
                  fail-codes: [1047]
                  add: {sql: "INSERT INTO elements (k, v) VALUES (?, ?)", params: ["{{key}}", "{{value}}"]}
                  read: {sql: "SELECT v FROM elements WHERE k = ?", params: ["{{key}}"], result: {column: v}}
                  local-read: {sql: "SELECT v FROM elements", result: {column: v}}
              cas-register:
                jdbc:
                  url: "jdbc:scripted://{{host}}:{{port}}/db"
                  read: {sql: "SELECT v FROM registers WHERE k = ?", params: ["{{key}}"], result: {column: v}}
                  write: {sql: "REPLACE INTO registers (k, v) VALUES (?, ?)", params: ["{{key}}", "{{value}}"]}
                  cas: {sql: "UPDATE registers SET v = ? WHERE k = ? AND v = ?", params: ["{{to}}", "{{key}}", "{{from}}"], rows: [1]}
                  local-read: {sql: "SELECT k, v FROM registers", result: {column: v, key: k}}
            """;

    @AfterEach
    void reset() {
        ScriptedDriver.next.set(1);
        ScriptedDriver.refuse.set(null);
        ScriptedDriver.executed.clear();
    }

    private static Op call(String workload, String f, String key, Object value) throws SQLException {
        ClientSpec spec = TargetFiles.parse(FILE, "db.yaml").clients().get(workload);
        try (JdbcClient c = new JdbcClient(spec, "n1", "10.0.0.1:3306", false)) {
            return c.invoke(Op.of(ProcessId.client(3), OpType.INVOKE, f, key, value));
        }
    }

    @Test
    void anAddBindsItsParamsNumbersAsNumbersAndAnUpdateIsOk() throws SQLException {
        Op r = call("set", "add", "s0", 17L);
        assertEquals(OpType.OK, r.type(), r.toString());
        assertEquals(List.of("INSERT INTO elements (k, v) VALUES (?, ?) [s0, 17]"), ScriptedDriver.executed);
    }

    @Test
    void aReadsRowsAreTheSetsElements() throws SQLException {
        ScriptedDriver.next.set(List.of(Map.of("v", 17L), Map.of("v", 3L)));
        Op r = call("set", "read", "s0", null);
        assertEquals(OpType.OK, r.type(), r.toString());
        assertEquals(Values.list(3L, 17L), r.value());
    }

    @Test
    void aRegisterReadIsTheFirstRowsValueAndNoRowIsNone() throws SQLException {
        ScriptedDriver.next.set(List.of(Map.of("v", 4L)));
        assertEquals(4L, ((Number) call("cas-register", "read", "r1", null).value()).longValue());
        ScriptedDriver.next.set(List.of());
        Op none = call("cas-register", "read", "r1", null);
        assertEquals(OpType.OK, none.type());
        assertEquals(null, none.value());
    }

    @Test
    void aCasThatChangedNoRowIsFail() throws SQLException {
        ScriptedDriver.next.set(0);
        Op r = call("cas-register", "cas", "r1", Values.list(1L, 2L));
        assertEquals(OpType.FAIL, r.type());
        assertTrue(r.error().startsWith("0 rows changed"), r.error());
        ScriptedDriver.next.set(1);
        assertEquals(OpType.OK, call("cas-register", "cas", "r1", Values.list(1L, 2L)).type());
    }

    @Test
    void aRefusalIsFailAndAConnectionExceptionIsInfoForAWriteAndFailForARead() throws SQLException {
        ScriptedDriver.next.set(new SQLException("Deadlock found", "40001", 1213));
        assertEquals(OpType.FAIL, call("set", "add", "s0", 1L).type());
        ScriptedDriver.next.set(new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047));
        Op galera = call("set", "add", "s0", 1L);
        assertEquals(OpType.FAIL, galera.type(), "the file's fail-codes");
        assertTrue(galera.error().startsWith("08S01 (1047) WSREP"), galera.error());
        ScriptedDriver.next.set(new SQLException("Socket timeout", "08000", 0));
        assertEquals(OpType.INFO, call("set", "add", "s0", 1L).type(), "it may have committed");
        assertEquals(OpType.FAIL, call("set", "read", "s0", null).type());
    }

    @Test
    void aConnectionThatCannotBeMadeIsNoClientAndAfterALostOneTheNextOpReconnectsOrFails() throws SQLException {
        ClientSpec spec = TargetFiles.parse(FILE, "db.yaml").clients().get("set");
        ScriptedDriver.refuse.set(new SQLException("Connection refused", "08001"));
        assertThrows(SQLException.class, () -> new JdbcClient(spec, "n1", "10.0.0.1:3306", false));
        ScriptedDriver.refuse.set(null);
        try (JdbcClient c = new JdbcClient(spec, "n1", "10.0.0.1:3306", false)) {
            ScriptedDriver.next.set(new SQLException("Connection reset", "08S01", 0));
            assertEquals(OpType.FAIL, c.invoke(Op.of(ProcessId.client(3), OpType.INVOKE, "read", "s0", null)).type());
            ScriptedDriver.refuse.set(new SQLException("Connection refused", "08001"));
            Op r = c.invoke(Op.of(ProcessId.client(3), OpType.INVOKE, "add", "s0", 2L));
            assertEquals(OpType.FAIL, r.type(), "nothing was sent: the connection could not be made");
            assertTrue(r.error().startsWith("connect: 08001"), r.error());
        }
    }

    @Test
    void theRegistersProbeReadsRowsIntoAMap() throws Exception {
        ScriptedDriver.next.set(List.of(Map.of("k", "r1", "v", 4L), Map.of("k", "r2", "v", 7L)));
        ClientSpec spec = TargetFiles.parse(FILE, "db.yaml").clients().get("cas-register");
        assertEquals(Map.of("r1", 4L, "r2", 7L), JdbcClient.localRead(spec, "n1", "1", "10.0.0.1:3306"));
    }
}
