package dev.chaos.targetfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chaos.history.Op;
import dev.chaos.workload.Client;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A target file's JDBC client: one connection per client process to the node's client link, one SQL
 * statement per operation ({@link OpSpec#sql}), autocommit. A query's rows become a JSON array of
 * objects by lower-case column label, read by the op's {@code result}; an update's count must be one
 * of {@link SqlOp#rows} (else fail). Errors are classed by {@link SqlOutcome}: refused is fail;
 * anything else is info for a write and fail for a read; a connection that cannot be made is fail.
 */
final class JdbcClient implements Client {

    /** A reply larger than this many rows is not read (a set's read is thousands). */
    static final int MAX_ROWS = 1_000_000;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        // MariaDB's driver logs every error reply as a warning; the history records each one already
        if (System.getProperty("org.slf4j.simpleLogger.log.org.mariadb.jdbc") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.mariadb.jdbc", "error");
        }
    }

    private final ClientSpec spec;
    private final String node;
    private final String hostPort;
    private final boolean serializable;
    private Connection conn;

    /** Connects at once: a client that cannot connect is not opened (the runner records the failure). */
    JdbcClient(ClientSpec spec, String node, String hostPort, boolean serializable) throws SQLException {
        this.spec = spec;
        this.node = node;
        this.hostPort = hostPort;
        this.serializable = serializable;
        this.conn = connect(spec, node, hostPort);
    }

    /** A connection to {@code hostPort} by the file's URL, its network time-out the client's. */
    static Connection connect(ClientSpec spec, String node, String hostPort) throws SQLException {
        JdbcSpec j = spec.jdbc();
        int colon = hostPort.lastIndexOf(':');
        String url = j.url().render(Map.of("host", hostPort.substring(0, colon), "port", hostPort.substring(colon + 1), "node", node,
                "address", hostPort));
        Driver driver = JdbcDrivers.forUrl(url, j.drivers());
        if (driver == null) {
            throw new SQLException("no JDBC driver takes " + url, "08001");
        }
        long ms = spec.timeout().toMillis();
        Properties p = new Properties();
        if (j.user() != null) {
            p.setProperty("user", j.user());
        }
        if (j.password() != null) {
            p.setProperty("password", j.password());
        }
        // the drivers' own names: a black-holed link must not hang the connect or its handshake
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            p.setProperty("connectTimeout", String.valueOf(ms));
            p.setProperty("socketTimeout", String.valueOf(ms));
        } else if (url.startsWith("jdbc:postgresql:")) {
            String s = String.valueOf(Math.max(1, (ms + 999) / 1000));
            p.setProperty("connectTimeout", s);
            p.setProperty("loginTimeout", s);
            p.setProperty("socketTimeout", s);
        }
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("the driver for " + url + " returned no connection", "08001");
        }
        try {
            c.setNetworkTimeout(Runnable::run, (int) ms);
            c.setAutoCommit(true);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public Op invoke(Op op) {
        OpCall call = OpCall.of(spec, op, node, hostPort, serializable);
        if (call == null) {
            return OpCall.undefined(op);
        }
        OpSpec o = call.spec();
        Map<String, String> vars = call.vars();
        if (conn == null) {
            try {
                conn = connect(spec, node, hostPort);
            } catch (SQLException e) {
                return call.fail("connect: " + SqlOutcome.describe(e));
            }
        }
        JsonNode reply;
        try {
            reply = execute(conn, o.sql(), vars, spec.timeout());
        } catch (SQLException e) {
            boolean refused = SqlOutcome.refused(e, spec.failErrors(), spec.failCodes());
            if (SqlOutcome.connectionLost(e) || !refused) {
                drop();
            }
            return refused ? call.fail(SqlOutcome.describe(e)) : call.unsure(SqlOutcome.describe(e));
        } catch (RuntimeException e) { // a driver's own failure: it may have sent the statement
            drop();
            return call.unsure(e.toString());
        }
        if (reply.isNumber()) {
            int n = reply.intValue();
            if (!o.sql().rows().isEmpty() && !o.sql().rows().contains(n)) {
                return call.fail(n + " rows changed; done means " + o.sql().rows());
            }
            return call.ok(call.written());
        }
        try {
            Object result = FileClient.judge(o, reply, vars);
            return call.ok(o.result() != null ? result : call.written());
        } catch (FileClient.NotOk e) {
            return call.fail(e.getMessage());
        } catch (RuntimeException e) {
            return call.unsure("unreadable rows: " + e.getMessage());
        }
    }

    /**
     * Runs one statement: a query's rows as a JSON array of objects (lower-case column labels), an
     * update's count as a number.
     */
    static JsonNode execute(Connection c, SqlOp sql, Map<String, String> vars, Duration timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
            ps.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            ps.setMaxRows(MAX_ROWS + 1);
            int i = 1;
            for (Template t : sql.params()) {
                String v = t.render(vars);
                if (WHOLE_NUMBER.matcher(v).matches()) {
                    ps.setLong(i++, Long.parseLong(v));
                } else {
                    ps.setString(i++, v);
                }
            }
            if (!ps.execute()) {
                return NODES.numberNode(ps.getUpdateCount());
            }
            try (ResultSet rs = ps.getResultSet()) {
                return rows(rs);
            }
        }
    }

    static ArrayNode rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = md.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
        }
        ArrayNode out = NODES.arrayNode();
        while (rs.next()) {
            if (out.size() >= MAX_ROWS) {
                throw new SQLException("more than " + MAX_ROWS + " rows: not read", "54000");
            }
            ObjectNode row = out.addObject();
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                if (v == null) {
                    row.putNull(labels[i]);
                } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    row.put(labels[i], ((Number) v).longValue());
                } else if (v instanceof BigInteger || v instanceof BigDecimal) {
                    row.put(labels[i], v.toString());
                } else if (v instanceof byte[] b) {
                    row.put(labels[i], new String(b, java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    row.put(labels[i], v.toString());
                }
            }
        }
        return out;
    }

    /** The node's own view: the convergence probe's query, on a connection of its own to the node's own address. */
    static Object localRead(ClientSpec spec, String node, String index, String hostPort) throws Exception {
        OpSpec o = spec.localRead();
        Map<String, String> vars = FileClient.let(o, Map.of("node", node, "index", index, "address", hostPort));
        try (Connection c = connect(spec, node, hostPort)) {
            JsonNode reply = execute(c, o.sql(), vars, spec.timeout());
            if (reply.isNumber()) {
                throw new IllegalStateException("local-read on " + node + ": the statement is no query (" + reply + " rows changed)");
            }
            return FileClient.judge(o, reply, vars);
        } catch (SQLException e) {
            throw new IllegalStateException("local-read on " + node + ": " + SqlOutcome.describe(e), e);
        }
    }

    /** Runs the client's {@code setup} statements on {@code node}, in order, each once. */
    static void setup(ClientSpec spec, String node, String hostPort) throws SQLException {
        try (Connection c = connect(spec, node, hostPort); Statement s = c.createStatement()) {
            for (String sql : spec.jdbc().setup()) {
                s.setQueryTimeout((int) Math.max(1, spec.timeout().toSeconds()));
                s.execute(sql);
            }
        }
    }

    private void drop() {
        Connection c = conn;
        conn = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // it is being dropped because it broke
            }
        }
    }

    @Override
    public void close() {
        drop();
    }
}
