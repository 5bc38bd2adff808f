package dev.chaos.checker.txn;

import dev.chaos.history.Call;
import dev.chaos.history.History;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import dev.chaos.history.Op;
import java.util.List;

/**
 * The {@code txn} calls of a history as {@link Txn}s, with every malformed micro-op named by the
 * op's index (a checker reports them and answers unknown rather than guess).
 *
 * @param txns     every transaction, in invocation order ({@code txns.get(i).id() == i})
 * @param problems what could not be read, one line each
 */
public record Txns(List<Txn> txns, List<String> problems) {

    static final int MAX_PROBLEMS = 20;

    public static Txns of(History history) {
        List<Op> invokes = new ArrayList<>();
        List<Op> completions = new ArrayList<>();
        HashMap<Long, Integer> open = new HashMap<>();
        for (Op op : history.ops()) {
            if (!op.isClient() || !op.f().equals("txn")) {
                continue;
            }
            Long process = op.process().number();
            if (op.isInvoke()) {
                open.put(process, invokes.size());
                invokes.add(op);
                completions.add(null);
            } else {
                Integer at = open.remove(process);
                if (at != null) {
                    completions.set(at, op);
                }
            }
        }
        List<Txn> txns = new ArrayList<>(invokes.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < invokes.size(); i++) {
            Call c = new Call(invokes.get(i), completions.get(i));
            if (c.invoke().isFinal()) {
                continue;
            }
            Txn.Status status = c.isOk() ? Txn.Status.OK : c.isFail() ? Txn.Status.FAIL : Txn.Status.INFO;
            boolean result = c.isOk() && c.completion().value() instanceof List;
            List<MicroOp> ops = parse(result ? c.completion().value() : c.invoke().value(),
                    result ? c.completion().index() : c.invoke().index(), problems);
            txns.add(new Txn(txns.size(), c, ops, status));
        }
        return new Txns(Collections.unmodifiableList(txns), problems);
    }

    /** Whether any transaction has a micro-op with this function ({@code append}, {@code w}). */
    public static boolean uses(History history, String f) {
        for (var op : history.ops()) {
            if (op.isClient() && op.f().equals("txn") && op.value() instanceof List<?> l) {
                for (Object m : l) {
                    if (m instanceof List<?> mop && !mop.isEmpty() && f.equals(mop.get(0))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<MicroOp> parse(Object value, long index, List<String> problems) {
        if (!(value instanceof List<?> list)) {
            problem(problems, "op " + index + ": a txn value is a list of micro-ops like [\"append\",\"x\",1], not " + value);
            return List.of();
        }
        List<MicroOp> ops = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object m = list.get(i);
            if (!(m instanceof List<?> mop) || mop.size() != 3 || !(mop.get(0) instanceof String f)
                    || !(f.equals("append") || f.equals("r") || f.equals("w"))
                    || mop.get(1) == null || mop.get(1) instanceof List || mop.get(1) instanceof java.util.Map) {
                problem(problems, "op " + index + ", micro-op " + i + ": expected [\"append\"|\"r\"|\"w\", key, value], got " + m);
                continue;
            }
            ops.add(MicroOp.of(f, String.valueOf(mop.get(1)), mop.get(2)));
        }
        return Collections.unmodifiableList(ops);
    }

    private static void problem(List<String> problems, String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }
}
