package dev.chaos.targetfile;

import java.util.List;
import java.util.Set;

/**
 * One operation's SQL: the statement with {@code ?} placeholders, the templates bound to them in
 * order (a value that is a whole number is bound as a number, anything else as text), and the update
 * counts that mean done ({@code rows}; another count is fail: a compare-and-set that matched no row).
 * Empty {@code rows}: any count is done.
 */
public record SqlOp(String sql, List<Template> params, Set<Integer> rows) {

    public SqlOp {
        params = List.copyOf(params);
        rows = Set.copyOf(rows);
    }
}
