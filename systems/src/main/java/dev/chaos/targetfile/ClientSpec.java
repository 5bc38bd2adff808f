package dev.chaos.targetfile;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The client of one workload, in one {@link Protocol}: one {@link OpSpec} per operation ({@code add},
 * {@code read} for {@code set}; {@code read}, {@code write}, {@code cas} for {@code cas-register}) and
 * the convergence probe's {@code localRead} (the node's own view, every element or register).
 *
 * @param timeout    a request slower than this is abandoned: info for a write, fail for a read
 * @param jdbc       the connection of a JDBC client; null for the other protocols
 * @param failErrors error replies meaning surely not done: RESP error codes ({@code READONLY}), or
 *                   for JDBC SQLStates and SQLState classes beyond {@link SqlOutcome#BUILT_IN}
 * @param failCodes  JDBC vendor error codes meaning surely not done (MariaDB's 1047)
 */
public record ClientSpec(String workload, Protocol protocol, Duration timeout, Map<String, OpSpec> ops, OpSpec localRead,
                         JdbcSpec jdbc, Set<String> failErrors, Set<Integer> failCodes) {

    public ClientSpec {
        ops = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ops));
        failErrors = Set.copyOf(failErrors);
        failCodes = Set.copyOf(failCodes);
    }
}
