package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Given an SQL error (SQLState, vendor code) and the file's additions, expect refused (fail) or unknown (info for a write). */
class SqlOutcomeTest {

    private static boolean refused(String state, int code) {
        return SqlOutcome.refused(new SQLException("x", state, code), Set.of(), Set.of());
    }

    @Test
    void aSerializationFailureOrDeadlockRolledBackSoItIsFail() {
        assertTrue(refused("40001", 0), "serialization failure");
        assertTrue(refused("40001", 1213), "MariaDB's deadlock, Galera's certification failure");
        assertTrue(refused("40P01", 0), "PostgreSQL's deadlock");
    }

    @Test
    void aStatementRefusedBeforeItRanIsFail() {
        assertTrue(refused("23000", 1062), "duplicate key");
        assertTrue(refused("23505", 0), "PostgreSQL's unique violation");
        assertTrue(refused("22003", 0), "out of range");
        assertTrue(refused("42S02", 1146), "no such table");
    }

    @Test
    void aConnectionExceptionOrAnythingUnknownMayHaveCommitted() {
        assertFalse(refused("08S01", 0), "communication link failure");
        assertFalse(refused("08000", 0));
        assertFalse(refused("HY000", 1205), "lock wait timeout: not in the built-in list");
        assertFalse(refused("57014", 0), "query cancelled (a time-out)");
        assertFalse(refused(null, 0), "no SQLState: an I/O error");
        assertFalse(refused("40002", 0), "integrity constraint at commit: the class 40 is not all refusals");
    }

    @Test
    void theFileAddsItsSystemsRefusalsByVendorCodeOrSqlState() {
        SQLException galera = new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047);
        assertFalse(SqlOutcome.refused(galera, Set.of(), Set.of()), "08S01 alone is a lost connection: unknown");
        assertTrue(SqlOutcome.refused(galera, Set.of(), Set.of(1047)), "Galera's 1047: out of the primary component, nothing applied");
        assertTrue(SqlOutcome.refused(new SQLException("x", "HY000", 1205), Set.of("HY000"), Set.of()));
        assertTrue(SqlOutcome.refused(new SQLException("x", "53300", 0), Set.of("53"), Set.of()), "a class given by its two characters");
    }

    @Test
    void aConnectionExceptionRetiresTheConnection() {
        assertTrue(SqlOutcome.connectionLost(new SQLException("x", "08S01", 1047)));
        assertTrue(SqlOutcome.connectionLost(new SQLException("x", null, 0)));
        assertFalse(SqlOutcome.connectionLost(new SQLException("x", "40001", 1213)));
    }
}
