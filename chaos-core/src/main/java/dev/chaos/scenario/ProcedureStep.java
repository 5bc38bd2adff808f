package dev.chaos.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One step of a {@link Procedure}: a built-in action on the current node, or a shell command.
 * Exactly one of {@code action} and {@code run} is given.
 *
 * @param action  {@code stop} (graceful), {@code start}, {@code kill}, {@code wipe} (delete the stopped
 *                node's data), {@code remove-member} (take the node out of the membership and stop it),
 *                {@code add-member} (add it back as a new, empty member and start it; a spare node,
 *                see {@link SpareNodes}, joins for the first time), {@code decommission} (take the node
 *                out of service for good: clients move off it, it leaves the membership, stops, and its
 *                data is deleted),
 *                {@code wait-healthy} (until the target says the node serves),
 *                {@code wait-caught-up} (healthy, and its own read holds what another node held when
 *                the wait began), or {@code sleep}
 * @param run     a shell command ({@code sh -c}); it gets the nodes as {@code CHAOS_*} environment variables
 * @param forTime {@code sleep} only: how long (written {@code for:} in files)
 * @param timeout the step fails when it takes longer; default {@link #DEFAULT_TIMEOUT}
 */
public record ProcedureStep(String action, String run, Duration forTime, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Actions that act on one node, so the procedure must name nodes ({@code for-each-node} or {@code nodes}). */
    public static final List<String> NODE_ACTIONS = List.of("stop", "start", "kill", "wipe", "remove-member", "add-member",
            "decommission", "wait-healthy", "wait-caught-up");

    /** Every built-in action. */
    public static final List<String> ACTIONS = List.of("stop", "start", "kill", "wipe", "remove-member", "add-member",
            "decommission", "wait-healthy", "wait-caught-up", "sleep");

    /** What the history calls this step: the action, or {@code run}. */
    public String kind() {
        return run != null ? "run" : action;
    }

    public Duration timeoutOrDefault() {
        return timeout != null ? timeout : DEFAULT_TIMEOUT;
    }
}
