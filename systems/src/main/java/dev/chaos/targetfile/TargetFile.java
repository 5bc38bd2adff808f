package dev.chaos.targetfile;

import dev.chaos.cluster.Capability;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target file, read and checked ({@link TargetFiles}): everything {@link FileTarget} needs to
 * start the nodes, wire every link through the proxy, wait for them, and talk to them.
 *
 * @param source  the file, for messages
 * @param docker  how a node runs on the docker backend; null: the file has no {@code docker} section
 * @param control the node faults the system takes (kill, pause, stop-start, wipe)
 * @param leader  null: the system names no leader ({@code isolate-leader} is refused)
 * @param clients by workload name
 * @param local   how a node runs on the local backend; null: the file has no {@code local} section
 */
public record TargetFile(String source, String name, String description, NodeTemplate docker, int clientPort,
                         List<Integer> peerPorts, Probe ready, Probe leader, Set<Capability> control,
                         Map<String, ClientSpec> clients, LocalTemplate local) {

    /** The backends the file says how to run on, its default first: docker when it has that section. */
    public java.util.List<String> backends() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (docker != null) {
            out.add("docker");
        }
        if (local != null) {
            out.add("local");
        }
        return out;
    }
}
