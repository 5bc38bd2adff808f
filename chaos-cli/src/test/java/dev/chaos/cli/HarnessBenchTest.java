package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `chaos bench harness` runs the real runner against the no-op target and reports what reached the history. */
class HarnessBenchTest {

    @Test
    void recordsEveryCallAndReportsTheRateMade() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("bench", "harness", "--rate", "2000", "--concurrency", "8", "--seconds", "2");
        assertEquals(0, r.exit(), r.err());
        Matcher calls = Pattern.compile("(?m)^client calls in the history +([0-9]+)$").matcher(r.out());
        Matcher lines = Pattern.compile("(?m)^history lines +([0-9]+)$").matcher(r.out());
        assertTrue(calls.find() && lines.find(), r.out());
        long n = Long.parseLong(calls.group(1));
        // 2 s at 2000/s: the slots of the client phase, each one call, whatever the machine's load
        assertTrue(n >= 3600 && n <= 4400, "calls: " + n + "\n" + r.out());
        assertTrue(Long.parseLong(lines.group(1)) >= 2 * n, "every call is an invoke and a completion line: " + r.out());
        assertTrue(r.out().contains("limit: "), r.out());
    }

    @Test
    void badFlagsAreUsageErrors() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("bench", "harness", "--rate", "0");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("--rate"), r.err());
    }
}
