package dev.chaos.cluster;

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
 * @param startTimeout      the cluster must serve within this
 * @param log               run.log
 */
public record TargetContext(List<String> nodes, Path runDir, Lab lab, boolean linearizableReads, Duration startTimeout,
                            Consumer<String> log) {

    /** Creates every link of {@code plan} in the lab's proxy and says where everything is. */
    public Wiring wire(LinkPlan plan) throws Exception {
        return lab.wire(plan);
    }

    public long startTimeoutMs() {
        return startTimeout.toMillis();
    }
}
