package dev.chaos.checker.linear;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a key is not linearizable, ready to draw: the longest prefix the search could linearize, the
 * operation that could not be placed after it (it must take effect before it returns, and no order
 * of the pending operations allows that), the operations concurrent with it, and the model state the
 * prefix leaves.
 *
 * @param key        the key ("" for a single-object history)
 * @param prefix     the longest linearizable prefix found, in linearization order
 * @param blocked    the operation that cannot be placed
 * @param concurrent operations whose intervals overlap the blocked one's
 * @param state      the model state after the prefix
 */
public record Counterexample(String key, List<OpRef> prefix, OpRef blocked, List<OpRef> concurrent, String state) {

    /**
     * One operation as a report shows it.
     *
     * @param process  the client process
     * @param f        the function
     * @param value    argument (and result, for reads) as text
     * @param invoke   history index of the invocation
     * @param complete history index of the completion, or -1 if indeterminate
     * @param type     the completion type: ok, info, or open
     */
    public record OpRef(String process, String f, String value, long invoke, long complete, String type) {

        static OpRef of(Operation op) {
            String v = op.known() && !op.f().equals("write") && !op.f().equals("put") && !op.f().equals("add")
                    && !op.f().equals("append") && !op.f().equals("cas")
                    ? String.valueOf(op.output())
                    : String.valueOf(op.input());
            String type = op.call().completion() == null ? "open" : op.call().completion().type().wire();
            return new OpRef(op.call().process().toString(), op.f(), v, op.invokeAt(),
                    op.indeterminate() ? -1 : op.returnAt(), type);
        }

        @Override
        public String toString() {
            return "process " + process + " " + f + " " + value + " [" + invoke + ".."
                    + (complete < 0 ? "?" : Long.toString(complete)) + (type.equals("ok") ? "" : " " + type) + "]";
        }
    }

    static Counterexample of(Model model, String key, WglSearch s, List<Operation> ops) {
        List<OpRef> prefix = new ArrayList<>();
        for (int id : s.bestPrefix) {
            prefix.add(OpRef.of(ops.get(id)));
        }
        Operation blocked = ops.get(s.blockedOp);
        List<OpRef> concurrent = new ArrayList<>();
        for (Operation op : ops) {
            if (op.id() != blocked.id() && op.concurrentWith(blocked)) {
                concurrent.add(OpRef.of(op));
            }
        }
        return new Counterexample(key, prefix, OpRef.of(blocked), concurrent, model.describe(s.bestState));
    }

    /** A few lines for the terminal. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("counterexample" + (key.isEmpty() ? "" : " on key " + key) + ":");
        int from = Math.max(0, prefix.size() - 5);
        lines.add("  longest linearizable prefix: " + prefix.size() + " ops" + (from > 0 ? ", ending" : "") + ":");
        for (int i = from; i < prefix.size(); i++) {
            lines.add("    " + (i + 1) + ". " + prefix.get(i));
        }
        lines.add("  state after it: " + state);
        lines.add("  cannot place:   " + blocked);
        int shown = Math.min(8, concurrent.size());
        lines.add("  concurrent with it (" + concurrent.size() + "):" + (shown == 0 ? " none" : ""));
        for (int i = 0; i < shown; i++) {
            lines.add("    " + concurrent.get(i));
        }
        if (concurrent.size() > shown) {
            lines.add("    ... " + (concurrent.size() - shown) + " more in the JSON details");
        }
        return lines;
    }
}
