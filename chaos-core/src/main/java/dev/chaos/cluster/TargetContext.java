package dev.chaos.cluster;

import dev.chaos.workload.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a target starts its cluster with.
 *
 * @param nodes             node names {@code n1..nN}
 * @param runDir            the run directory (node logs and data go under {@code nodes/})
 * @param lab               where the nodes run: the backend's addresses, links and node control
 * @param linearizableReads reads go through a quorum (ZooKeeper {@code sync}, etcd linearizable)
 * @param isolation         the isolation level of the transactional workloads' transactions
 * @param startTimeout      the cluster must serve within this
 * @param log               run.log
 * @param spares            nodes not started with the cluster nor in its initial membership: slots a
 *                          procedure's {@code add-member} fills later ({@code dev.chaos.scenario.SpareNodes});
 *                          a target without {@link Membership} never gets any
 */
public record TargetContext(List<String> nodes, Path runDir, Lab lab, boolean linearizableReads, Isolation isolation,
                            Duration startTimeout, Consumer<String> log, List<String> spares) {

    public TargetContext {
        isolation = isolation == null ? Isolation.SERIALIZABLE : isolation;
        spares = spares == null ? List.of() : List.copyOf(spares);
    }

    /** A context with every node in the initial membership. */
    public TargetContext(List<String> nodes, Path runDir, Lab lab, boolean linearizableReads, Isolation isolation,
                         Duration startTimeout, Consumer<String> log) {
        this(nodes, runDir, lab, linearizableReads, isolation, startTimeout, log, List.of());
    }

    /** The nodes the cluster starts with: every node but the spares. */
    public List<String> initialMembers() {
        return nodes.stream().filter(n -> !spares.contains(n)).toList();
    }

    /** A context whose transactions (if any) are serializable. */
    public TargetContext(List<String> nodes, Path runDir, Lab lab, boolean linearizableReads, Duration startTimeout,
                         Consumer<String> log) {
        this(nodes, runDir, lab, linearizableReads, Isolation.SERIALIZABLE, startTimeout, log);
    }

    /** Creates every link of {@code plan} in the lab's proxy and says where everything is. */
    public Wiring wire(LinkPlan plan) throws Exception {
        return lab.wire(plan);
    }

    public long startTimeoutMs() {
        return startTimeout.toMillis();
    }
}
