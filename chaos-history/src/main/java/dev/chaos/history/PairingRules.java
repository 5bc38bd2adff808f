package dev.chaos.history;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks, one op at a time, that client processes follow Jepsen's rules: a process runs one op at a
 * time (invoke, then exactly one completion with the same {@code f}), and a process whose op ended
 * {@code info} is retired: its later ops must come from a fresh process id. Named actors (the
 * nemesis) are exempt. Every reader and the recorder run their ops through this, so a broken history
 * is rejected at the line where it breaks.
 */
public final class PairingRules {

    private record Open(Op invoke, long line) {
    }

    private final String source;
    private final Map<ProcessId, Open> open = new HashMap<>();
    private final Map<ProcessId, Long> retiredAt = new HashMap<>();
    private final Map<ProcessId, Long> lastCompletedAt = new HashMap<>();

    public PairingRules(String source) {
        this.source = source;
    }

    /**
     * Accepts the next op, or throws naming the line.
     *
     * @param line the op's line in the source (or its index + 1 where there are no lines)
     */
    public void accept(Op op, long line) {
        if (!op.isClient()) {
            return;
        }
        ProcessId p = op.process();
        if (op.isInvoke()) {
            Open prior = open.get(p);
            if (prior != null) {
                throw new HistoryFormatException(source, line, "process " + p + " invokes " + op.f()
                        + " while its " + prior.invoke.f() + " from line " + prior.line
                        + " has no completion; a process runs one op at a time");
            }
            Long retired = retiredAt.get(p);
            if (retired != null) {
                throw new HistoryFormatException(source, line, "process " + p + " was retired by its info at line "
                        + retired + "; after an indeterminate result the client continues under a fresh process id");
            }
            open.put(p, new Open(op, line));
            return;
        }
        Open inv = open.remove(p);
        if (inv == null) {
            Long last = lastCompletedAt.get(p);
            throw new HistoryFormatException(source, line, "completion (" + op.type().wire() + " " + op.f()
                    + ") of process " + p + " without an open invoke"
                    + (last != null ? "; its last op was already completed at line " + last + " (duplicate completion?)"
                    : "; every completion follows an invoke of the same process"));
        }
        if (!inv.invoke.f().equals(op.f())) {
            throw new HistoryFormatException(source, line, "completion f '" + op.f() + "' of process " + p
                    + " does not match its invoke's f '" + inv.invoke.f() + "' at line " + inv.line);
        }
        lastCompletedAt.put(p, line);
        if (op.isInfo()) {
            retiredAt.put(p, line);
        }
    }

    /** Number of invocations still waiting for a completion (indeterminate if the history ends here). */
    public int openCount() {
        return open.size();
    }
}
