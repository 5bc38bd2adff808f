package dev.chaos.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole history: its header and its ops in index order. Ops are validated as they are read or
 * recorded (see {@link PairingRules}), so a History always pairs cleanly.
 */
public record History(HistoryHeader header, List<Op> ops) {

    public History {
        ops = List.copyOf(ops);
    }

    public int size() {
        return ops.size();
    }

    /**
     * The client operations, one per invocation, in invocation order. Nemesis and other named
     * actors' events are not calls; see {@link #nemesisOps()}.
     */
    public List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        Map<ProcessId, Integer> open = new HashMap<>();
        List<Op> invokes = new ArrayList<>();
        List<Op> completions = new ArrayList<>();
        for (Op op : ops) {
            if (!op.isClient()) {
                continue;
            }
            if (op.isInvoke()) {
                open.put(op.process(), invokes.size());
                invokes.add(op);
                completions.add(null);
            } else {
                Integer at = open.remove(op.process());
                if (at != null) {
                    completions.set(at, op);
                }
            }
        }
        for (int i = 0; i < invokes.size(); i++) {
            calls.add(new Call(invokes.get(i), completions.get(i)));
        }
        return Collections.unmodifiableList(calls);
    }

    /** Events of named actors (the nemesis), in order. */
    public List<Op> nemesisOps() {
        return ops.stream().filter(op -> !op.isClient()).toList();
    }
}
