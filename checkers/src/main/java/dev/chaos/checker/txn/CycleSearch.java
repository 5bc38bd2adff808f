package dev.chaos.checker.txn;

import static dev.chaos.checker.txn.DepGraph.ALL;
import static dev.chaos.checker.txn.DepGraph.DEPS;
import static dev.chaos.checker.txn.DepGraph.PROCESS;
import static dev.chaos.checker.txn.DepGraph.REALTIME;
import static dev.chaos.checker.txn.DepGraph.RW;
import static dev.chaos.checker.txn.DepGraph.WR;
import static dev.chaos.checker.txn.DepGraph.WW;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the dependency cycles of a {@link DepGraph} and names their anomalies, as Elle does: strongly
 * connected components (Tarjan) first, which is linear and, in a valid history, the end of the work;
 * then, inside each component, the shortest cycle through a chosen edge (breadth-first search kept to
 * the component). Weaker cycles are looked for with fewer edge types, so each cycle is named by the
 * weakest anomaly it shows: G0 (ww edges only), G1c (ww and wr), G-single (exactly one rw), G2-item
 * (two or more), and the same with a {@code -process} or {@code -realtime} suffix when the cycle needs
 * a process or real-time edge.
 */
public final class CycleSearch {

    /** Examples kept per anomaly; every component showing it is counted. */
    static final int EXAMPLES = 8;
    /** rw edges tried per component when looking for a G-single. */
    static final int SINGLE_TRIES = 64;

    /**
     * One cycle: {@code nodes[i] → nodes[i + 1]} (wrapping) is an edge labelled {@code labels[i]}.
     */
    public record Cycle(String anomaly, int[] nodes, int[] labels) {
    }

    /**
     * @param examples   per anomaly, up to {@link #EXAMPLES} shortest cycles
     * @param counts     per anomaly, how many components show it
     * @param unfinished anomalies the search could not finish looking for (budget), with why
     */
    public record Result(Map<String, List<Cycle>> examples, Map<String, Integer> counts, Map<String, String> unfinished) {
    }

    /** Stops the search: the wall-clock deadline and a cap on edges scanned. */
    public record Budget(long deadlineNanos, long maxSteps) {
    }

    private final DepGraph g;
    private final Budget budget;
    private long steps;
    private String exhausted;
    private final int[] comp;
    /** Size of each component of the last {@link #components} call. */
    private int[] sizeOf = new int[0];
    private final int[] seen;
    private final int[] parent;
    private final int[] queue;
    private int stamp;

    private CycleSearch(DepGraph g, Budget budget) {
        this.g = g;
        this.budget = budget;
        this.comp = new int[g.nodes];
        this.seen = new int[g.nodes];
        this.parent = new int[g.nodes];
        this.queue = new int[g.nodes];
    }

    public static Result run(DepGraph g, Budget budget) {
        return new CycleSearch(g, budget).search();
    }

    private Result search() {
        Map<String, List<Cycle>> examples = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> unfinished = new LinkedHashMap<>();
        // every cycle of a sub-graph lies in a component of the whole graph: only those nodes stay alive
        boolean[] alive = new boolean[g.nodes];
        java.util.Arrays.fill(alive, true);
        if (outOfBudget() || components(ALL, alive) < 0) {
            unfinished.put("cycles", exhausted);
            return new Result(examples, counts, unfinished);
        }
        boolean any = false;
        for (int v = 0; v < g.nodes; v++) {
            alive[v] = comp[v] >= 0 && sizeOf[comp[v]] > 1;
            any |= alive[v];
        }
        if (!any) {
            return new Result(examples, counts, unfinished);
        }
        int[][] levels = {{WW, WW}, {WW | WR, WR}, {DEPS, RW}, {DEPS | PROCESS, PROCESS}, {ALL, REALTIME}};
        String[][] names = {{"G0"}, {"G1c"}, {"G-single", "G2-item"},
            {"G0-process", "G1c-process", "G-single-process", "G2-item-process"},
            {"G0-realtime", "G1c-realtime", "G-single-realtime", "G2-item-realtime"}};
        for (int l = 0; l < levels.length; l++) {
            int mask = levels[l][0];
            int seedBit = levels[l][1];
            int weaker = l == 0 ? 0 : levels[l - 1][0];
            if (exhausted == null && !outOfBudget() && components(mask, alive) >= 0) {
                for (int[] members : nontrivial(alive)) {
                    Cycle c = cycleIn(members, mask, seedBit, weaker, l == 2, unfinished);
                    if (c != null) {
                        counts.merge(c.anomaly(), 1, Integer::sum);
                        List<Cycle> list = examples.computeIfAbsent(c.anomaly(), k -> new ArrayList<>());
                        if (list.size() < EXAMPLES) {
                            list.add(c);
                        }
                    }
                    if (exhausted != null) {
                        break;
                    }
                }
            }
            if (exhausted != null) {
                for (String n : names[l]) {
                    unfinished.putIfAbsent(n, exhausted);
                }
            }
        }
        return new Result(examples, counts, unfinished);
    }

