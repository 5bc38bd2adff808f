package dev.chaos.cluster;

/** A cluster whose stopped nodes can lose their data and rejoin empty: the procedure step {@code wipe} needs it. */
public interface Wipeable {

    /**
     * Delete a stopped node's data, so that its next start begins empty and catches up from the
     * others (keeping only what the target needs to know who the node is, e.g. ZooKeeper's myid;
     * membership changes where the target needs them, e.g. etcd).
     */
    void wipe(String node) throws Exception;
}
