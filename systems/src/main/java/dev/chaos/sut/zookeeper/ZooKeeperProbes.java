package dev.chaos.sut.zookeeper;

import dev.chaos.workload.SetWorkload;
import dev.chaos.workload.Workload;
import java.util.Map;
import java.util.TreeMap;

/** The convergence probe's plain reads of one server's own state, over a session kept per node. */
final class ZooKeeperProbes {

    private ZooKeeperProbes() {
    }

    /** Node {@code node}'s view at {@code connect} (no sync): all set elements, or every register. */
    static Object read(Map<String, ZooKeeperClient> probes, String node, String connect, Workload workload)
            throws Exception {
        ZooKeeperClient probe = probes.get(node);
        if (probe == null || !probe.handle().getState().isConnected()) {
            if (probe != null) {
                probe.close();
            }
            probe = new ZooKeeperClient(connect, ZooKeeperCluster.SESSION_TIMEOUT_MS, false, false);
            probes.put(node, probe);
        }
        if (workload instanceof SetWorkload) {
            return ZooKeeperClient.allElements(probe.handle());
        }
        Map<String, Object> registers = new TreeMap<>();
        for (String key : probe.handle().getChildren(ZooKeeperClient.REG, false)) {
            registers.put(key, ZooKeeperClient.value(probe.handle().getData(ZooKeeperClient.REG + "/" + key, false, null)));
        }
        return registers;
    }
}
