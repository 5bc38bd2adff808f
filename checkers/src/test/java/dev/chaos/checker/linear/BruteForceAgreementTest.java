package dev.chaos.checker.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.linear.model.CollectionModels;
import dev.chaos.checker.linear.model.RegisterModels;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: on thousands of small random histories, the WGL checker agrees with a brute-force
 * checker that tries every order of the operations consistent with real time (and every subset of
 * the indeterminate ones). The histories come from a simulated register or set whose operations take
 * effect at a random moment inside their interval, some with a corrupted result, so both verdicts
 * occur often.
 */
class BruteForceAgreementTest {

    private static final int CASES = 3000;

    @Test
    void casRegisterAgreesWithBruteForce() {
        agree(RegisterModels.CAS_REGISTER, new Random(20261123L));
    }

    @Test
    void setAgreesWithBruteForce() {
        agree(CollectionModels.SET, new Random(42L));
    }

    private void agree(Model model, Random random) {
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < CASES; i++) {
            History h = generate(model, random);
            boolean expected = bruteForce(model, h);
            Verdict got = new LinearizableChecker(CheckOptions.defaults().withModel(model.name())).check(h).verdict();
            assertEquals(expected ? Verdict.VALID : Verdict.INVALID, got, "case " + i + ": " + h.ops());
            if (expected) {
                valid++;
            } else {
                invalid++;
            }
        }
        assertTrue(valid > CASES / 10 && invalid > CASES / 10, "both verdicts well represented: " + valid + " valid, " + invalid + " invalid");
    }

    /** A simulated object: each op takes effect at a random step inside its interval (or, if info, maybe never). */
    static History generate(Model model, Random r) {
        int processes = 2 + r.nextInt(3);
        int total = 3 + r.nextInt(6);
        boolean isSet = model == CollectionModels.SET;
        Object state = isSet ? Set.of() : null;
        List<Op> ops = new ArrayList<>();
        long[] pid = new long[processes];
        for (int p = 0; p < processes; p++) {
            pid[p] = p;
        }
        Object[][] inflight = new Object[processes][]; // {f, input, applied?, output}
        int invoked = 0;
        int element = 0;
        while (invoked < total || anyBusy(inflight)) {
            int p = r.nextInt(processes);
            Object[] op = inflight[p];
            if (op == null) {
                if (invoked == total) {
                    continue;
                }
                String f;
                Object input;
                if (isSet) {
                    f = r.nextInt(3) == 0 ? "read" : "add";
                    input = f.equals("add") ? (Object) (long) (element++) : null;
                } else {
                    int k = r.nextInt(3);
                    f = k == 0 ? "read" : k == 1 ? "write" : "cas";
                    input = f.equals("read") ? null : f.equals("write") ? (Object) (long) r.nextInt(3)
                            : Values.list(r.nextInt(3), r.nextInt(3));
                }
                inflight[p] = new Object[] {f, input, false, null};
                ops.add(new Op(ops.size(), ops.size(), ProcessId.client(pid[p]), OpType.INVOKE, f, null, input, null, null, false));
                invoked++;
            } else if (!(Boolean) op[2] && r.nextBoolean()) {
                // take effect now
                Operation o = new Operation(0, (String) op[0], op[1], null, false, 0, 0, null);
                Object after = model.step(state, o);
                op[2] = true;
                if (after == Model.IMPOSSIBLE) {
                    op[3] = "failed"; // a cas whose expected value did not match
                } else {
                    op[3] = op[0].equals("read") ? (isSet ? Values.canonical(new ArrayList<>((Set<?>) state)) : state) : op[1];
                    state = after;
                }
            } else if ((Boolean) op[2] || r.nextInt(4) == 0) {
                String f = (String) op[0];
                OpType type;
                Object value = op[1];
                if (!(Boolean) op[2] || r.nextInt(10) == 0) {
                    type = OpType.INFO; // unknown outcome: applied or not
                    value = null;
                } else if ("failed".equals(op[3])) {
                    type = OpType.FAIL;
                } else {
                    type = OpType.OK;
                    if (f.equals("read")) {
                        value = op[3];
                        if (r.nextInt(4) == 0) { // corrupt: what a buggy system might return
                            value = isSet ? Values.list(r.nextInt(Math.max(1, element))) : (Object) (long) r.nextInt(3);
                        }
                    }
                }
                ops.add(new Op(ops.size(), ops.size(), ProcessId.client(pid[p]), type, f, null, value, null, null, false));
                inflight[p] = null;
                if (type == OpType.INFO) {
                    pid[p] += processes; // retired, as in Jepsen
                }
            }
        }
        return new History(HistoryHeader.imported("generated"), ops);
    }

    private static boolean anyBusy(Object[][] inflight) {
        for (Object[] o : inflight) {
            if (o != null) {
                return true;
            }
        }
        return false;
    }

    /** Tries every real-time-respecting order; indeterminate ops may be left out. */
    static boolean bruteForce(Model model, History h) {
        List<Operation> ops = new ArrayList<>();
        for (Call c : h.calls()) {
            if (c.isFail()) {
                continue;
            }
            ops.add(new Operation(ops.size(), c.f(), c.invoke().value(), c.isOk() ? c.completion().value() : null, c.isOk(),
                    c.invoke().index(), c.isIndeterminate() ? Long.MAX_VALUE : c.completionIndex(), c));
        }
        return search(model, ops, new HashSet<>(), model.init());
    }

    private static boolean search(Model model, List<Operation> ops, Set<Integer> done, Object state) {
        boolean allDefiniteDone = true;
        for (Operation o : ops) {
            if (!o.indeterminate() && !done.contains(o.id())) {
                allDefiniteDone = false;
                break;
            }
        }
        if (allDefiniteDone) {
            return true;
        }
        for (Operation o : ops) {
            if (done.contains(o.id()) || !minimal(o, ops, done)) {
                continue;
            }
            Object after = model.step(state, o);
            if (after == Model.IMPOSSIBLE) {
                continue;
            }
            done.add(o.id());
            boolean ok = search(model, ops, done, after);
            done.remove(o.id());
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** No op still to place must come before {@code o} in real time. */
    private static boolean minimal(Operation o, List<Operation> ops, Set<Integer> done) {
        for (Operation other : ops) {
            if (other.id() != o.id() && !done.contains(other.id()) && other.returnAt() < o.invokeAt()) {
                return false;
            }
        }
        return true;
    }
}
