package dev.chaos.targetfile;

import java.sql.SQLException;
import java.util.Set;

/**
 * Which SQL errors surely left nothing applied (fail) and which leave a write's outcome unknown
 * (info). By SQLState, as the standard classes it: 40001 (serialization failure, MariaDB's deadlock
 * 1213 too) and 40P01 (PostgreSQL's deadlock) rolled the statement back; classes 22 (data), 23
 * (integrity constraint) and 42 (syntax, access) were refused before anything changed. Class 08
 * (connection exception), time-outs and everything else may have committed: unknown. A target file
 * adds its own system's refusals by SQLState or class ({@code fail-sqlstates}) and by vendor code
 * ({@code fail-codes}: Galera's 1047, "WSREP has not yet prepared node for application use", comes
 * with SQLState 08S01 but is refused before execution).
 */
final class SqlOutcome {

    static final Set<String> BUILT_IN = Set.of("40001", "40P01", "22", "23", "42");

    private SqlOutcome() {
    }

    /** Surely not applied: a vendor code in {@code codes}, or the SQLState or its class in {@link #BUILT_IN} or {@code states}. */
    static boolean refused(SQLException e, Set<String> states, Set<Integer> codes) {
        if (codes.contains(e.getErrorCode())) {
            return true;
        }
        String s = e.getSQLState();
        if (s == null || s.length() < 2) {
            return false;
        }
        String cls = s.substring(0, 2);
        return BUILT_IN.contains(s) || BUILT_IN.contains(cls) || states.contains(s) || states.contains(cls);
    }

    /** The connection is not to be used again: a connection exception (class 08), or no SQLState at all (an I/O error). */
    static boolean connectionLost(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    /** The error as the history shows it: SQLState, vendor code, first line of the message. */
    static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return (e.getSQLState() == null ? "" : e.getSQLState() + " ") + (e.getErrorCode() == 0 ? "" : "(" + e.getErrorCode() + ") ")
                + FileClient.abbreviate(nl < 0 ? m : m.substring(0, nl));
    }
}
