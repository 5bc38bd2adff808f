package dev.chaos.targetfile;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A JDBC driver for unit tests of pure mapping ({@code jdbc:scripted:}): each statement answers what
 * the test set in {@link #next} (an update count, rows, or an SQLException to throw) and records its
 * SQL and bound parameters in {@link #executed}. A connect throws {@link #refuse} when set.
 */
public final class ScriptedDriver implements Driver {

    static final AtomicReference<Object> next = new AtomicReference<>(1);
    static final AtomicReference<SQLException> refuse = new AtomicReference<>();
    static final List<String> executed = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public boolean acceptsURL(String url) {
        return url.startsWith("jdbc:scripted:");
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        if (refuse.get() != null) {
            throw refuse.get();
        }
        InvocationHandler conn = (proxy, m, args) -> switch (m.getName()) {
            case "prepareStatement" -> statement((String) args[0]);
            case "isClosed", "getAutoCommit" -> m.getName().equals("getAutoCommit");
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null; // setNetworkTimeout, setAutoCommit, close
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, conn);
    }

    private PreparedStatement statement(String sql) {
        List<Object> params = new ArrayList<>();
        Object[] answer = new Object[1];
        InvocationHandler st = (proxy, m, args) -> switch (m.getName()) {
            case "setLong", "setString" -> {
                params.add(args[1]);
                yield null;
            }
            case "execute" -> {
                executed.add(sql + " " + params);
                answer[0] = next.get();
                if (answer[0] instanceof SQLException e) {
                    throw e;
                }
                yield !(answer[0] instanceof Integer);
            }
            case "getUpdateCount" -> answer[0];
            case "getResultSet" -> rows(castRows(answer[0]));
            default -> null;
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, st);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castRows(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private ResultSet rows(List<Map<String, Object>> rows) {
        List<String> labels = rows.isEmpty() ? List.of("v") : new ArrayList<>(rows.get(0).keySet());
        int[] at = {-1};
        InvocationHandler md = (proxy, m, args) -> switch (m.getName()) {
            case "getColumnCount" -> labels.size();
            case "getColumnLabel" -> labels.get((Integer) args[0] - 1);
            default -> null;
        };
        ResultSetMetaData meta = (ResultSetMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, md);
        InvocationHandler rs = (proxy, m, args) -> switch (m.getName()) {
            case "next" -> ++at[0] < rows.size();
            case "getMetaData" -> meta;
            case "getObject" -> rows.get(at[0]).get(labels.get((Integer) args[0] - 1));
            default -> null;
        };
        return (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class}, rs);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }
}
