package dev.chaos.checker.linear;

import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.ArrayList;
import java.util.List;

/** Hand-written histories for tests: {@code b.invoke(0, "write", 1).ok(0, "write", 1)}. */
final class HistoryBuilder {

    private final List<Op> ops = new ArrayList<>();

    HistoryBuilder invoke(long process, String f, Object value) {
        return add(process, OpType.INVOKE, f, null, value);
    }

    HistoryBuilder invoke(long process, String f, String key, Object value) {
        return add(process, OpType.INVOKE, f, key, value);
    }

    HistoryBuilder ok(long process, String f, Object value) {
        return add(process, OpType.OK, f, null, value);
    }

    HistoryBuilder ok(long process, String f, String key, Object value) {
        return add(process, OpType.OK, f, key, value);
    }

    HistoryBuilder fail(long process, String f, Object value) {
        return add(process, OpType.FAIL, f, null, value);
    }

    HistoryBuilder info(long process, String f, Object value) {
        return add(process, OpType.INFO, f, null, value);
    }

    HistoryBuilder add(long process, OpType type, String f, String key, Object value) {
        ops.add(new Op(ops.size(), ops.size() * 1000L, ProcessId.client(process), type, f, key, Values.canonical(value),
                null, null, false));
        return this;
    }

    History build() {
        return new History(HistoryHeader.imported("test"), ops);
    }
}
