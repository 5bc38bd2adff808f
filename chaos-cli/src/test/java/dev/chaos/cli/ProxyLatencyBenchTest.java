package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `chaos bench proxy-latency` over real loopback TCP: one row per size and latency, each adding about the latency once. */
class ProxyLatencyBenchTest {

    private static final Pattern ROW =
            Pattern.compile("(?m)^(one chunk|many chunks), [^ ]+ [^ ]+ +([0-9]+) ms +([0-9.]+) ms +([0-9.]+) ms +([0-9.]+) ms +([0-9.]+)$");

    @Test
    void printsTheAddedDelayOfOneAndManyChunks() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("bench", "proxy-latency", "--latency", "100", "--large", "262144", "--samples", "3");
        assertEquals(0, r.exit(), r.err());
        Matcher m = ROW.matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            assertEquals(100, Long.parseLong(m.group(2)), m.group());
            double addedP50 = Double.parseDouble(m.group(4));
            // 256 KiB is 8 or more chunks: 800 ms if the latency were paid per chunk
            assertTrue(addedP50 >= 95 && addedP50 < 180, "added p50: " + m.group());
        }
        assertEquals(2, rows, r.out());
    }

    @Test
    void badFlagsAreUsageErrors() {
        CheckCommandTest.Run zero = CheckCommandTest.chaos("bench", "proxy-latency", "--samples", "0");
        assertEquals(254, zero.exit());
        assertTrue(zero.err().contains("--samples"), zero.err());
    }
}
