package dev.chaos.targetfile;

import java.util.Map;

/**
 * One HTTP request of a target file, to a node's client port: {@code method}, {@code path} (from
 * {@code /}, query included), an optional body and headers, each a {@link Template}.
 */
public record HttpCall(String method, Template path, Template body, Map<String, Template> headers) {

    public HttpCall {
        headers = Map.copyOf(headers);
    }
}
