package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.workload.Isolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario's isolation level: named strictly, only for transactional workloads, serializable by default. */
class IsolationFilesTest {

    private final ScenarioFiles files = new ScenarioFiles(List.of("stats", "list-append", "set", "fault-effect"));

    private Scenario resolve(Scenario s) {
        return files.resolve(s, w -> List.of("stats", w.equals("set") ? "set" : "list-append"));
    }

    private String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> files.parse(yaml, "s.yaml", "s")).getMessage();
    }

    @Test
    void anUnknownLevelIsNamedWithItsLineAndTheLevelsThereAre() {
        assertEquals("s.yaml:3: isolation: 'snapshot' is not one of serializable, repeatable-read, read-committed",
                error("name: x\nworkload: list-append\nisolation: snapshot\n"));
    }

    @Test
    void aWorkloadWithoutTransactionsTakesNoLevel() {
        assertEquals("s.yaml:3: isolation: workload set has no transactions; isolation applies to list-append, rw-register, bank",
                error("name: x\nworkload: set\nisolation: serializable\n"));
        String m = assertThrows(ScenarioException.class,
                () -> resolve(files.parse("name: x\nisolation: read-committed\n", "s.yaml", "s"))).getMessage();
        assertTrue(m.startsWith("scenario x: isolation: workload set has no transactions"), m);
    }

    @Test
    void transactionsAreSerializableUnlessTheFileSaysOtherwiseAndOtherWorkloadsHaveNoLevel() {
        Scenario plain = resolve(files.parse("name: x\nworkload: list-append\n", "s.yaml", "s"));
        assertEquals("serializable", plain.isolation());
        assertEquals(Isolation.SERIALIZABLE, plain.isolationLevel());
        Scenario rc = resolve(files.parse("name: x\nworkload: list-append\nisolation: read-committed\n", "s.yaml", "s"));
        assertEquals(Isolation.READ_COMMITTED, rc.isolationLevel());
        assertNull(resolve(files.parse("name: x\n", "s.yaml", "s")).isolation());
    }

    @Test
    void theLevelSurvivesShowAndScaling() {
        Scenario s = resolve(files.builtin("txn-repeatable-read"));
        assertEquals("repeatable-read", s.isolation());
        String yaml = files.toYaml(s);
        assertTrue(yaml.contains("isolation: repeatable-read"), yaml);
        assertEquals(s, resolve(files.parse(yaml, "shown.yaml", "shown")));
        assertEquals("repeatable-read", s.scaledTo(java.time.Duration.ofSeconds(20)).isolation());
    }

    @Test
    void everyTransactionalBuiltinAsksForTheLevelItIsNamedFor() {
        for (Isolation i : Isolation.values()) {
            Scenario s = resolve(files.builtin("txn-" + i.id()));
            assertEquals(i, s.isolationLevel(), s.name());
            assertEquals("list-append", s.workload());
        }
    }
}
