package dev.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy's /metrics text read back as per-link counters. */
class LinkCountersTest {

    @Test
    void readsEveryCounterOfEveryProxyAndSkipsTheRest() {
        String metrics = """
                # HELP chaos_proxy_bytes_total Bytes forwarded by a proxy, per direction.
                # TYPE chaos_proxy_bytes_total counter
                chaos_proxy_bytes_total{proxy="n1-to-n2-0",direction="upstream"} 100
                chaos_proxy_bytes_total{proxy="n1-to-n2-0",direction="downstream"} 200
                chaos_proxy_connections_total{proxy="n1-to-n2-0"} 3
                chaos_proxy_dropped_bytes_total{proxy="n1-to-n2-0",direction="upstream"} 7
                chaos_proxy_dropped_bytes_total{proxy="n1-to-n2-0",direction="downstream"} 9
                chaos_proxy_resets_total{proxy="n1-to-n2-0"} 2
                chaos_proxy_bytes_total{proxy="odd \\"name\\"",direction="upstream"} 5
                """;
        Map<String, LinkCounters> c = LinkCounters.parse(metrics);
        assertEquals(new LinkCounters(100, 200, 7, 9, 2), c.get("n1-to-n2-0"));
        assertEquals(new LinkCounters(5, 0, 0, 0, 0), c.get("odd \"name\""));
        assertEquals(new LinkCounters(50, 20, 7, 0, 1), c.get("n1-to-n2-0").since(new LinkCounters(50, 180, 0, 9, 1)));
    }

    @Test
    void anOlderChaosProxyWithoutDropCountersCountsAsNone() {
        assertTrue(LinkCounters.parse("chaos_proxy_bytes_total{proxy=\"a\",direction=\"upstream\"} 10\n").isEmpty());
    }

    @Test
    void aRealToxiproxysMetricsHaveNone() {
        assertTrue(LinkCounters.parse("toxiproxy_proxy_received_bytes_total{direction=\"upstream\",proxy=\"x\"} 10\n").isEmpty());
    }
}