    /** The shortest cycle in one component through an edge with {@code seedBit} and none of {@code weaker}. */
    private Cycle cycleIn(int[] members, int mask, int seedBit, int weaker, boolean single, Map<String, String> unfinished) {
        int c = comp[members[0]];
        int tries = 0;
        int firstA = -1;
        int firstB = -1;
        for (int a : members) {
            for (int e = g.start[a]; e < g.start[a + 1]; e++) {
                int b = g.dst[e];
                int t = g.types[e];
                if (comp[b] != c || (t & seedBit) == 0 || (t & weaker) != 0 || g.typesBetween(a, b, weaker) != 0) {
                    continue; // a parallel edge of a weaker type explains it: such cycles were looked for already
                }
                if (!single) {
                    return cycle(a, b, seedBit, mask, c);
                }
                if (firstA < 0) {
                    firstA = a;
                    firstB = b;
                }
                if (tries++ < SINGLE_TRIES && exhausted == null) {
                    Cycle s = cycle(a, b, RW, WW | WR, c);
                    if (s != null) {
                        return s;
                    }
                }
            }
        }
        if (firstA < 0 || exhausted != null) {
            return null;
        }
        if (tries > SINGLE_TRIES) {
            unfinished.putIfAbsent("G-single", "gave up after " + SINGLE_TRIES + " rw edges of a component of " + members.length
                    + " transactions; a cycle of it may have a single rw edge");
        }
        return cycle(firstA, firstB, RW, DEPS, c);
    }

    /** Edge a → b, then the shortest path b ⇝ a over {@code mask} inside component c; null if none. */
    private Cycle cycle(int a, int b, int seedLabel, int mask, int c) {
        stamp++;
        int head = 0;
        int tail = 0;
        queue[tail++] = b;
        seen[b] = stamp;
        while (head < tail) {
            int v = queue[head++];
            for (int e = g.start[v]; e < g.start[v + 1]; e++) {
                if (++steps % 4096 == 0 && outOfBudget()) {
                    return null;
                }
                int w = g.dst[e];
                if ((g.types[e] & mask) == 0 || comp[w] != c || seen[w] == stamp) {
                    continue;
                }
                seen[w] = stamp;
                parent[w] = v;
                if (w == a) {
                    return build(a, b, seedLabel, mask);
                }
                queue[tail++] = w;
            }
        }
        return null;
    }

    private Cycle build(int a, int b, int seedLabel, int mask) {
        List<Integer> path = new ArrayList<>();
        for (int v = a; v != b; v = parent[v]) {
            path.add(v);
        }
        path.add(b);
        int k = path.size();
        int[] nodes = new int[k];
        nodes[0] = a;
        for (int i = 1; i < k; i++) {
            nodes[i] = path.get(k - i); // b first, then on towards a
        }
        int[] labels = new int[k];
        labels[0] = seedLabel;
        for (int i = 1; i < k; i++) {
            labels[i] = DepGraph.label(g.typesBetween(nodes[i], nodes[(i + 1) % k], mask));
        }
        return new Cycle(name(labels), nodes, labels);
    }

    static String name(int[] labels) {
        int rw = 0;
        boolean wr = false;
        boolean process = false;
        boolean realtime = false;
        for (int l : labels) {
            rw += l == RW ? 1 : 0;
            wr |= l == WR;
            process |= l == PROCESS;
            realtime |= l == REALTIME;
        }
        String base = rw == 0 ? (wr ? "G1c" : "G0") : rw == 1 ? "G-single" : "G2-item";
        return base + (realtime ? "-realtime" : process ? "-process" : "");
    }

    /** The components of the alive nodes that have two or more members, each as its node list. */
    private List<int[]> nontrivial(boolean[] alive) {
        Map<Integer, List<Integer>> by = new LinkedHashMap<>();
        for (int v = 0; v < g.nodes; v++) {
            if (alive[v] && comp[v] >= 0 && sizeOf[comp[v]] > 1) {
                by.computeIfAbsent(comp[v], k -> new ArrayList<>()).add(v);
            }
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> m : by.values()) {
            out.add(m.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * Tarjan's strongly connected components over edges in {@code mask} between alive nodes, without
     * recursion; fills {@link #comp} (-1 for dead nodes) and {@link #sizeOf}. Returns the number of
     * components, or -1 when the budget ran out.
     */
    private int components(int mask, boolean[] alive) {
        int n = g.nodes;
        int[] index = new int[n];
        int[] low = new int[n];
        int[] edge = new int[n];
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int[] calls = new int[n];
        java.util.Arrays.fill(index, -1);
        java.util.Arrays.fill(comp, -1);
        int sp = 0;
        int counter = 0;
        int comps = 0;
        int[] sizes = new int[16];
        for (int root = 0; root < n; root++) {
            if (!alive[root] || index[root] >= 0) {
                continue;
            }
            int cp = 0;
            calls[cp++] = root;
            index[root] = low[root] = counter++;
            edge[root] = g.start[root];
            stack[sp++] = root;
            onStack[root] = true;
            while (cp > 0) {
                int v = calls[cp - 1];
                boolean descended = false;
                while (edge[v] < g.start[v + 1]) {
                    int e = edge[v]++;
                    if (++steps % 4096 == 0 && outOfBudget()) {
                        return -1;
                    }
                    int w = g.dst[e];
                    if ((g.types[e] & mask) == 0 || !alive[w]) {
                        continue;
                    }
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        edge[w] = g.start[w];
                        stack[sp++] = w;
                        onStack[w] = true;
                        calls[cp++] = w;
                        descended = true;
                        break;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                }
                if (descended) {
                    continue;
                }
                cp--;
                if (low[v] == index[v]) {
                    int size = 0;
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        comp[w] = comps;
                        size++;
                    } while (w != v);
                    if (comps == sizes.length) {
                        sizes = java.util.Arrays.copyOf(sizes, comps * 2);
                    }
                    sizes[comps++] = size;
                }
                if (cp > 0) {
                    int u = calls[cp - 1];
                    low[u] = Math.min(low[u], low[v]);
                }
            }
        }
        sizeOf = sizes;
        return comps;
    }

    private boolean outOfBudget() {
        if (steps > budget.maxSteps()) {
            exhausted = "step budget of " + budget.maxSteps() + " edges scanned reached";
        } else if (System.nanoTime() > budget.deadlineNanos()) {
            exhausted = "time limit reached";
        }
        return exhausted != null;
    }
}
