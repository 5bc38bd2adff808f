package dev.chaos.targetfile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Sends one {@link HttpCall} to a node, its templates filled in: the one place a target file's request is made. */
final class Http {

    private Http() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code hostPort}: the node's client link (workload clients) or its own address (probes). */
    static HttpResponse<String> send(HttpClient http, String hostPort, HttpCall call, Map<String, String> vars, Duration timeout)
            throws IOException, InterruptedException {
        String body = call.body() == null ? null : call.body().render(vars);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + hostPort + call.path().render(vars))).timeout(timeout)
                .method(call.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !call.headers().containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        call.headers().forEach((k, v) -> b.header(k, v.render(vars)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
