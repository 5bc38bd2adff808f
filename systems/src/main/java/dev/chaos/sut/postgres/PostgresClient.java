package dev.chaos.sut.postgres;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.Values;
import dev.chaos.workload.Isolation;
import dev.chaos.workload.MicroOp;
import dev.chaos.workload.Client;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One client process's JDBC connection to the primary, through its link. Each op is one transaction
 * at the scenario's isolation level: a {@code txn} runs its micro-ops in order (list-append or
 * rw-register), a {@code transfer} or a {@code read} is the bank's. What a failure means follows
 * {@link TxnSql#outcome}. A connection found broken is opened again on the next op (an op that
 * cannot connect fails: nothing reached the server).
 */
final class PostgresClient implements Client {

    /** How long a connect may take, and the longest an op may wait for the server, in seconds (the runner gives up sooner). */
    static final int CONNECT_TIMEOUT_S = 5;
    static final int SOCKET_TIMEOUT_S = 30;

    private final String hostPort;
    private final Isolation isolation;
    private final boolean registers;
    private Connection connection;

    /**
     * Not connected yet: the first op connects.
     *
     * @param registers reads read rw-register's table (a value), not list-append's (a list)
     */
    PostgresClient(String hostPort, Isolation isolation, boolean registers) {
        this.hostPort = hostPort;
        this.isolation = isolation;
        this.registers = registers;
    }

    /** A connection to {@code hostPort} as the superuser, autocommit off, at {@code isolation}. */
    static Connection connect(String hostPort, Isolation isolation, int socketTimeoutS) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        p.setProperty("socketTimeout", Integer.toString(socketTimeoutS));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "chaos");
        Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://" + hostPort + "/postgres", p);
        if (c == null) {
            throw new SQLException("the driver does not take jdbc:postgresql://" + hostPort, "08001");
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(switch (isolation) {
            case SERIALIZABLE -> Connection.TRANSACTION_SERIALIZABLE;
            case REPEATABLE_READ -> Connection.TRANSACTION_REPEATABLE_READ;
            case READ_COMMITTED -> Connection.TRANSACTION_READ_COMMITTED;
        });
        return c;
    }

    @Override
    public Op invoke(Op op) {
        boolean committing = false;
        Connection c = null;
        try {
            c = connection();
            Object result = switch (op.f()) {
                case "txn" -> txn(c, MicroOp.parse(op.value()));
                case "transfer" -> transfer(c, op.value());
                case "read" -> balances(c);
                default -> throw new IllegalArgumentException("postgres has no client for f " + op.f());
            };
            committing = true;
            c.commit();
            return complete(op, OpType.OK, result, null);
        } catch (Overdrawn e) {
            rollback(c);
            return complete(op, OpType.FAIL, op.value(), e.getMessage());
        } catch (SQLException e) {
            OpType type = TxnSql.outcome(e.getSQLState(), committing);
            if (TxnSql.connectionLost(e.getSQLState())) {
                drop();
            } else {
                rollback(c);
            }
            return complete(op, type, op.value(), (e.getSQLState() == null ? "" : e.getSQLState() + " ") + firstLine(e.getMessage()));
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connect(hostPort, isolation, SOCKET_TIMEOUT_S);
        }
        return connection;
    }

    /** Runs the micro-ops in order and returns them with what each read saw. */
    private List<Object> txn(Connection c, List<MicroOp> steps) throws SQLException {
        List<MicroOp> done = new ArrayList<>(steps.size());
        for (MicroOp m : steps) {
            switch (m.f()) {
                case MicroOp.APPEND -> {
                    update(c, TxnSql.APPEND, m.key(), String.valueOf(m.value()));
                    done.add(m);
                }
                case MicroOp.WRITE -> {
                    update(c, TxnSql.WRITE, m.key(), ((Number) m.value()).longValue());
                    done.add(m);
                }
                default -> done.add(m.withValue(read(c, m.key())));
            }
        }
        return MicroOp.toValue(done);
    }

    /** A read of {@code key}: its list (list-append) or its value (rw-register), null when absent. */
    private Object read(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(registers ? TxnSql.READ_REGISTER : TxnSql.READ_LIST)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return registers ? (Object) r.getLong(1) : TxnSql.parseList(r.getString(1));
            }
        }
    }

    private static void update(Connection c, String sql, String key, Object value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setObject(2, value);
            s.executeUpdate();
        }
    }

    /** Reads both balances, refuses to overdraw, writes both new balances. */
    private static Object transfer(Connection c, Object value) throws SQLException, Overdrawn {
        if (!(value instanceof Map<?, ?> t) || !(t.get("from") instanceof Long from) || !(t.get("to") instanceof Long to)
                || !(t.get("amount") instanceof Long amount)) {
            throw new IllegalArgumentException("a transfer is {from, to, amount}, not " + value);
        }
        long a = balance(c, from);
        long b = balance(c, to);
        if (a < amount) {
            throw new Overdrawn("account " + from + " holds " + a + ", less than " + amount);
        }
        setBalance(c, from, a - amount);
        setBalance(c, to, b + amount);
        return value;
    }

    private static long balance(Connection c, long account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TxnSql.BALANCE)) {
            s.setInt(1, (int) account);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no account " + account, "02000");
                }
                return r.getLong(1);
            }
        }
    }

    private static void setBalance(Connection c, long account, long balance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TxnSql.SET_BALANCE)) {
            s.setLong(1, balance);
            s.setInt(2, (int) account);
            s.executeUpdate();
        }
    }

    /** Every balance, {@code {"0": 20, "1": 20, ...}}. */
    static Map<String, Object> balances(Connection c) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(TxnSql.ALL_BALANCES); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(Integer.toString(r.getInt(1)), r.getLong(2));
            }
        }
        return out;
    }

    private static Op complete(Op op, OpType type, Object value, String error) {
        return new Op(-1, -1, op.process(), type, op.f(), op.key(), Values.canonical(value), op.node(), error, false);
    }

    private void rollback(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            drop();
        }
    }

    private void drop() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        drop();
    }

    /** A transfer that would overdraw its source: refused, nothing written. */
    private static final class Overdrawn extends Exception {
        Overdrawn(String message) {
            super(message);
        }
    }
}
