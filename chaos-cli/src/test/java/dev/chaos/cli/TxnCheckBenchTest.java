package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `chaos bench txn-check` prints one row per size: valid generated histories, and G-single ones with --stale. */
class TxnCheckBenchTest {

    private static final Pattern ROW = Pattern.compile("(?m)^([0-9]+) +([0-9]+) +([0-9]+) ms +([0-9]+) +[0-9]+ ms +[0-9]+ ms +[0-9]+ MiB +[0-9]+ MiB +[0-9]+ MiB +(VALID|INVALID|UNKNOWN) (.*)$");

    @Test
    void aStrictSerializableHistoryChecksValid() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("bench", "txn-check", "--txns", "2000,4000");
        assertEquals(0, r.exit(), r.err());
        Matcher m = ROW.matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            assertEquals("VALID", m.group(5), m.group());
            assertEquals("[]", m.group(6), m.group());
            assertTrue(Long.parseLong(m.group(2)) >= 2 * Long.parseLong(m.group(1)), m.group());
        }
        assertEquals(2, rows, r.out());
    }

    @Test
    void staleReadsMakeCycles() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("bench", "txn-check", "--txns", "2000", "--stale", "0.05");
        Matcher m = ROW.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals("INVALID", m.group(5), m.group());
        assertTrue(m.group(6).contains("G-single"), m.group());
    }

    @Test
    void badSizesAreUsageErrors() {
        assertEquals(254, CheckCommandTest.chaos("bench", "txn-check", "--txns", "5").exit());
    }
}
