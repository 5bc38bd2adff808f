package dev.chaos.cluster;

import java.time.Duration;

/**
 * A cluster whose nodes' wall clocks can be set off from real time, one node at a time: the
 * {@code clock-skew}, {@code clock-bump} and {@code clock-strobe} faults need it. Claimed only where
 * it takes effect: the nodes must read the time through libc, where libfaketime
 * ({@link FakeClock}) intercepts it. A JVM does; a Go binary (etcd) reads it through the vDSO and
 * never sees the offset, and Redis hangs under libfaketime, so neither claims this.
 */
public interface ClockControl {

    /**
     * Sets the node's wall clock to real time plus {@code offset} (negative: behind), whole seconds.
     * The node sees it within {@link FakeClock#TAKES_EFFECT_WITHIN}; its monotonic clock is untouched.
     */
    void setClockOffset(String node, Duration offset) throws Exception;

    /** The node's clock minus real time in ms as seen where the node runs ({@link Lab#clockOffsetSeen}); null: not seen. */
    default Long clockOffsetSeen(String node) throws Exception {
        return null;
    }
}
