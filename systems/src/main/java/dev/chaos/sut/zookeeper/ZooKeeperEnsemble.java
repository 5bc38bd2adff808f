package dev.chaos.sut.zookeeper;

import dev.chaos.cluster.Readiness;
import dev.chaos.cluster.Wiring;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import dev.chaos.workload.Workloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * How chaos talks to a running ZooKeeper ensemble, whatever runs it: the workload clients (through
 * the client links), the convergence probe's plain reads (directly, over a session kept per node),
 * and each server's role from the {@code srvr} four-letter command. Both backends' clusters use it.
 */
final class ZooKeeperEnsemble {

    static final int SESSION_TIMEOUT_MS = 4000;

    private final List<String> nodes;
    private final Wiring wiring;
    private final boolean syncReads;
    private final Map<String, ZooKeeperClient> probes = new ConcurrentHashMap<>();

    ZooKeeperEnsemble(List<String> nodes, Wiring wiring, boolean syncReads) {
        this.nodes = List.copyOf(nodes);
        this.wiring = wiring;
        this.syncReads = syncReads;
    }

    /** The workload's client for {@code node}, through its client link. */
    Client openClient(String node, Workload workload) throws Exception {
        return new ZooKeeperClient(wiring.clientLink(node), SESSION_TIMEOUT_MS, syncReads, Workloads.isSet(workload, "zookeeper"));
    }

    /** Node {@code node}'s own view (no sync): all set elements, or every register. */
    Object localRead(String node, Workload workload) throws Exception {
        ZooKeeperClient probe = probes.get(node);
        if (probe == null || !probe.handle().getState().isConnected()) {
            if (probe != null) {
                probe.close();
            }
            probe = new ZooKeeperClient(wiring.direct(node), SESSION_TIMEOUT_MS, false, false);
            probes.put(node, probe);
        }
        if (Workloads.isSet(workload, "zookeeper")) {
            return ZooKeeperClient.allElements(probe.handle());
        }
        return registers(probe.handle());
    }

    /**
     * Every register's value, the reads pipelined (asynchronous getData, then one wait): kv has up to
     * {@link dev.chaos.workload.KvOptions#MAX_KEYS} keys, and one round trip each would make the probe,
     * and so the measured convergence time, grow with them.
     */
    static Map<String, Object> registers(ZooKeeper zk) throws Exception {
        List<String> keys = zk.getChildren(ZooKeeperClient.REG, false);
        Map<String, Object> registers = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(keys.size());
        AtomicReference<KeeperException.Code> failed = new AtomicReference<>();
        for (String key : keys) {
            zk.getData(ZooKeeperClient.REG + "/" + key, false, (rc, path, ctx, data, stat) -> {
                if (rc == KeeperException.Code.OK.intValue()) {
                    Object v = ZooKeeperClient.value(data);
                    registers.put(key, v == null ? NULL : v);
                } else if (rc != KeeperException.Code.NONODE.intValue()) {
                    failed.compareAndSet(null, KeeperException.Code.get(rc));
                }
                done.countDown();
            }, null);
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new KeeperException.OperationTimeoutException();
        }
        if (failed.get() != null) {
            throw KeeperException.create(failed.get());
        }
        Map<String, Object> out = new TreeMap<>();
        registers.forEach((k, v) -> out.put(k, v == NULL ? null : v));
        return out;
    }

    /** Stands for an empty register in the concurrent map, which takes no null values. */
    private static final Object NULL = new Object();

    /** Each node's role from {@code srvr} at its own client port: {@code leader}, {@code follower}, or {@code down}. */
    Map<String, String> modes() {
        Map<String, String> modes = new TreeMap<>();
        for (String n : nodes) {
            modes.put(n, mode(n));
        }
        return modes;
    }

    /** One node's role from its own {@code srvr}: {@code leader}, {@code follower}, or {@code down}. */
    private String mode(String node) {
        for (String line : srvr(node).split("\n")) {
            if (line.startsWith("Mode: ")) {
                return line.substring(6).trim();
            }
        }
        return "down";
    }

    String leader() {
        return Readiness.leaderOf(modes());
    }

    /** Serving: the node's own {@code srvr} says leader or follower (no other node is asked). */
    boolean healthy(String node) {
        String mode = mode(node);
        return mode.equals("leader") || mode.equals("follower");
    }

    /** The parent znodes of the set and the registers, made once through {@code node}. */
    void createParents(String node) throws Exception {
        try (ZooKeeperClient c = new ZooKeeperClient(wiring.direct(node), SESSION_TIMEOUT_MS, false, false)) {
            for (String path : List.of(ZooKeeperClient.SET, ZooKeeperClient.REG)) {
                try {
                    c.handle().create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    // a restart of the same data
                }
            }
        }
    }

    private String srvr(String node) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(wiring.host(node), wiring.clientPort(node)), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Closes the probe sessions. */
    void close() {
        probes.values().forEach(ZooKeeperClient::close);
        probes.clear();
    }
}
