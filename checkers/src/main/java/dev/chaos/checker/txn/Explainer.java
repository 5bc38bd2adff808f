package dev.chaos.checker.txn;

/**
 * Says in words why one dependency edge exists, from what the checker inferred (each checker knows
 * its own data model: who appended what, which version a read saw).
 */
@FunctionalInterface
public interface Explainer {

    /**
     * @param a     the edge's source transaction id
     * @param b     its target
     * @param label one of {@link DepGraph#WW}, {@link DepGraph#WR}, {@link DepGraph#RW}
     * @return the key and value that make the edge, and a clause such as "T3 appended 5 to x, which T7 read";
     *         null if the checker cannot say
     */
    Reason explain(int a, int b, int label);

    /** Why an edge exists. */
    record Reason(String key, Object value, String text) {
    }
}
