package dev.chaos.checker.linear;

import dev.chaos.history.Call;

/**
 * One client operation as the search sees it: its function, argument, result and real-time interval.
 *
 * <p>The interval is [{@code invokeAt}, {@code returnAt}] in history index order. Index order is
 * exact real-time order: the recorder stamps index and time under one lock, and imported Jepsen
 * histories are in the order Jepsen observed. Two operations are concurrent when their intervals
 * overlap; an operation must take effect somewhere inside its own interval.
 *
 * <p>An indeterminate operation ({@code info}, or never completed) has {@code returnAt =
 * Long.MAX_VALUE} and no known result: it may take effect at any point after its invocation, or
 * never. "Never" needs no special case: it is the same as taking effect after every other operation,
 * where nobody observes it.
 *
 * @param id       dense id within its partition (the bit in the search's bitset)
 * @param f        the function, e.g. {@code read}, {@code cas}
 * @param input    the invocation's value
 * @param output   the completion's value (meaningless unless {@code known})
 * @param known    whether the result is known ({@code ok})
 * @param invokeAt history index of the invocation
 * @param returnAt history index of the completion, or {@link Long#MAX_VALUE}
 * @param call     the call it came from, for reporting
 */
public record Operation(int id, String f, Object input, Object output, boolean known, long invokeAt, long returnAt,
                        Call call) {

    public boolean indeterminate() {
        return returnAt == Long.MAX_VALUE;
    }

    public boolean concurrentWith(Operation o) {
        return invokeAt <= o.returnAt && o.invokeAt <= returnAt;
    }
}
