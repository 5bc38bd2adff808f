package dev.chaos.cluster;

import dev.chaos.workload.Isolation;
import java.util.List;
import java.util.Set;

/**
 * A system under test: how to start its nodes on a backend, wire their peer links through the
 * link proxies, and talk to it. Found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.chaos.cluster.Target}): the built-in zookeeper, etcd and redis are
 * providers like any other, and {@link Targets} lists them all.
 */
public interface Target {

    /** How {@code --target} names it: lower case, e.g. {@code zookeeper}. */
    String name();

    /** One line for {@code chaos targets}. */
    String description();

    /** The backends it runs on, by {@link Backend#name}; the first is its default. */
    List<String> backends();

    /** The workloads it has clients for, by {@link dev.chaos.workload.Workload#name}. */
    List<String> workloads();

    /**
     * The consistency model the target promises for transactions run at {@code isolation}, by the
     * transactional checkers' names ({@code serializable}, {@code snapshot-isolation}, ...): what the
     * list-append and rw-register checkers judge a run against. Default: the level's own name.
     */
    default String consistency(Isolation isolation) {
        return isolation.id();
    }

    /**
     * The type of the cluster {@link #start} returns on {@code backend}: its optional interfaces are
     * the target's capabilities there, known before anything starts.
     */
    Class<? extends Cluster> clusterType(String backend);

    /** What it can do on {@code backend}, from {@link #clusterType}. */
    default Set<Capability> capabilities(String backend) {
        return Capability.of(clusterType(backend));
    }

    /**
     * Starts the nodes in {@code context}'s lab, every link through a proxy ({@link TargetContext#wire}),
     * and returns once the cluster serves. The lab tears down what it started if this throws.
     */
    Cluster start(TargetContext context) throws Exception;
}
