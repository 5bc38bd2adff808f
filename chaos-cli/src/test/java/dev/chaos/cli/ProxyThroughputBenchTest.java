package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `chaos bench proxy-throughput` over real loopback TCP: it echoes through the proxy and reports; bad flags exit 254. */
class ProxyThroughputBenchTest {

    private static final Pattern ROW = Pattern.compile("(?m)^(direct|proxy) +([0-9.]+) +([0-9]+) +([0-9.]+|n/a) +([0-9.]+|n/a) +([0-9]+)%$");

    @Test
    void echoesDirectAndThroughTheProxyAndPrintsBothRows() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("bench", "proxy-throughput", "--mib", "1", "--ops", "3", "--rounds", "1");
        assertEquals(0, r.exit(), r.err());
        Matcher m = ROW.matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            assertTrue(Double.parseDouble(m.group(2)) > 0, "wall time per op: " + m.group());
            assertTrue(Long.parseLong(m.group(3)) > 0, "MB/s: " + m.group());
        }
        assertEquals(2, rows, r.out());
        assertTrue(r.out().contains("at most"), "the bound the CPU time puts on wall time: " + r.out());
    }

    @Test
    void badFlagsAreUsageErrors() {
        CheckCommandTest.Run zero = CheckCommandTest.chaos("bench", "proxy-throughput", "--ops", "0");
        assertEquals(254, zero.exit());
        assertTrue(zero.err().contains("--ops"), zero.err());
        CheckCommandTest.Run via = CheckCommandTest.chaos("bench", "proxy-throughput", "--via", "127.0.0.1:http");
        assertEquals(254, via.exit());
        assertTrue(via.err().contains("--via 127.0.0.1:http: expected HOST:PORT"), via.err());
    }
}
