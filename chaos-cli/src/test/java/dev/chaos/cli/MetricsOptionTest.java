package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code chaos run --metrics}: a bad address is a usage error (254), a taken port a set-up error (255), both before anything starts. */
class MetricsOptionTest {

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String metrics) {
        return Main.execute(new String[] {"run", "clean-split", "--metrics", metrics, "--out", tmp.resolve("run").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "9400            | --metrics: '9400' is not HOST:PORT; write HOST:PORT, e.g. 127.0.0.1:9400 (port 0 picks a free one)",
        "localhost:99999 | --metrics: 'localhost:99999': port 99999 is outside 0..65535",
    })
    void aBadAddressIsAUsageErrorNamingTheOptionAndTheFix(String value, String message) {
        assertEquals(254, run(value), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(Files.exists(tmp.resolve("run")), "nothing was started or written");
    }

    @Test
    void aPortInUseIsASetupErrorBeforeTheClusterStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(255, run("127.0.0.1:" + taken.getLocalPort()), err.toString());
            assertTrue(err.toString().contains("chaos: --metrics: cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()), err.toString());
            assertTrue(err.toString().contains("give another port (0 picks a free one)"), err.toString());
            assertFalse(Files.exists(tmp.resolve("run")), "no cluster was started, no run directory made");
        }
    }
}
