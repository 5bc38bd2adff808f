package dev.chaos.backend.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Node ports are drawn at random below the ephemeral range, so runs started together rarely share one. */
class LocalLabPortsTest {

    @Test
    void reservedPortsAreDistinctBoundAndBelowTheEphemeralRange() throws Exception {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                held.add(LocalLab.reservePort());
            }
            Set<Integer> ports = new TreeSet<>();
            for (ServerSocket s : held) {
                assertTrue(s.isBound());
                int p = s.getLocalPort();
                assertTrue(p >= LocalLab.PORT_FLOOR && p < LocalLab.PORT_FLOOR + LocalLab.PORT_SPAN, "port " + p);
                ports.add(p);
            }
            assertEquals(60, ports.size(), "a held port is never handed out again");
            // bind(0) would have handed out neighbours; a random draw spreads them over the range
            assertTrue(ports.stream().mapToInt(Integer::intValue).max().getAsInt()
                    - ports.stream().mapToInt(Integer::intValue).min().getAsInt() > 1000, ports.toString());
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
