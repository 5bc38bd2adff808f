package dev.chaos.cluster;

/** A cluster that can say whether a node serves: the procedure steps {@code wait-healthy} and {@code wait-caught-up} need it. */
public interface HealthProbe {

    /** Whether the target says the node serves (a ZooKeeper leader or follower, an etcd member that knows its leader...). */
    boolean healthy(String node);
}
