package dev.chaos.sut.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.OpType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL mapping: what a row's text reads as, and what a failed transaction means for the history. */
class TxnSqlTest {

    @Test
    void aListRowReadsAsItsElementsInAppendOrder() {
        assertEquals(List.of(3L, 1L, 7L), TxnSql.parseList("3,1,7"));
        assertEquals(List.of(12L), TxnSql.parseList("12"));
        assertNull(TxnSql.parseList(null), "no row: the key was never appended to");
        assertEquals(List.of(), TxnSql.parseList(""));
        assertThrows(NumberFormatException.class, () -> TxnSql.parseList("1,,2"), "a damaged row is an error, not a guess");
    }

    @ParameterizedTest(name = "{0} committing={1} -> {2}")
    @CsvSource({
        "40001, false, FAIL",   // serialization failure at a statement
        "40001, true,  FAIL",   // ... or at the commit (serializable): rolled back either way
        "40P01, false, FAIL",   // deadlock: the victim is rolled back
        "23505, true,  FAIL",   // unique violation
        "08006, false, FAIL",   // connection lost before the commit was sent: the server aborts
        "08006, true,  INFO",   // connection lost while committing: may have committed
        "57P01, true,  INFO",   // server shutting down while committing
        ",      true,  INFO",   // an I/O error without a SQLState while committing
        ",      false, FAIL",
        "42P01, false, FAIL",   // any statement error before the commit
    })
    void failuresMapToFailOnlyWhenTheTransactionCannotHaveCommitted(String state, boolean committing, OpType expected) {
        assertEquals(expected, TxnSql.outcome(state, committing));
    }

    @Test
    void lostConnectionsAreOpenedAgainOthersAreRolledBack() {
        assertTrue(TxnSql.connectionLost("08006"));
        assertTrue(TxnSql.connectionLost(null));
        assertTrue(TxnSql.connectionLost("57P01"));
        assertFalse(TxnSql.connectionLost("40001"));
    }

    @Test
    void theAppendIsOneUpsertThatJoinsWithCommasAndTheBankSeedsEveryAccountOnce() {
        assertTrue(TxnSql.APPEND.contains("ON CONFLICT (k) DO UPDATE SET v = t.v || ',' || excluded.v"), TxnSql.APPEND);
        assertEquals("INSERT INTO bank_accounts (id, balance) VALUES (0, 20), (1, 20), (2, 20), (3, 20), (4, 20)"
                + " ON CONFLICT (id) DO NOTHING", TxnSql.bankSeed());
    }
}
