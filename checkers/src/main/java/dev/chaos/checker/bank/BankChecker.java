package dev.chaos.checker.bank;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's bank: transfers move money between accounts ({@code f=transfer}, value
 * {@code {from, to, amount}}), reads return every balance ({@code f=read}, value
 * {@code {account: balance}}). Money is neither made nor lost, so every committed read must show the
 * same total, and no balance may go negative. The expected total is what the earliest successful
 * read saw (the system under test sets it up; the history does not say): lost updates make the
 * total drift over time, so every later read with another total is reported.
 */
public final class BankChecker implements Checker {

    private static final int EXAMPLES = 8;

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public boolean appliesTo(History history) {
        return history.ops().stream().anyMatch(op -> op.isClient() && op.f().equals("transfer"));
    }

    @Override
    public CheckResult check(History history) {
        List<Call> reads = new ArrayList<>();
        long transfers = 0;
        long transfersOk = 0;
        for (Call c : history.calls()) {
            if (c.f().equals("transfer")) {
                transfers++;
                transfersOk += c.isOk() ? 1 : 0;
            } else if (c.f().equals("read") && c.isOk() && c.completion().value() instanceof Map) {
                reads.add(c);
            }
        }
        if (reads.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN, List.of("no successful reads of the balances: nothing to check ("
                    + transfers + " transfers)"), Map.of("transfers", transfers));
        }
        Map<Long, Long> totals = new HashMap<>();
        Map<Call, Long> totalOf = new HashMap<>();
        List<Map<String, Object>> nil = new ArrayList<>();
        long nilCount = 0;
        List<Map<String, Object>> negative = new ArrayList<>();
        long negativeCount = 0;
        for (Call r : reads) {
            long total = 0;
            boolean complete = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) r.completion().value()).entrySet()) {
                if (!(e.getValue() instanceof Number n)) {
                    complete = false;
                    if (nilCount++ < EXAMPLES) {
                        nil.add(example(r, "account " + e.getKey() + " has balance " + e.getValue() + ", not a number"));
                    }
                    continue;
                }
                total += n.longValue();
                if (n.longValue() < 0 && negativeCount++ < EXAMPLES) {
                    negative.add(example(r, "account " + e.getKey() + " has balance " + n));
                } else if (n.longValue() < 0) {
                    negativeCount++;
                }
            }
            if (complete) {
                totals.merge(total, 1L, Long::sum);
                totalOf.put(r, total);
            }
        }
        // the earliest complete read sets the total: lost updates make later totals drift, and the
        // drifted total may well be the commonest one
        long expected = 0;
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<Call, Long> e : totalOf.entrySet()) {
            if (e.getKey().completionIndex() < earliest) {
                earliest = e.getKey().completionIndex();
                expected = e.getValue();
            }
        }
        List<Map<String, Object>> wrong = new ArrayList<>();
        long wrongCount = 0;
        for (Call r : reads) {
            Long t = totalOf.get(r);
            if (t != null && t != expected && wrongCount++ < EXAMPLES) {
                wrong.add(example(r, "total " + t + ", expected " + expected));
            } else if (t != null && t != expected) {
                wrongCount++;
            }
        }
        Verdict verdict = wrongCount + negativeCount + nilCount > 0 ? Verdict.INVALID : Verdict.VALID;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reads", reads.size());
        details.put("transfers", transfers);
        details.put("transfers-ok", transfersOk);
        details.put("total", expected);
        details.put("totals-seen", new java.util.TreeMap<>(totals));
        details.put("wrong-total-count", wrongCount);
        details.put("wrong-total", wrong);
        details.put("negative-count", negativeCount);
        details.put("negative", negative);
        details.put("nil-balance-count", nilCount);
        details.put("nil-balance", nil);
        List<String> summary = new ArrayList<>();
        if (verdict == Verdict.VALID) {
            summary.add(reads.size() + " reads all show the total " + expected + " and no negative balance (" + transfersOk + " of "
                    + transfers + " transfers acknowledged)");
        } else {
            summary.add("money " + (wrongCount > 0 ? "created or destroyed: " + wrongCount + " reads with a total other than " + expected : "kept")
                    + "; " + negativeCount + " negative balances; " + nilCount + " unreadable balances");
            for (List<Map<String, Object>> l : List.of(wrong, negative, nil)) {
                l.stream().limit(2).forEach(m -> summary.add("op " + m.get("index") + " (process " + m.get("process") + "): " + m.get("text")));
            }
        }
        return new CheckResult(name(), verdict, summary, details);
    }

    private static Map<String, Object> example(Call r, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", r.completion().index());
        m.put("process", r.process().toString());
        m.put("value", r.completion().value());
        m.put("text", text);
        return m;
    }
}
