package dev.chaos.targetfile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One workload operation: an HTTP request ({@code call}), a command run on this machine
 * ({@code command}), a RESP command's arguments ({@code resp}) or an SQL statement ({@code sql}),
 * exactly one of them; {@code let} adds variables made of others. {@code ok} and
 * {@code fail} are the status codes (or exit codes) meaning done and surely not done; any other, a
 * time-out or a dropped connection leaves a write's outcome unknown (info) and fails a read.
 * {@code okWhen}: a JSON test an ok reply must also pass (else fail: etcd's txn {@code succeeded});
 * {@code errorWhen}: a pointer whose presence makes a reply unknown; {@code result}: where a read's
 * result is.
 */
public record OpSpec(Map<String, Template> let, HttpCall call, List<Template> command, List<Template> resp, SqlOp sql,
                     Set<Integer> ok, Set<Integer> fail, Check okWhen, String errorWhen, Extract result) {

    public OpSpec {
        let = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(let)); // in file order: each may use those before it
        ok = Set.copyOf(ok);
        fail = Set.copyOf(fail);
    }

    /** Ok by its status (HTTP: default any 2xx) or exit code (default 0). */
    public boolean isOk(int code) {
        if (!ok.isEmpty()) {
            return ok.contains(code);
        }
        return call != null ? code >= 200 && code < 300 : code == 0;
    }
}
