package dev.chaos.sut.postgres;

import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.docker.Images;
import dev.chaos.cluster.HealthProbe;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import dev.chaos.workload.BankWorkload;
import dev.chaos.workload.Client;
import dev.chaos.workload.Isolation;
import dev.chaos.workload.RwRegisterWorkload;
import dev.chaos.workload.Workload;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * PostgreSQL (Debian's postgresql-15) as containers: n1 is the primary, every other node a hot
 * standby streaming the primary's WAL asynchronously. A standby is made with {@code pg_basebackup -R}
 * from host {@code n1}, which in its container resolves to its own link to n1, so replication runs
 * through the proxy and a partition cuts it. There is no failover: the primary stays n1.
 *
 * <p>Clients live beside their node and write to the primary: a client of node i reaches n1 through
 * the link {@code client-ni-to-n1} (n1's clients through {@code client-to-n1}), so a partition
 * between i and n1 cuts i's clients off. Each op is a transaction at the scenario's isolation level
 * ({@link PostgresClient}). The convergence probe reads every node directly (standbys serve reads).
 */
public final class PostgresCluster extends ContainerCluster implements Leader, HealthProbe {

    public static final String IMAGE = "chaos/postgres:" + Images.VERSION;
    static final int PORT = 5432;
    /** Where the links of node i's clients to the primary listen (on i's network). */
    static final int CLIENT_PAIR_PORT = 15432;
    static final String DATA = "/var/lib/postgresql/chaos";

    private final Wiring wiring;
    private final Isolation isolation;
    private final String primary;

    private PostgresCluster(TargetContext ctx, DockerLab lab, Wiring wiring) {
        super(lab, ctx.nodes(), ctx.runDir(), ctx.log());
        this.wiring = wiring;
        this.isolation = ctx.isolation();
        this.primary = ctx.nodes().get(0);
    }

    static PostgresCluster start(TargetContext ctx, DockerLab lab) throws Exception {
        PostgresCluster c = new PostgresCluster(ctx, lab,
                ctx.wire(LinkPlan.of(PORT, List.of(PORT)).withClientPairLinks(CLIENT_PAIR_PORT)));
        List<DockerLab.NodeSpec> specs = new ArrayList<>();
        for (String n : ctx.nodes()) {
            specs.add(spec(n, c.primary));
        }
        lab.startNodes(specs);
        c.awaitReady(ctx.startTimeoutMs(), ctx.log());
        return c;
    }

    /**
     * Node {@code n}'s container: on first start the primary runs initdb and opens itself to the
     * other nodes (trust authentication: the networks are the run's own), a standby copies the
     * primary with pg_basebackup (retried until the primary answers); then the server runs as the
     * postgres user. A restarted container keeps its data and skips the set-up.
     */
    static DockerLab.NodeSpec spec(String n, String primary) {
        String conf = String.join("\n",
                "listen_addresses = '*'", "port = " + PORT, "unix_socket_directories = '/tmp'",
                "max_connections = 200", "shared_buffers = 64MB",
                "wal_level = replica", "max_wal_senders = 16", "wal_keep_size = '512MB'", "hot_standby = on",
                // a cut link is noticed in seconds, not the default minute, so a healed standby reconnects soon
                "wal_sender_timeout = '5s'", "wal_receiver_timeout = '5s'", "wal_retrieve_retry_interval = '1s'",
                "deadlock_timeout = '100ms'", "log_min_messages = warning", "log_connections = off", "");
        String as = "setpriv --reuid=postgres --regid=postgres --init-groups ";
        String setup = n.equals(primary)
                ? as + "initdb -D " + DATA + " -U postgres --auth=trust --no-locale -E UTF8 >/dev/null && "
                        + "printf '%s' \"$PG_CONF\" >> " + DATA + "/postgresql.conf && "
                        + "printf 'host all all 0.0.0.0/0 trust\\nhost replication all 0.0.0.0/0 trust\\n' >> " + DATA + "/pg_hba.conf"
                : "until " + as + "pg_basebackup -h " + primary + " -p " + PORT + " -U postgres -D " + DATA
                        + " -R -X stream -c fast; do rm -rf " + DATA + "/* ; sleep 1; done";
        String script = "set -e; if [ ! -s " + DATA + "/PG_VERSION ]; then mkdir -p " + DATA + "; chown postgres:postgres "
                + DATA + "; chmod 700 " + DATA + "; " + setup + "; fi; exec " + as + "postgres -D " + DATA;
        return new DockerLab.NodeSpec(n, IMAGE, List.of("sh", "-c", script), List.of(), Map.of("PG_CONF", conf));
    }

    /** A wiped standby copies the primary again; a wiped primary would start a new database the standbys are not copies of. */
    @Override
    protected DockerLab.NodeSpec wiped(String node, DockerLab.NodeSpec spec) {
        if (node.equals(primary)) {
            throw new IllegalStateException(node + " is the primary (there is no failover); wipe a standby");
        }
        return spec;
    }

    /** Until the primary has the tables and every standby streams from it. */
    private void awaitReady(long timeoutMs, Consumer<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        String state = "";
        boolean schema = false;
        while (true) {
            try (Connection c = direct(primary)) {
                if (!schema) {
                    try (Statement s = c.createStatement()) {
                        for (String sql : TxnSql.SCHEMA) {
                            s.execute(sql);
                        }
                        s.execute(TxnSql.bankSeed());
                    }
                    c.commit();
                    schema = true;
                }
                int streaming = 0;
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
                    r.next();
                    streaming = r.getInt(1);
                }
                c.commit();
                state = "primary " + primary + " with " + streaming + " of " + (nodes.size() - 1) + " standbys streaming";
                if (streaming == nodes.size() - 1) {
                    log.accept("postgres serving: " + state);
                    return;
                }
            } catch (SQLException e) {
                state = e.getSQLState() + " " + e.getMessage();
            }
            for (String n : nodes) {
                if (!lab.running(n)) {
                    throw new IllegalStateException("postgres " + n + " exited during start-up; its log ends:\n" + lab.logTail(n, 30));
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("postgres not ready within " + timeoutMs + " ms: " + state);
                for (String n : nodes) {
                    sb.append("\n--- ").append(n).append(" ends:\n").append(lab.logTail(n, 10));
                }
                throw new IllegalStateException(sb.toString());
            }
            Thread.sleep(250);
        }
    }

    /** A short-lived connection to the node's own port (not through a link), read committed. */
    private Connection direct(String node) throws SQLException {
        return PostgresClient.connect(lab.nodeAddress(node) + ":" + PORT, Isolation.READ_COMMITTED, 5);
    }

    @Override
    public Client openClient(String node, Workload workload) {
        return new PostgresClient(wiring.clientLink(node, primary), isolation, workload instanceof RwRegisterWorkload);
    }

    /**
     * The node's own data for the workload: every list (list-append) or value (rw-register) by key,
     * or every balance (bank).
     */
    @Override
    public Object localRead(String node, Workload workload) throws Exception {
        try (Connection c = direct(node)) {
            if (workload instanceof BankWorkload) {
                return PostgresClient.balances(c);
            }
            boolean registers = workload instanceof RwRegisterWorkload;
            Map<String, Object> out = new TreeMap<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery(registers ? TxnSql.ALL_REGISTERS : TxnSql.ALL_LISTS)) {
                while (r.next()) {
                    out.put(r.getString(1), registers ? (Object) r.getLong(2) : TxnSql.parseList(r.getString(2)));
                }
            }
            return out;
        }
    }

    /** Serving: the primary answers, or a standby streams from it. */
    @Override
    public boolean healthy(String node) {
        try (Connection c = direct(node); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(node.equals(primary) ? "SELECT NOT pg_is_in_recovery()"
                     : "SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')")) {
            return r.next() && r.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The primary: always n1 (no failover), while it is running. */
    @Override
    public String leader() {
        return lab.running(primary) ? primary : null;
    }

    @Override
    public Map<String, String> describe(String node) {
        return describe(node, wiring.direct(node), wiring.clientLink(node, primary));
    }
}
