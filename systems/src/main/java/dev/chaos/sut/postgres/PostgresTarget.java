package dev.chaos.sut.postgres;

import dev.chaos.backend.docker.ContainerTarget;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.TargetContext;
import dev.chaos.workload.Isolation;
import java.util.List;

/**
 * PostgreSQL (Debian's postgresql-15) in containers: a primary and asynchronous streaming standbys;
 * the transactional workloads at the scenario's isolation level, over JDBC.
 */
public final class PostgresTarget extends ContainerTarget {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String description() {
        return "PostgreSQL 15 (Debian's package): a primary and async streaming standbys, transactions over JDBC at the scenario's isolation";
    }

    @Override
    public List<String> workloads() {
        return List.of("list-append", "rw-register", "bank");
    }

    /**
     * PostgreSQL's documented levels: serializable is serializable (SSI); repeatable read is snapshot
     * isolation (no lost update, no read skew, but write skew); read committed is read committed.
     */
    @Override
    public String consistency(Isolation isolation) {
        return switch (isolation) {
            case SERIALIZABLE -> "serializable";
            case REPEATABLE_READ -> "snapshot-isolation";
            case READ_COMMITTED -> "read-committed";
        };
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return PostgresCluster.class;
    }

    @Override
    protected Cluster start(TargetContext context, DockerLab lab) throws Exception {
        return PostgresCluster.start(context, lab);
    }
}
