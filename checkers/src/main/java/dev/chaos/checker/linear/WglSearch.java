package dev.chaos.checker.linear;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Wing & Gong's linearizability search with Lowe's memoisation, for one partition (one key).
 *
 * <p>The operations' invocations and returns form one list in real-time order. The search walks it:
 * at an invocation it tries to linearize that operation now (the model must accept it in the current
 * state); if it can, the operation is taken out of the list ("lifted") and the walk restarts from the
 * front. Reaching a return whose operation is not yet linearized means the current prefix cannot be
 * extended: undo the last choice and try the next candidate. Each configuration (set of linearized
 * operations as a bitset, model state) is explored at most once; the cache of seen configurations is
 * what turns an exponential search into one that is fast on real histories.
 *
 * <p>Indeterminate operations return "at infinity", after every definite return: reaching one of
 * those returns means every definite operation is linearized, and the rest may simply never have
 * taken effect. So the history is linearizable.
 */
final class WglSearch {

    /** What a search ended with. */
    enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, OUT_OF_TIME, OUT_OF_MEMORY, CANCELLED }

    /** Budget shared by all partitions of one check. */
    interface Budget {
        /** Null while the search may go on, else why it must stop. */
        Outcome exceeded(long cacheEntriesAdded, int words);
    }

    private static final int NONE = -1;

    private final Model model;
    private final List<Operation> ops;
    private final int n;
    private final int words;

    // the entry list: entries 0..m-1 in real-time order; HEAD is a sentinel before the first
    private final int m;
    private final int head;
    private final boolean[] isCall;
    private final int[] opOf;
    private final int[] match;
    private final int[] next;
    private final int[] prev;

    // what the deepest point of the search saw, for the counterexample
    int bestDepth = -1;
    int[] bestPrefix = new int[0];
    Object bestState;
    int blockedOp = NONE;
    long configurations;

    WglSearch(Model model, List<Operation> ops) {
        this.model = model;
        this.ops = ops;
        this.n = ops.size();
        this.words = Math.max(1, (n + 63) >>> 6);
        this.m = 2 * n;
        this.head = m;
        long[] pos = new long[m];
        Integer[] order = new Integer[m];
        for (int i = 0; i < n; i++) {
            pos[2 * i] = ops.get(i).invokeAt();
            pos[2 * i + 1] = ops.get(i).returnAt();
        }
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        // invocations before returns at the same position (closed intervals); stable otherwise
        Arrays.sort(order, (a, b) -> pos[a] != pos[b] ? Long.compare(pos[a], pos[b]) : Integer.compare(a & 1, b & 1));
        isCall = new boolean[m];
        opOf = new int[m];
        match = new int[m];
        next = new int[m + 1];
        prev = new int[m + 1];
        int[] entryOfCall = new int[n];
        int[] entryOfReturn = new int[n];
        for (int e = 0; e < m; e++) {
            int raw = order[e];
            isCall[e] = (raw & 1) == 0;
            opOf[e] = raw >>> 1;
            if (isCall[e]) {
                entryOfCall[opOf[e]] = e;
            } else {
                entryOfReturn[opOf[e]] = e;
            }
        }
        for (int i = 0; i < n; i++) {
            match[entryOfCall[i]] = entryOfReturn[i];
            match[entryOfReturn[i]] = entryOfCall[i];
        }
        for (int e = 0; e < m; e++) {
            next[e] = e + 1 < m ? e + 1 : NONE;
            prev[e] = e == 0 ? head : e - 1;
        }
        next[head] = m > 0 ? 0 : NONE;
        prev[head] = NONE;
    }

    Outcome run(Budget budget) {
        long[] linearized = new long[words];
        Set<Config> seen = new HashSet<>();
        int[] stackEntry = new int[n];
        Object[] stackState = new Object[n];
        int depth = 0;
        Object state = model.init();
        int e = next[head];
        long steps = 0;
        long reported = 0;
        while (true) {
            if ((++steps & 0xFFF) == 0) {
                Outcome stop = budget.exceeded(seen.size() - reported, words);
                reported = seen.size();
                if (stop != null) {
                    return stop;
                }
            }
            if (e == NONE) {
                return Outcome.LINEARIZABLE;
            }
            if (isCall[e]) {
                Operation op = ops.get(opOf[e]);
                Object after = model.step(state, op);
                if (after != Model.IMPOSSIBLE) {
                    int bit = op.id();
                    linearized[bit >>> 6] |= 1L << bit;
                    if (seen.add(new Config(linearized.clone(), after))) {
                        configurations++;
                        stackEntry[depth] = e;
                        stackState[depth] = state;
                        depth++;
                        state = after;
                        lift(e);
                        e = next[head];
                        continue;
                    }
                    linearized[bit >>> 6] &= ~(1L << bit);
                }
                e = next[e];
            } else {
                Operation op = ops.get(opOf[e]);
                if (op.indeterminate()) {
                    return Outcome.LINEARIZABLE;
                }
                if (depth > bestDepth) {
                    bestDepth = depth;
                    bestPrefix = new int[depth];
                    for (int i = 0; i < depth; i++) {
                        bestPrefix[i] = opOf[stackEntry[i]];
                    }
                    bestState = state;
                    blockedOp = opOf[e];
                }
                if (depth == 0) {
                    return Outcome.NOT_LINEARIZABLE;
                }
                depth--;
                int back = stackEntry[depth];
                state = stackState[depth];
                stackState[depth] = null;
                int bit = opOf[back];
                linearized[bit >>> 6] &= ~(1L << bit);
                unlift(back);
                e = next[back];
            }
        }
    }

    private void lift(int call) {
        unlink(call);
        unlink(match[call]);
    }

    private void unlift(int call) {
        relink(match[call]);
        relink(call);
    }

    private void unlink(int e) {
        next[prev[e]] = next[e];
        if (next[e] != NONE) {
            prev[next[e]] = prev[e];
        }
    }

    private void relink(int e) {
        next[prev[e]] = e;
        if (next[e] != NONE) {
            prev[next[e]] = e;
        }
    }

    /** A configuration: which operations are linearized, and the state they leave. */
    private static final class Config {
        final long[] bits;
        final Object state;
        final int hash;

        Config(long[] bits, Object state) {
            this.bits = bits;
            this.state = state;
            this.hash = 31 * Arrays.hashCode(bits) + Objects.hashCode(state);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && c.hash == hash && Arrays.equals(c.bits, bits) && Objects.equals(c.state, state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Rough heap cost of one cached configuration: the key object, its bitset, the hash-set node. */
    static long bytesPerConfig(int words) {
        return 32 + 16 + 8L * words + 48;
    }

    int words() {
        return words;
    }
}
