package dev.chaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint over real HTTP on loopback: what it serves, where, and how a bad address is refused. */
class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void portZeroPicksAPortAndMetricsAreServedThereInTextFormat004() throws Exception {
        try (MetricsServer s = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), () -> "# TYPE x gauge\nx 1\n")) {
            assertTrue(s.address().getPort() > 0);
            HttpResponse<String> r = get(s.url());
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("# TYPE x gauge\nx 1\n", r.body());
            assertEquals(404, get(s.url().replace("/metrics", "/")).statusCode());
        }
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        try (MetricsServer first = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), () -> "")) {
            MetricsServer.BindFailed e = assertThrows(MetricsServer.BindFailed.class,
                    () -> MetricsServer.start(first.address(), () -> ""));
            assertTrue(e.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + first.address().getPort()), e.getMessage());
            assertTrue(e.getMessage().contains("give another port"), e.getMessage());
        }
    }

    @Test
    void closingFreesThePort() throws Exception {
        MetricsServer s = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), () -> "");
        InetSocketAddress a = s.address();
        s.close();
        MetricsServer.start(a, () -> "").close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9400             | is not HOST:PORT",
        "127.0.0.1:       | is not HOST:PORT",
        "127.0.0.1:http   | port 'http' is not a number",
        "127.0.0.1:70000  | port 70000 is outside 0..65535",
        "::1:9400         | put an IPv6 host in brackets",
    })
    void aBadAddressSaysWhatIsWrongAndHowToWriteIt(String text, String expected) {
        String m = assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress(text)).getMessage();
        assertTrue(m.contains(expected), m);
    }

    @Test
    void goodAddressesParse() {
        assertEquals(new InetSocketAddress("127.0.0.1", 9400), MetricsServer.parseAddress("127.0.0.1:9400"));
        assertEquals(0, MetricsServer.parseAddress("[::1]:0").getPort());
    }
}
