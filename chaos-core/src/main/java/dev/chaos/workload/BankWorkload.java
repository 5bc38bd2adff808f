package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Jepsen's bank: {@value #ACCOUNTS} accounts ({@code "0"}..) of {@value #INITIAL_BALANCE} each, so the
 * total is always {@value #TOTAL}. Four ops in five move 1 to {@value #MAX_TRANSFER} from one account
 * to another ({@code f = "transfer"}, value {@code {"from":a,"to":b,"amount":n}}; a transfer that
 * would overdraw fails); the rest read every balance ({@code f = "read"}, completed with
 * {@code {"0":bal,...}}). Under snapshot isolation or stronger every read sums to the total and no
 * balance is negative; the bank checker says where that broke.
 */
public final class BankWorkload implements Workload {

    public static final int ACCOUNTS = 5;
    public static final long INITIAL_BALANCE = 20;
    public static final long TOTAL = ACCOUNTS * INITIAL_BALANCE;
    public static final int MAX_TRANSFER = 5;

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public Op next(ProcessId process, Random random) {
        if (random.nextInt(5) == 0) {
            return Op.of(process, OpType.INVOKE, "read", null, null);
        }
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("from", (long) from);
        t.put("to", (long) to);
        t.put("amount", 1L + random.nextInt(MAX_TRANSFER));
        return Op.of(process, OpType.INVOKE, "transfer", null, dev.chaos.history.Values.canonical(t));
    }

    @Override
    public List<String> checkers() {
        return List.of("stats", "bank", "convergence", "availability");
    }

    @Override
    public String model() {
        return null;
    }
}
