package dev.chaos.targetfile;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A question asked of one node: is it ready, is it the leader. One of: its client port accepts a TCP
 * connection ({@code tcp}); an HTTP request answers with one of {@code status} (and its JSON passes
 * {@code check}); or a command run in the node's container exits 0.
 *
 * @param timeout how long readiness may take in all (readiness only)
 */
public record Probe(Kind kind, HttpCall http, Set<Integer> status, Check check, List<Template> command, Duration timeout) {

    public enum Kind { TCP, HTTP, COMMAND }
}
