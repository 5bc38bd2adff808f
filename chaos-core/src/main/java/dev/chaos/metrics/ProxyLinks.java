package dev.chaos.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The per-link traffic counters, read from the proxy server's own {@code /metrics} (chaos' proxy
 * publishes {@code chaos_proxy_*{proxy=...}}) and republished as {@code chaos_link_*{link=...}}, so
 * one scrape of the run shows its links. Read at scrape time, at most once a second (a faster
 * scraper gets the last reading): between scrapes the links cost nothing. Works alike for the
 * embedded proxy and the proxy container, since both are reached over their HTTP API.
 */
final class ProxyLinks {

    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final String FROM = "chaos_proxy_";
    private static final String TO = "chaos_link_";

    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private long readAt;
    private String last;
    private String lastGood;

    /** @param proxyApi the proxy's Toxiproxy API, {@code host:port} */
    ProxyLinks(String proxyApi) {
        this.metrics = URI.create("http://" + proxyApi + "/metrics");
    }

    /** The {@code chaos_link_*} families, or null when the proxy did not answer with its counters this time. */
    synchronized String read() {
        long now = System.nanoTime();
        if (last == null || now - readAt >= REFRESH_NANOS) {
            last = fetch();
            readAt = now;
            if (last != null) {
                lastGood = last;
            }
        }
        return last;
    }

    /**
     * The last counters the proxy gave, however old: after the run's proxy is gone (teardown, the
     * checkers) its links keep their final values instead of vanishing from the scrape.
     */
    synchronized String lastGood() {
        return lastGood;
    }

    private String fetch() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            String links = relabel(r.body());
            return links.isEmpty() ? null : links;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The proxy's families renamed: {@code chaos_proxy_x{proxy="l"...}} becomes {@code chaos_link_x{link="l"...}}. */
    static String relabel(String proxyMetrics) {
        StringBuilder out = new StringBuilder(proxyMetrics.length());
        for (String line : proxyMetrics.split("\n")) {
            if (line.startsWith(FROM)) {
                out.append(TO).append(line.substring(FROM.length()).replace("{proxy=\"", "{link=\"")).append('\n');
            } else if (line.startsWith("# HELP " + FROM) || line.startsWith("# TYPE " + FROM)) {
                out.append(line, 0, 7).append(TO).append(line.substring(7 + FROM.length())).append('\n');
            }
        }
        return out.toString();
    }
}
