package dev.chaos.sut.zookeeper;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.Values;
import dev.chaos.workload.Client;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * One client process's ZooKeeper session, pinned to one server (through its client link).
 *
 * <p>Set: {@code add x} to key k creates {@code /set/k/e<x>}; {@code read} of k lists {@code /set/k}. Register:
 * {@code /reg/<key>} holds the value as text; {@code write} is setData (creating the node if
 * absent); {@code cas [from to]} reads the value and its version and sets the new value only at
 * that version, so a concurrent change makes it fail. Reads call {@code sync()} first when asked:
 * ZooKeeper documents that a plain read may return stale data.
 *
 * <p>Outcomes: an error that proves nothing happened (NoNode for a cas, BadVersion, a value
 * mismatch) is {@code fail}; connection loss, timeouts and session expiry leave the outcome unknown,
 * so a write completes {@code info}. A failed read never changes anything, so it is {@code fail}.
 */
final class ZooKeeperClient implements Client {

    static final String SET = "/set";
    static final String REG = "/reg";

    private final ZooKeeper zk;
    private final boolean syncReads;
    private final boolean set;

    /**
     * @param set whether this client serves the set workload (its reads list a key's elements) or
     *            the register workload (its reads read one register)
     */
    ZooKeeperClient(String connect, int sessionTimeoutMs, boolean syncReads, boolean set) throws Exception {
        this.syncReads = syncReads;
        this.set = set;
        CountDownLatch connected = new CountDownLatch(1);
        this.zk = new ZooKeeper(connect, sessionTimeoutMs, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        boolean up;
        try {
            up = connected.await(sessionTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            zk.close(100); // the runner gave up waiting: the half-open session must not linger and reconnect
            throw e;
        }
        if (!up) {
            zk.close(100);
            throw new IllegalStateException("no ZooKeeper session with " + connect + " within " + sessionTimeoutMs + " ms");
        }
    }

    @Override
    public Op invoke(Op op) {
        try {
            return switch (op.f()) {
                case "add" -> add(op);
                case "read" -> set ? readSet(op) : readRegister(op);
                case "write" -> write(op);
                case "cas" -> cas(op);
                default -> complete(op, OpType.FAIL, null, "unsupported f " + op.f());
            };
        } catch (KeeperException e) {
            boolean read = op.f().equals("read");
            return complete(op, read ? OpType.FAIL : OpType.INFO, null, e.code().name().toLowerCase(java.util.Locale.ROOT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return complete(op, op.f().equals("read") ? OpType.FAIL : OpType.INFO, null, "interrupted");
        } catch (RuntimeException e) {
            return complete(op, op.f().equals("read") ? OpType.FAIL : OpType.INFO, null, e.toString());
        }
    }

    private Op add(Op op) throws KeeperException, InterruptedException {
        String parent = SET + "/" + op.key();
        try {
            zk.create(parent + "/e" + op.value(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // unique elements: it can only be ours
        } catch (KeeperException.NoNodeException e) {
            try {
                zk.create(parent, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException raced) {
                // another client made the key first
            }
            return add(op);
        }
        return complete(op, OpType.OK, op.value(), null);
    }

    private Op readSet(Op op) throws KeeperException, InterruptedException {
        String path = SET + "/" + op.key();
        sync(path);
        try {
            return complete(op, OpType.OK, elements(zk.getChildren(path, false)), null);
        } catch (KeeperException.NoNodeException e) {
            return complete(op, OpType.OK, List.of(), null); // nothing added to this key yet
        }
    }

    /** Every element of every key: one server's whole view of the set. */
    static List<Object> allElements(ZooKeeper zk) throws KeeperException, InterruptedException {
        List<String> all = new ArrayList<>();
        for (String key : zk.getChildren(SET, false)) {
            try {
                all.addAll(zk.getChildren(SET + "/" + key, false));
            } catch (KeeperException.NoNodeException e) {
                // cannot happen: keys are never deleted
            }
        }
        return elements(all);
    }

    static List<Object> elements(List<String> children) {
        List<Long> out = new ArrayList<>(children.size());
        for (String c : children) {
            if (c.startsWith("e")) {
                out.add(Long.parseLong(c.substring(1)));
            }
        }
        out.sort(null);
        return Values.list(out.toArray());
    }

    private Op readRegister(Op op) throws KeeperException, InterruptedException {
        sync(REG + "/" + op.key());
        try {
            return complete(op, OpType.OK, value(zk.getData(REG + "/" + op.key(), false, null)), null);
        } catch (KeeperException.NoNodeException e) {
            return complete(op, OpType.OK, null, null);
        }
    }

    private Op write(Op op) throws KeeperException, InterruptedException {
        String path = REG + "/" + op.key();
        byte[] data = String.valueOf(op.value()).getBytes(StandardCharsets.UTF_8);
        try {
            zk.setData(path, data, -1);
        } catch (KeeperException.NoNodeException e) {
            try {
                zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException raced) {
                zk.setData(path, data, -1);
            }
        }
        return complete(op, OpType.OK, op.value(), null);
    }

    private Op cas(Op op) throws KeeperException, InterruptedException {
        String path = REG + "/" + op.key();
        List<?> fromTo = (List<?>) op.value();
        Stat stat = new Stat();
        Object current;
        try {
            current = value(zk.getData(path, false, stat));
        } catch (KeeperException.NoNodeException e) {
            return complete(op, OpType.FAIL, op.value(), "absent");
        }
        if (!fromTo.get(0).equals(current)) {
            return complete(op, OpType.FAIL, op.value(), "value is " + current);
        }
        try {
            zk.setData(path, String.valueOf(fromTo.get(1)).getBytes(StandardCharsets.UTF_8), stat.getVersion());
        } catch (KeeperException.BadVersionException e) {
            return complete(op, OpType.FAIL, op.value(), "changed concurrently");
        }
        return complete(op, OpType.OK, op.value(), null);
    }

    private void sync(String path) throws InterruptedException, KeeperException {
        if (!syncReads) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        int[] rc = new int[1];
        zk.sync(path, (code, p, ctx) -> {
            rc[0] = code;
            done.countDown();
        }, null);
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new KeeperException.OperationTimeoutException();
        }
        if (rc[0] != KeeperException.Code.OK.intValue() && rc[0] != KeeperException.Code.NONODE.intValue()) {
            throw KeeperException.create(KeeperException.Code.get(rc[0]));
        }
    }

    static Object value(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        return s.isEmpty() ? null : Long.parseLong(s);
    }

    ZooKeeper handle() {
        return zk;
    }

    private static Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(-1, -1, inv.process(), type, inv.f(), inv.key(), value, inv.node(), error, false);
    }

    @Override
    public void close() {
        try {
            zk.close(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
