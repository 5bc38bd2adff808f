package dev.chaos.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run's place on a backend: the link proxy, the addresses, and control of the nodes a target
 * started in it (each backend has its own way to start one: a command line for {@code local}, an
 * image for {@code docker}). Closing it stops every node and removes everything it made; it is
 * safe to call more than once.
 */
public interface Lab extends AutoCloseable {

    /** The backend's name. */
    String backend();

    List<String> nodes();

    /** The proxy's Toxiproxy API, {@code host:port}. */
    String proxyApi();

    /**
     * Creates every link of {@code plan} (one {@code /populate}) with the backend's addresses and
     * returns where everything is.
     */
    Wiring wire(LinkPlan plan) throws Exception;

    /** The links {@link #wire} made, for the nemesis; null before. */
    LinkTopology topology();

    /** SIGKILL the node. */
    void kill(String node);

    /** Start a killed or stopped node again, with its data. */
    void start(String node) throws Exception;

    /** SIGTERM, then SIGKILL after {@code grace}; false when it had to be killed. */
    boolean stop(String node, Duration grace);

    /** SIGSTOP. */
    void pause(String node) throws Exception;

    /** SIGCONT. */
    void resume(String node) throws Exception;

    boolean running(String node);

    /**
     * Runs every node started from now on under a wall clock the lab can set off ({@link FakeClock}),
     * at offset 0; called before the target starts, and only when the scenario schedules a clock
     * fault, so no other run depends on libfaketime. Throws, saying what to install, where the
     * backend cannot.
     */
    default void controlClocks() throws Exception {
        throw new UnsupportedOperationException("the " + backend() + " backend cannot set node clocks");
    }

    /** Sets the node's clock to real time plus {@code offset} (whole seconds); only after {@link #controlClocks}. */
    default void setClockOffset(String node, Duration offset) throws Exception {
        throw new UnsupportedOperationException("the " + backend() + " backend cannot set node clocks");
    }

    /**
     * The node's wall clock minus real time, in ms, as a process started now in the node's
     * environment reads it ({@code date}, under the node's libfaketime and offset file); null where
     * the lab cannot look. Proves the offset is in force where the node runs.
     */
    default Long clockOffsetSeen(String node) throws Exception {
        return null;
    }

    /** The last lines of the node's log, for error messages. */
    String logTail(String node, int lines);

    /** Copies every node's log into {@code dir} as {@code <node>.log} (where they are not written there already). */
    void collectLogs(Path dir);

    @Override
    void close();
}
