package dev.chaos.checker.txn;

import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written transactional histories for tests: {@code h.txn(0, append("x", 1), r("x", 1))} is one
 * committed transaction of process 0, invoked and completed before the next op.
 */
final class Txh {

    private final List<Op> ops = new ArrayList<>();

    static List<Object> append(String k, long v) {
        return Values.list("append", k, v);
    }

    static List<Object> w(String k, long v) {
        return Values.list("w", k, v);
    }

    /** A list-append read of k returning the elements, or an rw-register read with one value. */
    static List<Object> r(String k, long... elements) {
        List<Object> l = new ArrayList<>();
        for (long e : elements) {
            l.add(e);
        }
        return Values.list("r", k, l);
    }

    static List<Object> rv(String k, Long value) {
        return Values.list("r", k, value);
    }

    /** The invocation: reads not yet known. */
    @SafeVarargs
    static List<Object> invocation(List<Object>... mops) {
        List<Object> out = new ArrayList<>();
        for (List<Object> m : mops) {
            out.add(m.get(0).equals("r") ? Values.list("r", m.get(1), null) : m);
        }
        return Values.list(out.toArray());
    }

    @SafeVarargs
    final Txh txn(long process, List<Object>... mops) {
        return invoke(process, mops).complete(process, OpType.OK, mops);
    }

    @SafeVarargs
    final Txh failed(long process, List<Object>... mops) {
        return invoke(process, mops).complete(process, OpType.FAIL, mops);
    }

    @SafeVarargs
    final Txh invoke(long process, List<Object>... mops) {
        return add(process, OpType.INVOKE, invocation(mops));
    }

    @SafeVarargs
    final Txh ok(long process, List<Object>... mops) {
        return complete(process, OpType.OK, mops);
    }

    @SafeVarargs
    final Txh complete(long process, OpType type, List<Object>... mops) {
        return add(process, type, type == OpType.OK ? Values.list(Arrays.asList(mops).toArray()) : invocation(mops));
    }

    Txh add(long process, OpType type, Object value) {
        ops.add(new Op(ops.size(), ops.size() * 1000L, ProcessId.client(process), type, "txn", null, value, null, null, false));
        return this;
    }

    History build() {
        return new History(HistoryHeader.imported("test"), ops);
    }
}
