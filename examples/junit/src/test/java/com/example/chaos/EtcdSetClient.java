package com.example.chaos;

import dev.chaos.api.SetClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our own set client for etcd, over its v3 HTTP/JSON gateway: element e of set key k is the etcd key
 * {@code set/k/e}. An add is a put (it returns once etcd committed it); a read of a key is a
 * linearizable range over its prefix; readAll is a serializable range over every set, the member's
 * own state, for the convergence probe.
 */
final class EtcdSetClient implements SetClient {

    private static final Pattern KEY = Pattern.compile("\"key\":\"([A-Za-z0-9+/=]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    EtcdSetClient(String address) {
        this.base = "http://" + address + "/v3/kv/";
    }

    @Override
    public void add(String key, long element) throws IOException, InterruptedException {
        call("put", "{\"key\":\"" + b64("set/" + key + "/" + element) + "\",\"value\":\"\"}");
    }

    @Override
    public List<Long> read(String key) throws IOException, InterruptedException {
        return range("set/" + key + "/", false);
    }

    @Override
    public List<Long> readAll() throws IOException, InterruptedException {
        return range("set/", true);
    }

    /** Ready: the member's /health says it is part of a cluster with a leader. */
    static boolean healthy(String address) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"health\":\"true\"");
        }
    }

    private List<Long> range(String prefix, boolean serializable) throws IOException, InterruptedException {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++; // the range [prefix, prefix with its last byte + 1) is every key under it
        String body = call("range", "{\"key\":\"" + b64(prefix) + "\",\"range_end\":\"" + Base64.getEncoder().encodeToString(end)
                + "\",\"keys_only\":true,\"serializable\":" + serializable + "}");
        List<Long> elements = new ArrayList<>();
        Matcher m = KEY.matcher(body);
        while (m.find()) {
            String k = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            elements.add(Long.parseLong(k.substring(k.lastIndexOf('/') + 1)));
        }
        return elements;
    }

    private String call(String op, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + op)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
            throw new IOException("etcd " + op + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        http.close();
    }
}
