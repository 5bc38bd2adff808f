package dev.chaos.targetfile;

import java.util.List;
import java.util.Map;

/**
 * What a target file's cluster asks of the backend its nodes run on, beyond the lab's kill, pause,
 * stop and start: {@link ContainerNodes} on docker, {@link ProcessNodes} on local.
 */
interface FileNodes {

    /** Runs a probe's command for the node (in its container, or on this machine); its exit code. */
    int probe(String node, List<String> command) throws Exception;

    /** Empties the stopped node's data, so it starts as a new member. */
    void wipe(String node) throws Exception;

    /** The node's facts for procedures and reports: ADDRESS, CLIENT, and the backend's own (CONTAINER, or PID and DATA). */
    Map<String, String> describe(String node);
}
