package dev.chaos.checker.txn;

import java.util.Arrays;
import java.util.List;

/**
 * The dependency graph over transactions (by {@link Txn#id()}), in compressed sparse rows: for node
 * {@code a}, its edges are {@code dst[start[a]] .. dst[start[a + 1] - 1]} with their type bits in
 * {@code types}. An edge a → b means a must come before b. Parallel edges may repeat; self edges are
 * never stored. Memory is 5 bytes per edge plus 4 per node.
 */
public final class DepGraph {

    /** a's version was overwritten by b (write-write). */
    public static final int WW = 1;
    /** b read what a wrote (write-read). */
    public static final int WR = 2;
    /** a read a version that b overwrote (read-write, an anti-dependency). */
    public static final int RW = 4;
    /** a and b ran on the same process, a first. */
    public static final int PROCESS = 8;
    /** a completed before b was invoked. */
    public static final int REALTIME = 16;
    public static final int DEPS = WW | WR | RW;
    public static final int ALL = DEPS | PROCESS | REALTIME;

    final int nodes;
    final int[] start;
    final int[] dst;
    final byte[] types;

    private DepGraph(int nodes, int[] start, int[] dst, byte[] types) {
        this.nodes = nodes;
        this.start = start;
        this.dst = dst;
        this.types = types;
    }

    public int nodes() {
        return nodes;
    }

    public int edges() {
        return dst.length;
    }

    /** The OR of the types of every edge a → b, restricted to {@code mask}. */
    public int typesBetween(int a, int b, int mask) {
        int t = 0;
        for (int e = start[a]; e < start[a + 1]; e++) {
            if (dst[e] == b) {
                t |= types[e];
            }
        }
        return t & mask;
    }

    /** The name of one type bit, as results.json and the report write it. */
    public static String typeName(int bit) {
        return switch (bit) {
            case WW -> "ww";
            case WR -> "wr";
            case RW -> "rw";
            case PROCESS -> "process";
            case REALTIME -> "realtime";
            default -> throw new IllegalArgumentException("not one edge type: " + bit);
        };
    }

    /** The one type an edge with these bits is explained by: the first of ww, wr, rw, process, realtime. */
    public static int label(int bits) {
        return Integer.lowestOneBit(bits);
    }

    /** Collects edges, then freezes them into a {@link DepGraph}. */
    public static final class Builder {

        /** Bytes per edge while building: three arrays (9 bytes), doubled when they grow. */
        public static final int BYTES_PER_EDGE = 18;

        private final int nodes;
        private final long maxEdges;
        private int[] src;
        private int[] dst;
        private byte[] types;
        private int size;
        private boolean full;

        /**
         * @param expected about how many edges will come (a first capacity, so the arrays rarely grow)
         * @param maxBytes memory the edges may take; past it edges are dropped and {@link #full()} says so
         */
        public Builder(int nodes, long expected, long maxBytes) {
            this.nodes = nodes;
            this.maxEdges = Math.min(Integer.MAX_VALUE - 8, maxBytes / BYTES_PER_EDGE);
            int capacity = (int) Math.max(1024, Math.min(expected, maxEdges));
            src = new int[capacity];
            dst = new int[capacity];
            types = new byte[capacity];
        }

        public int size() {
            return size;
        }

        /** Whether edges were dropped for want of memory: the graph is then incomplete and must not be searched. */
        public boolean full() {
            return full;
        }

        public void add(int a, int b, int type) {
            if (a == b || a < 0 || b < 0 || full) {
                return;
            }
            if (size >= maxEdges) {
                full = true;
                return;
            }
            if (size == src.length) {
                int n = (int) Math.min(maxEdges, src.length * 2L);
                src = Arrays.copyOf(src, n);
                dst = Arrays.copyOf(dst, n);
                types = Arrays.copyOf(types, n);
            }
            src[size] = a;
            dst[size] = b;
            types[size] = (byte) type;
            size++;
        }

        /**
         * Real-time and process order over the transactions that may have happened (committed or
         * unknown), in linear size: an edge from each transaction that completed before another began,
         * and that no other completed transaction already follows (a transitive reduction as Elle
         * builds it), plus each process's transactions in order.
         */
        public void addOrders(List<Txn> txns) {
            int n = txns.size();
            long[] packed = new long[n];
            int completed = 0;
            for (Txn t : txns) {
                if (t.committed()) {
                    packed[completed++] = t.call().completionIndex() * n + t.id(); // sorts by completion
                }
            }
            Arrays.sort(packed, 0, completed);
            int[] done = new int[completed];
            for (int i = 0; i < completed; i++) {
                done[i] = (int) (packed[i] % n);
            }
            // each committed transaction's predecessors, packed: pool[predAt[t] .. predAt[t] + predCount[t])
            int[] predAt = new int[n];
            int[] predCount = new int[n];
            int[] pool = new int[Math.max(16, n)];
            int pooled = 0;
            int[] frontier = new int[16];
            int frontierSize = 0;
            boolean[] inFrontier = new boolean[n];
            java.util.Map<dev.chaos.history.ProcessId, Integer> lastOfProcess = new java.util.HashMap<>();
            int c = 0;
            for (Txn t : txns) {
                long invokedAt = t.index();
                while (c < done.length && txns.get(done[c]).call().completionIndex() < invokedAt) {
                    int d = done[c++];
                    for (int i = predAt[d]; i < predAt[d] + predCount[d]; i++) {
                        inFrontier[pool[i]] = false;
                    }
                    inFrontier[d] = true;
                    if (frontierSize == frontier.length) {
                        frontier = Arrays.copyOf(frontier, frontierSize * 2);
                    }
                    frontier[frontierSize++] = d;
                }
                if (t.status() == Txn.Status.FAIL) {
                    continue;
                }
                int kept = 0;
                for (int i = 0; i < frontierSize; i++) {
                    if (inFrontier[frontier[i]]) {
                        frontier[kept++] = frontier[i];
                        add(frontier[i], t.id(), REALTIME);
                    }
                }
                frontierSize = kept;
                if (t.committed()) {
                    if (pooled + frontierSize > pool.length) {
                        pool = Arrays.copyOf(pool, Math.max(pool.length * 2, pooled + frontierSize));
                    }
                    System.arraycopy(frontier, 0, pool, pooled, frontierSize);
                    predAt[t.id()] = pooled;
                    predCount[t.id()] = frontierSize;
                    pooled += frontierSize;
                }
                Integer last = lastOfProcess.put(t.call().process(), t.id());
                if (last != null) {
                    add(last, t.id(), PROCESS);
                }
                if (!t.committed()) {
                    lastOfProcess.remove(t.call().process());
                }
            }
        }

        public DepGraph build() {
            int[] start = new int[nodes + 1];
            for (int i = 0; i < size; i++) {
                start[src[i] + 1]++;
            }
            for (int i = 0; i < nodes; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, nodes);
            int[] d = new int[size];
            byte[] t = new byte[size];
            for (int i = 0; i < size; i++) {
                int at = fill[src[i]]++;
                d[at] = dst[i];
                t[at] = types[i];
            }
            src = null;
            dst = null;
            types = null;
            return new DepGraph(nodes, start, d, t);
        }
    }
}
