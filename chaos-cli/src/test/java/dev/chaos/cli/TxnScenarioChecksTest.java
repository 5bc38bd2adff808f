package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chaos.checker.CheckOptions;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioFiles;
import org.junit.jupiter.api.Test;

/** A transactional run is judged, by chaos run, check and report alike, against what its target promises at its level. */
class TxnScenarioChecksTest {

    private static final ScenarioFiles FILES = new ScenarioFiles(dev.chaos.checker.CheckerCatalog.names());

    private static String claimed(String scenario, String target, CheckOptions given) {
        Scenario s = FILES.builtin(scenario);
        return ScenarioChecks.of(s, target).options(given).consistency();
    }

    @Test
    void postgresRepeatableReadIsJudgedAsSnapshotIsolation() {
        assertEquals("snapshot-isolation", claimed("txn-repeatable-read", "postgres", CheckOptions.defaults()));
        assertEquals("serializable", claimed("txn-serializable", "postgres", CheckOptions.defaults()));
        assertEquals("read-committed", claimed("txn-read-committed", "postgres", CheckOptions.defaults()));
    }

    @Test
    void withoutATargetTheLevelIsItsOwnClaimAndAGivenModelWins() {
        assertEquals("repeatable-read", claimed("txn-repeatable-read", null, CheckOptions.defaults()));
        assertEquals("repeatable-read", claimed("txn-repeatable-read", "no-such-target", CheckOptions.defaults()));
        assertEquals("strict-serializable",
                claimed("txn-repeatable-read", "postgres", CheckOptions.defaults().withConsistency("strict-serializable")));
    }

    @Test
    void workloadsWithoutTransactionsClaimNothing() {
        assertNull(claimed("clean-split", "zookeeper", CheckOptions.defaults()));
    }
}
