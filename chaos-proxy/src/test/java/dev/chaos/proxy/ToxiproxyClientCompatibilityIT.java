package dev.chaos.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The toxiproxy-java client, unchanged, against chaos' proxy server: every operation, values read back. */
class ToxiproxyClientCompatibilityIT {

    ProxyServer server;
    EchoServer echo;
    ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        server = ProxyServer.start("127.0.0.1:0");
        echo = new EchoServer();
        String[] api = server.apiAddress().split(":");
        client = new ToxiproxyClient(api[0], Integer.parseInt(api[1]));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    @Test
    void proxiesCreateGetListDisableEnableDelete() throws IOException {
        Proxy p = client.createProxy("n1-to-n2-2888", "127.0.0.1:0", echo.address());
        assertEquals("n1-to-n2-2888", p.getName());
        assertTrue(p.getListen().matches("127\\.0\\.0\\.1:\\d+") && !p.getListen().endsWith(":0"), p.getListen());
        assertEquals(echo.address(), p.getUpstream());
        assertTrue(p.isEnabled());
        assertEquals(p.getListen(), client.getProxy("n1-to-n2-2888").getListen());
        assertEquals(1, client.getProxies().size());
        p.disable();
        assertFalse(client.getProxy("n1-to-n2-2888").isEnabled());
        p.enable();
        assertTrue(client.getProxy("n1-to-n2-2888").isEnabled());
        p.setUpstream("127.0.0.1:1");
        assertEquals("127.0.0.1:1", client.getProxy("n1-to-n2-2888").getUpstream());
        IOException dup = assertThrows(IOException.class, () -> client.createProxy("n1-to-n2-2888", "127.0.0.1:0", echo.address()));
        assertTrue(dup.getMessage().contains("409") || dup.getMessage().contains("already exists"), dup.getMessage());
        p.delete();
        assertNull(client.getProxyOrNull("n1-to-n2-2888"));
        assertEquals(0, client.getProxies().size());
    }

    @Test
    void everyToxicCreateUpdateDeleteReadsBackEqual() throws IOException {
        Proxy p = client.createProxy("link", "127.0.0.1:0", echo.address());
        Latency lat = p.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 100).setJitter(7);
        assertEquals(100, p.toxics().get("lat", Latency.class).getLatency());
        assertEquals(7, p.toxics().get("lat", Latency.class).getJitter());
        lat.setLatency(55);
        assertEquals(55, p.toxics().get("lat", Latency.class).getLatency());
        assertEquals(7, p.toxics().get("lat", Latency.class).getJitter(), "an update keeps the other attributes");
        lat.setToxicity(0.5f);
        assertEquals(0.5f, p.toxics().get("lat").getToxicity(), 1e-6);
        assertEquals(ToxicDirection.DOWNSTREAM, p.toxics().get("lat").getStream());

        p.toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 1000).setRate(2000);
        assertEquals(2000, p.toxics().get("bw", Bandwidth.class).getRate());
        p.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 10).setDelay(20);
        assertEquals(20, p.toxics().get("sc", SlowClose.class).getDelay());
        p.toxics().timeout("to", ToxicDirection.UPSTREAM, 0).setTimeout(5000);
        assertEquals(5000, p.toxics().get("to", Timeout.class).getTimeout());
        p.toxics().resetPeer("rp", ToxicDirection.UPSTREAM, 100000).setTimeout(200000);
        assertEquals(200000, p.toxics().get("rp", ResetPeer.class).getTimeout());
        p.toxics().slicer("sl", ToxicDirection.DOWNSTREAM, 100, 10).setDelay(5).setSizeVariation(20).setAverageSize(64);
        Slicer sl = p.toxics().get("sl", Slicer.class);
        assertEquals(64, sl.getAverageSize());
        assertEquals(20, sl.getSizeVariation());
        assertEquals(5, sl.getDelay());
        p.toxics().limitData("ld", ToxicDirection.DOWNSTREAM, 1000).setBytes(2000);
        assertEquals(2000, p.toxics().get("ld", LimitData.class).getBytes());
        assertEquals(7, p.toxics().getAll().size());
        assertThrows(IOException.class, () -> p.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1), "duplicate name: 409");

        p.toxics().get("lat").remove();
        assertEquals(6, p.toxics().getAll().size());
        client.reset();
        assertEquals(0, client.getProxy("link").toxics().getAll().size(), "reset removes every toxic");
        assertTrue(client.getProxy("link").isEnabled());
    }

    @Test
    void versionAndErrorBodiesAreToxiproxys() throws Exception {
        assertEquals(ProxyServer.VERSION, client.version());
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://" + server.apiAddress();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/proxies/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"proxy nope not found\",\"status\":404}", missing.body());
        HttpResponse<String> badType = http.send(HttpRequest.newBuilder(URI.create(base + "/proxies")).POST(
                HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"upstream\":\"" + echo.address() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, badType.statusCode());
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/proxies/x/toxics")).POST(
                HttpRequest.BodyPublishers.ofString("{\"type\":\"earthquake\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("invalid toxic type: earthquake"), bad.body());
        HttpResponse<String> populate = http.send(HttpRequest.newBuilder(URI.create(base + "/populate")).POST(
                HttpRequest.BodyPublishers.ofString("[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address()
                        + "\"},{\"name\":\"x\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, populate.statusCode());
        assertTrue(populate.body().startsWith("{\"proxies\":[{\"name\":\"a\""), populate.body());
        assertFalse(client.getProxy("x").isEnabled(), "populate updates an existing proxy");
        assertEquals("127.0.0.1:9", client.getProxy("x").getUpstream());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("chaos_proxy_bytes_total{proxy=\"a\",direction=\"upstream\"} 0"), metrics.body());
    }
}
