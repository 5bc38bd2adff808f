package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** `chaos clean`'s flags; what it removes is shown by LocalLeftoversTest, DockerCleanerIT and the cleanup runbook. */
class CleanCommandTest {

    @Test
    void atMostOneScope() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("clean", "--all", "--local");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("give at most one of --run, --all and --local"), r.err());
    }

    @Test
    void localOnlyNeverAsksDocker() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("clean", "--local");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*chaos clean: stopped \\d+ local servers of dead runs\\s*"), r.out());
        assertTrue(!r.out().contains("containers"), "no Docker step: " + r.out());
    }
}
