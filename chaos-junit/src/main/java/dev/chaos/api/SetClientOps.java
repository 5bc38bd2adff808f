package dev.chaos.api;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.Values;
import dev.chaos.workload.Client;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A {@link SetClient} as the runner's {@link Client}: each call made an op, each exception its completion type. */
final class SetClientOps implements Client {

    private final SetClient client;

    SetClientOps(SetClient client) {
        this.client = client;
    }

    @Override
    public Op invoke(Op op) {
        try {
            return switch (op.f()) {
                case "add" -> {
                    client.add(op.key(), ((Number) op.value()).longValue());
                    yield done(op, OpType.OK, op.value(), null);
                }
                case "read" -> done(op, OpType.OK, sorted(client.read(op.key())), null);
                default -> done(op, OpType.FAIL, null, "the set workload has no '" + op.f() + "'");
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done(op, op.f().equals("add") ? OpType.INFO : OpType.FAIL, null, e.toString());
        } catch (Exception e) {
            // refused: nothing was sent, so the add did not happen; anything else and it may have
            boolean surelyNot = !op.f().equals("add") || e instanceof ConnectException || e.getCause() instanceof ConnectException;
            return done(op, surelyNot ? OpType.FAIL : OpType.INFO, null, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception ignored) {
            // a client that cannot close cleanly has nothing left to report
        }
    }

    /** The elements as the history records a read: sorted longs. */
    static List<Object> sorted(Collection<Long> elements) {
        List<Long> out = new ArrayList<>(elements == null ? List.of() : elements);
        out.sort(null);
        return Values.list(out.toArray());
    }

    private static Op done(Op inv, OpType type, Object value, String error) {
        return new Op(-1, -1, inv.process(), type, inv.f(), inv.key(), value, inv.node(), error, false);
    }
}
