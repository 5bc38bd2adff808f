package dev.chaos.targetfile;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import java.util.Map;

/**
 * One invocation of a target file's operation, ready to send over any protocol: the operation's spec,
 * its variables (the op's, then its {@code let:}), and the outcomes every file client records alike.
 * A refusal is fail (nothing was done); an unsure outcome is info for a write (it may have happened)
 * and fail for a read (a read changes nothing).
 *
 * @param op   the invocation
 * @param spec the file's operation of that name
 * @param vars its variables, {@code let:} included
 */
record OpCall(Op op, OpSpec spec, Map<String, String> vars) {

    /** The call of {@code op} on {@code node} (reached at {@code hostPort}), or null when the file has no such operation. */
    static OpCall of(ClientSpec client, Op op, String node, String hostPort, boolean serializable) {
        OpSpec o = client.ops().get(op.f());
        return o == null ? null : new OpCall(op, o, FileClient.let(o, FileClient.variables(op, node, hostPort, serializable)));
    }

    /** The completion of an op the file does not define: fail, nothing was sent. */
    static Op undefined(Op op) {
        return FileClient.complete(op, OpType.FAIL, null, "no operation '" + op.f() + "' in the target file");
    }

    /** What a write wrote (recorded with its completion); null for a read. */
    Object written() {
        return op.f().equals("read") ? null : op.value();
    }

    /** Refused: nothing was done. */
    Op fail(String error) {
        return FileClient.complete(op, OpType.FAIL, written(), error);
    }

    /** The outcome is not known: info for a write, fail for a read. */
    Op unsure(String error) {
        return FileClient.complete(op, op.f().equals("read") ? OpType.FAIL : OpType.INFO, written(), error);
    }

    /** Done, with {@code value} (a read's result, or what was written). */
    Op ok(Object value) {
        return FileClient.complete(op, OpType.OK, value, null);
    }
}
