package dev.chaos.targetfile;

import java.time.Duration;
import java.util.Map;

/**
 * The client of one workload, HTTP/JSON or commands: one {@link OpSpec} per operation ({@code add}, {@code read}
 * for {@code set}; {@code read}, {@code write}, {@code cas} for {@code cas-register}) and the
 * convergence probe's {@code localRead} (the node's own view, every element or register).
 *
 * @param timeout a request slower than this is abandoned: info for a write, fail for a read
 */
public record ClientSpec(String workload, Duration timeout, Map<String, OpSpec> ops, OpSpec localRead) {

    public ClientSpec {
        ops = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ops));
    }
}
