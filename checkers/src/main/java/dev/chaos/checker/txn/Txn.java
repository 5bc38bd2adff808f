package dev.chaos.checker.txn;

import dev.chaos.history.Call;
import java.util.List;

/**
 * One transaction of the history: a {@code txn} call and its micro-ops. Reads come from the
 * completion (what the database returned), writes from the invocation when the transaction did not
 * complete ok. Transactions are numbered densely in invocation order; {@code id} indexes the
 * dependency graph.
 *
 * @param id     position among the history's transactions
 * @param call   the invocation and completion
 * @param ops    the micro-ops, in the transaction's order
 * @param status what the completion says
 */
public record Txn(int id, Call call, List<MicroOp> ops, Status status) {

    /** Committed (ok), aborted (fail: it definitely did not happen), or unknown (info, or no completion). */
    public enum Status { OK, FAIL, INFO }

    /** The invocation's index in the history: how the report and the explanations name it. */
    public long index() {
        return call.invoke().index();
    }

    /** {@code T12}: the transaction invoked at history index 12. */
    public String name() {
        return "T" + index();
    }

    public boolean committed() {
        return status == Status.OK;
    }
}
