package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad `chaos run` options are rejected with 254 and the option named, before anything starts. */
class RunOptionsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--nodes, 12, '--nodes: 12 is outside 3..9'",
        "--nodes, 2, '--nodes: 2 is outside 3..9'",
        "--rate, 0, '--rate: 0.0 must be > 0'",
        "--concurrency, 0, '--concurrency: 0 is outside 1..1000'",
        "--duration, 5s, '--duration: at least 10s'",
        "--duration, soon, '--duration: ''soon'' is not a duration'",
        "--workload, queue, '--workload: ''queue'' is not one of set, cas-register, kv'",
        "--target, mysql, '--target: unknown target ''mysql''; found: etcd, '",
        "--backend, kubernetes, '--backend: unknown backend ''kubernetes''; found: docker, local'",
        "--nemesis-interval, 10ms, '--nemesis-interval: at least 500ms'",
    })
    void badValuesAreRejectedBeforeAnythingStarts(String option, String value, String message) {
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", "clean-split", option, value, "--out", out.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(254, exit, err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(Files.exists(out), "nothing was started or written");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"nope", "split"})
    void unknownScenarioIsNamedWithTheKnownOnes(String scenario) {
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", scenario, "--out", tmp.resolve("r").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(254, exit);
        assertTrue(err.toString().contains("unknown scenario '" + scenario + "'; known: clean-split, asymmetric"), err.toString());
    }

    /** etcd (Go) reads the time past libfaketime and Redis hangs under it: a clock fault on either is refused up front. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"etcd", "redis"})
    void aClockFaultOnATargetWhoseClockCannotBeSetIsRefusedBeforeAnythingStarts(String target) {
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", "clock-skew", "--target", target, "--out", out.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(254, exit, err.toString());
        assertTrue(err.toString().contains("scenario 'clock-skew' uses fault 'clock-skew', which needs clock, but target " + target
                + " can only "), err.toString());
        assertFalse(Files.exists(out), "nothing was started or written");
    }

    @org.junit.jupiter.api.Test
    void aScenarioFileWithATypoIsRejectedWithItsLineBeforeAnythingStarts() throws Exception {
        Path file = tmp.resolve("mine.yaml");
        Files.writeString(file, "name: mine\nworkload: set\ndurration: 60s\n");
        StringWriter err = new StringWriter();
        Path out = tmp.resolve("run");
        int exit = Main.execute(new String[] {"run", file.toString(), "--out", out.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(254, exit, err.toString());
        assertTrue(err.toString().startsWith("chaos: " + file + ":3: durration: unknown field (did you mean 'duration'?)"), err.toString());
        assertFalse(Files.exists(out), "nothing was started or written");
    }

    @org.junit.jupiter.api.Test
    void scenariosListsEveryBuiltinAndShowPrintsAFileThatRunsTheSame() throws Exception {
        StringWriter list = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"scenarios"}, new PrintWriter(list, true), new PrintWriter(new StringWriter(), true)));
        for (String name : dev.chaos.scenario.ScenarioFiles.BUILTIN) {
            assertTrue(list.toString().lines().anyMatch(l -> l.startsWith(name + " ")), name + " in " + list);
        }
        StringWriter shown = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"scenarios", "show", "cascading", "--seed", "9"}, new PrintWriter(shown, true),
                new PrintWriter(new StringWriter(), true)));
        Path saved = tmp.resolve("cascading.yaml");
        Files.writeString(saved, shown.toString());
        StringWriter again = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"scenarios", "show", saved.toString()}, new PrintWriter(again, true),
                new PrintWriter(new StringWriter(), true)));
        assertEquals(shown.toString(), again.toString());
        assertTrue(shown.toString().contains("seed: 9"), shown.toString());
    }
}
