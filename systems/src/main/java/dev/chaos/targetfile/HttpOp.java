package dev.chaos.targetfile;

import java.util.Map;
import java.util.Set;

/**
 * One workload operation over HTTP: the request ({@code let} adds variables made of others), which
 * status codes mean ok and which fail (every other status, a time-out or a dropped connection: a
 * write's outcome is unknown, info; a read's is fail), an optional {@code okWhen} a reply must also
 * pass to be ok (else fail: etcd's txn {@code succeeded}), an optional {@code errorWhen} pointer
 * whose presence makes a reply unknown, and where the result is ({@code result}, for reads).
 */
public record HttpOp(Map<String, Template> let, HttpCall call, Set<Integer> ok, Set<Integer> fail, Check okWhen, String errorWhen,
                     Extract result) {

    public HttpOp {
        let = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(let)); // in file order: each may use those before it
        ok = Set.copyOf(ok);
        fail = Set.copyOf(fail);
    }

    public boolean isOk(int status) {
        return ok.isEmpty() ? status >= 200 && status < 300 : ok.contains(status);
    }
}
