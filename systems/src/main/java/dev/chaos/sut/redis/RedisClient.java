package dev.chaos.sut.redis;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.Values;
import dev.chaos.workload.Client;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A client process bound to one node that follows Sentinel: before each operation it asks its node's
 * Sentinel which server is the primary, and sends the command there (through that server's client
 * link). A client whose Sentinel is cut off with an old primary keeps writing to it, as real
 * applications do.
 *
 * <p>Set: {@code add} is SADD, {@code read} SMEMBERS. Register: GET, SET, and {@code cas [from to]}
 * as a Lua script (atomic on the server). Outcomes: an error reply (READONLY, NOREPLICAS, ...) is
 * fail, the command was refused; a refused connection is fail; a timeout or a lost connection
 * during a write is info.
 */
final class RedisClient implements Client {

    static final String MASTER = "mymaster";
    private static final String CAS = "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2]) "
            + "return 1 else return 0 end";

    private final String sentinelHost;
    private final int sentinelPort;
    private final Function<String, String> primaryAddress;
    private final int timeoutMs;
    private final boolean set;
    private Resp sentinel;
    private Resp data;
    private String dataAt;

    /**
     * @param primaryAddress maps what Sentinel names as the primary (a host name or an address) to
     *                       where this client reaches that server ({@code host:port})
     * @param set            for the set workload (a read lists a key's members), else for registers
     */
    RedisClient(String sentinelHost, int sentinelPort, Function<String, String> primaryAddress, int timeoutMs, boolean set) {
        this.set = set;
        this.sentinelHost = sentinelHost;
        this.sentinelPort = sentinelPort;
        this.primaryAddress = primaryAddress;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Op invoke(Op op) {
        boolean read = op.f().equals("read");
        try {
            Resp r = primary();
            return switch (op.f()) {
                case "add" -> {
                    r.call("SADD", op.key(), String.valueOf(op.value()));
                    yield complete(op, OpType.OK, op.value(), null);
                }
                case "read" -> set
                        ? complete(op, OpType.OK, elements(r.call("SMEMBERS", op.key())), null)
                        : complete(op, OpType.OK, register(r.call("GET", op.key())), null);
                case "write" -> {
                    r.call("SET", op.key(), String.valueOf(op.value()));
                    yield complete(op, OpType.OK, op.value(), null);
                }
                case "cas" -> {
                    List<?> fromTo = (List<?>) op.value();
                    Object ok = r.call("EVAL", CAS, "1", op.key(), String.valueOf(fromTo.get(0)), String.valueOf(fromTo.get(1)));
                    yield complete(op, Long.valueOf(1).equals(ok) ? OpType.OK : OpType.FAIL, op.value(),
                            Long.valueOf(1).equals(ok) ? null : "compare failed");
                }
                default -> complete(op, OpType.FAIL, null, "unsupported f " + op.f());
            };
        } catch (Resp.RedisError e) {
            return complete(op, OpType.FAIL, read ? null : op.value(), e.getMessage());
        } catch (ConnectException e) {
            drop();
            return complete(op, OpType.FAIL, read ? null : op.value(), "connect: " + e.getMessage());
        } catch (SentinelUnavailable e) {
            drop();
            return complete(op, OpType.FAIL, read ? null : op.value(), e.getMessage());
        } catch (SocketTimeoutException e) {
            drop();
            return complete(op, read ? OpType.FAIL : OpType.INFO, read ? null : op.value(), "timeout");
        } catch (IOException | RuntimeException e) {
            drop();
            return complete(op, read ? OpType.FAIL : OpType.INFO, read ? null : op.value(), e.toString());
        }
    }

    /** Asking Sentinel failed: nothing was sent to a data server. */
    private static final class SentinelUnavailable extends IOException {
        SentinelUnavailable(String message) {
            super(message);
        }
    }

    private Resp primary() throws IOException {
        Object answer;
        try {
            if (sentinel == null) {
                sentinel = new Resp(sentinelHost, sentinelPort, 1000, timeoutMs);
            }
            answer = sentinel.call("SENTINEL", "get-master-addr-by-name", MASTER);
        } catch (IOException e) {
            if (sentinel != null) {
                sentinel.close();
                sentinel = null;
            }
            throw new SentinelUnavailable("sentinel: " + e.getMessage());
        }
        if (!(answer instanceof List<?> l) || l.size() != 2) {
            throw new SentinelUnavailable("sentinel knows no primary");
        }
        String at = primaryAddress.apply(l.get(0) + ":" + l.get(1));
        if (data == null || !at.equals(dataAt)) {
            if (data != null) {
                data.close();
            }
            int colon = at.lastIndexOf(':');
            data = new Resp(at.substring(0, colon), Integer.parseInt(at.substring(colon + 1)), 1000, timeoutMs);
            dataAt = at;
        }
        return data;
    }

    private void drop() {
        if (data != null) {
            data.close();
            data = null;
        }
    }

    static List<Object> elements(Object reply) {
        List<Long> out = new ArrayList<>();
        if (reply instanceof List<?> l) {
            for (Object o : l) {
                out.add(Long.parseLong(String.valueOf(o)));
            }
        }
        out.sort(null);
        return Values.list(out.toArray());
    }

    static Object register(Object reply) {
        return reply == null ? null : Long.parseLong(String.valueOf(reply));
    }

    private static Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(-1, -1, inv.process(), type, inv.f(), inv.key(), value, inv.node(), error, false);
    }

    @Override
    public void close() {
        drop();
        if (sentinel != null) {
            sentinel.close();
        }
    }
}
