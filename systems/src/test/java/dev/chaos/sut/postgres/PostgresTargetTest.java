package dev.chaos.sut.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Targets;
import dev.chaos.workload.Isolation;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the postgres target claims before anything starts: where it runs, what it can do, what it promises. */
class PostgresTargetTest {

    private final PostgresTarget pg = new PostgresTarget();

    @Test
    void itIsFoundByNameAndRunsTheTransactionalWorkloadsOnDocker() {
        assertTrue(Targets.named("postgres").isPresent(), "a ServiceLoader provider");
        assertEquals(List.of("docker"), pg.backends());
        assertEquals(List.of("list-append", "rw-register", "bank"), pg.workloads());
        assertEquals(EnumSet.complementOf(EnumSet.of(Capability.MEMBERSHIP, Capability.CLOCK, Capability.METRICS)), pg.capabilities("docker"),
                "the primary is the leader; kill, pause, stop-start and wipe through the lab; health from pg_stat_wal_receiver");
    }

    @Test
    void eachLevelIsJudgedByWhatPostgresDocumentsForIt() {
        assertEquals("serializable", pg.consistency(Isolation.SERIALIZABLE));
        assertEquals("snapshot-isolation", pg.consistency(Isolation.REPEATABLE_READ), "PostgreSQL's repeatable read is SI");
        assertEquals("read-committed", pg.consistency(Isolation.READ_COMMITTED));
    }

    @Test
    void aStandbyCopiesThePrimaryThroughItsOwnLinkAndThePrimaryInitialisesOnce() {
        String standby = String.join(" ", PostgresCluster.spec("n2", "n1").entrypoint());
        assertTrue(standby.contains("pg_basebackup -h n1 -p 5432 -U postgres -D " + PostgresCluster.DATA + " -R"), standby);
        assertTrue(standby.contains("if [ ! -s " + PostgresCluster.DATA + "/PG_VERSION ]"), "a restart keeps its data: " + standby);
        String primary = String.join(" ", PostgresCluster.spec("n1", "n1").entrypoint());
        assertTrue(primary.contains("initdb") && !primary.contains("pg_basebackup"), primary);
        assertTrue(PostgresCluster.spec("n1", "n1").env().get("PG_CONF").contains("wal_level = replica"));
    }
}
