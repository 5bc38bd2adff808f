package dev.chaos.sut.postgres;

import dev.chaos.history.OpType;
import dev.chaos.workload.BankWorkload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL the transactional workloads run, and what a failure means for the history: pure text and
 * logic, no connection.
 *
 * <p>list-append keeps each key's list in one row, its elements joined by commas, and appends with
 * an upsert ({@link #APPEND}); so an append is one statement that reads and writes the row, and a
 * read ({@link #READ_LIST}) sees the whole list in the order the appends committed. rw-register keeps
 * one value per row ({@link #WRITE}). bank keeps one row per account and moves money by reading both
 * balances and writing the new ones ({@link #BALANCE}, {@link #SET_BALANCE}): absolute writes, so
 * that an isolation level that allows lost updates shows it as a wrong total.
 */
public final class TxnSql {

    /** The tables, created on the primary before the clients start. */
    public static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS txn_append (k text PRIMARY KEY, v text NOT NULL)",
            "CREATE TABLE IF NOT EXISTS txn_register (k text PRIMARY KEY, v bigint NOT NULL)",
            "CREATE TABLE IF NOT EXISTS bank_accounts (id int PRIMARY KEY, balance bigint NOT NULL)");

    public static final String APPEND = "INSERT INTO txn_append AS t (k, v) VALUES (?, ?) "
            + "ON CONFLICT (k) DO UPDATE SET v = t.v || ',' || excluded.v";
    public static final String READ_LIST = "SELECT v FROM txn_append WHERE k = ?";
    public static final String ALL_LISTS = "SELECT k, v FROM txn_append ORDER BY k";

    public static final String WRITE = "INSERT INTO txn_register AS t (k, v) VALUES (?, ?) "
            + "ON CONFLICT (k) DO UPDATE SET v = excluded.v";
    public static final String READ_REGISTER = "SELECT v FROM txn_register WHERE k = ?";
    public static final String ALL_REGISTERS = "SELECT k, v FROM txn_register ORDER BY k";

    public static final String BALANCE = "SELECT balance FROM bank_accounts WHERE id = ?";
    public static final String SET_BALANCE = "UPDATE bank_accounts SET balance = ? WHERE id = ?";
    public static final String ALL_BALANCES = "SELECT id, balance FROM bank_accounts ORDER BY id";

    private TxnSql() {
    }

    /** The bank's accounts with their first balances; existing rows are left alone (a restarted primary). */
    public static String bankSeed() {
        StringBuilder sb = new StringBuilder("INSERT INTO bank_accounts (id, balance) VALUES ");
        for (int a = 0; a < BankWorkload.ACCOUNTS; a++) {
            sb.append(a == 0 ? "" : ", ").append('(').append(a).append(", ").append(BankWorkload.INITIAL_BALANCE).append(')');
        }
        return sb.append(" ON CONFLICT (id) DO NOTHING").toString();
    }

    /** A list-append row's text as the list it holds: {@code "3,1,7"} is [3, 1, 7]; no row (null) is null. */
    public static List<Object> parseList(String text) {
        if (text == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String e : text.split(",", -1)) {
                out.add(Long.parseLong(e));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * What a transaction that raised {@code sqlState} means for the history.
     *
     * <ul>
     *   <li>a serialization failure (40001) or a deadlock (40P01), at any statement or at the commit,
     *       and an integrity violation (class 23): the database rolled it back: {@code fail};</li>
     *   <li>anything else before the commit was sent: the transaction cannot have committed (we roll
     *       it back, or the connection is gone and the server aborts it): {@code fail};</li>
     *   <li>anything else while committing (a lost connection, a server shutting down, a timeout):
     *       the commit may or may not have happened: {@code info}.</li>
     * </ul>
     *
     * @param sqlState   the SQLState, or null when the driver gave none (an I/O error)
     * @param committing whether the commit had been sent
     */
    public static OpType outcome(String sqlState, boolean committing) {
        if (definitelyAborted(sqlState)) {
            return OpType.FAIL;
        }
        return committing ? OpType.INFO : OpType.FAIL;
    }

    /** Serialization failure, deadlock, or an integrity violation: the server rolled the transaction back. */
    static boolean definitelyAborted(String sqlState) {
        return sqlState != null && (sqlState.equals("40001") || sqlState.equals("40P01") || sqlState.startsWith("23"));
    }

    /** A connection exception (class 08): the connection is gone and must be opened again. */
    public static boolean connectionLost(String sqlState) {
        return sqlState == null || sqlState.startsWith("08") || sqlState.startsWith("57P");
    }
}
