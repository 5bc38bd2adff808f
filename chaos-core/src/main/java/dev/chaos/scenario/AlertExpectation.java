package dev.chaos.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One alert that must fire: {@code alert} (the rule's name) within {@code within} of the start of
 * every occurrence of the fault {@code during}.
 *
 * @param alert  the alerting rule's name, e.g. {@code EtcdNoLeader}
 * @param during a fault kind of the schedule ({@code isolate-leader}, {@code kill}, ...) or a kind as
 *               the history records it ({@code partition}, {@code procedure}); every partition kind
 *               is recorded as {@code partition}, so {@code isolate-leader} means any partition
 * @param within the deadline from the fault's start
 */
public record AlertExpectation(String alert, String during, Duration within) {

    /** What {@code during} may name besides the fault kinds: the kinds as recorded. */
    public static final List<String> RECORDED_ONLY = List.of("partition", "procedure");

    /** The fault as the history's nemesis ops name it ({@code start-partition}, {@code start-kill}): {@code partition}, {@code kill}. */
    public String recordedKind() {
        return recordedKind(during);
    }

    /** {@code kind} as the history records it: a partition kind as {@code partition}, any other as itself. */
    public static String recordedKind(String kind) {
        FaultKind k = FaultKind.of(kind);
        return k != null && k.family() == FaultKind.Family.PARTITION ? "partition" : kind;
    }
}
