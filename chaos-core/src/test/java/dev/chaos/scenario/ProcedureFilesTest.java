package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Procedures in scenario files bind as strictly as the rest: file, line, field and reason. */
class ProcedureFilesTest {

    private final ScenarioFiles files = new ScenarioFiles(dev.chaos.checker.CheckerCatalog.names());

    private String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> files.parse(yaml, "s.yaml", "s")).getMessage();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'name: x\nprocedure:\n  - at: 5s\n    steps:\n      - actoin: stop\n' | 's.yaml:5: procedure[0].steps[0].actoin: unknown field (did you mean ''action''?)'",
        "'name: x\nprocedure:\n  - at: 5s\n    for-each-node: true\n    steps:\n      - action: reboot\n' | 's.yaml:6: procedure[0].steps[0].action: unknown action ''reboot''; known: stop, start'",
        "'name: x\nprocedure:\n  - at: 5s\n    steps:\n      - action: stop\n' | 's.yaml:5: procedure[0].steps[0].action: stop acts on a node: give the procedure for-each-node: true or nodes'",
        "'name: x\nprocedure:\n  - at: 5s\n    steps:\n      - {action: sleep}\n' | 's.yaml:5: procedure[0].steps[0]: sleep needs ''for'''",
        "'name: x\nprocedure:\n  - at: 5s\n    nodes: [n1]\n    steps:\n      - {action: stop, for: 2s}\n' | 's.yaml:6: procedure[0].steps[0].for: only sleep takes ''for'''",
        "'name: x\nprocedure:\n  - at: 5s\n    steps:\n      - {action: sleep, for: 1s, run: ls}\n' | 's.yaml:5: procedure[0].steps[0]: give either action'",
        "'name: x\nprocedure:\n  - at: 5s\n    nodes: [n7]\n    steps:\n      - run: ls\n' | 's.yaml:4: procedure[0].nodes[0]: ''n7'' is not a node of this cluster (n1..n5, leader, follower, followers)'",
        "'name: x\nprocedure:\n  - at: 5s\n    nodes: [follwers, leader]\n    steps:\n      - run: ls\n' | 's.yaml:4: procedure[0].nodes[0]: ''follwers'' is not a node of this cluster (n1..n5, leader, follower, followers)'",
        "'name: x\nprocedure:\n  - at: 5s\n    nodes: [followers, leader, followers]\n    steps:\n      - run: ls\n' | 's.yaml:4: procedure[0].nodes[2]: ''followers'' is listed twice; once names every node neither the leader nor otherwise listed'",
        "'name: x\nprocedure:\n  - at: 5s\n    nodes: [n2, followers, n2]\n    steps:\n      - run: ls\n' | 's.yaml:4: procedure[0].nodes[2]: ''n2'' is listed twice'",
        "'name: x\nprocedure:\n  - at: 5s\n    nodes: [leader, followers, leader]\n    steps:\n      - run: ls\n' | 's.yaml:4: procedure[0].nodes[2]: ''leader'' is listed twice'",
        "'name: x\nprocedure:\n  - at: 5s\n    for-each-node: true\n    nodes: [n1]\n    steps:\n      - run: ls\n' | 's.yaml:5: procedure[0].nodes: give either for-each-node: true or nodes'",
        "'name: x\nprocedure:\n  - at: 55s\n    steps:\n      - run: ls\n' | 's.yaml:3: procedure[0].at: starts at 55s, after the fault window ends at 50s'",
        "'name: x\nprocedure:\n  - at: 5s\n    steps:\n      - {run: ls, timeout: never}\n' | 's.yaml:5: procedure[0].steps[0].timeout: ''never'' is not a duration'",
        "'name: x\nprocedure:\n  - steps:\n      - run: ls\n' | 's.yaml:3: procedure[0]: missing ''at'''",
    })
    void aBadProcedureIsRejectedWithLineAndField(String yaml, String expected) {
        String m = error(yaml);
        assertTrue(m.startsWith(expected), m);
    }

    @Test
    void followersMistakesAreNamedExactly() {
        assertEquals("s.yaml:5: procedure[0].nodes[2]: 'followers' is listed twice; once names every node neither the leader"
                + " nor otherwise listed",
                error("name: x\nnodes: 3\nprocedure:\n  - at: 5s\n    nodes: [followers, leader, followers]\n    steps:\n      - run: ls\n"));
        assertEquals("s.yaml:5: procedure[0].nodes[0]: 'follwers' is not a node of this cluster (n1..n3, leader, follower, followers)",
                error("name: x\nnodes: 3\nprocedure:\n  - at: 5s\n    nodes: [follwers, leader]\n    steps:\n      - run: ls\n"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[followers, leader]", "[leader, followers]", "[n2, followers, leader]", "[follower, leader, followers]",
        "[followers, follower]", "[followers]"})
    void followersMayStandWithNodesLeaderAndFollower(String nodes) {
        Scenario s = files.parse("name: x\nprocedure:\n  - at: 5s\n    nodes: " + nodes + "\n    steps:\n      - action: stop\n",
                "s.yaml", "x");
        assertEquals(nodes, "[" + String.join(", ", s.procedure().get(0).nodes()) + "]");
    }

    @Test
    void aProcedureReadsWithItsStepsAndScalesWithTheDuration() {
        Scenario s = files.parse("name: x\nduration: 60s\nprocedure:\n  - name: upgrade\n    at: 10s\n    nodes: [n2, leader]\n"
                + "    steps:\n      - action: stop\n      - {action: sleep, for: 3s}\n      - {run: ./up.sh, timeout: 2m}\n", "s.yaml", "x");
        Procedure p = s.procedure().get(0);
        assertEquals(List.of("n2", "leader"), p.nodes());
        assertEquals(Duration.ofSeconds(3), p.steps().get(1).forTime());
        assertEquals("run", p.steps().get(2).kind());
        assertEquals(Duration.ofMinutes(2), p.steps().get(2).timeoutOrDefault());
        assertEquals(Duration.ofSeconds(60), p.steps().get(0).timeoutOrDefault());
        Scenario half = s.scaledTo(Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(5), half.procedure().get(0).at(), "at scales like the schedule");
        assertEquals(Duration.ofSeconds(3), half.procedure().get(0).steps().get(1).forTime(), "a step's own times do not");
        Scenario r = files.resolve(s, w -> List.of("stats", "set"));
        assertTrue(r.checkers().contains("procedure"), r.checkers().toString());
        assertEquals(r, files.parse(files.toYaml(r), "again.yaml", "x"));
        assertTrue(files.toYaml(r).contains("for: 3s"), files.toYaml(r));
    }
}
