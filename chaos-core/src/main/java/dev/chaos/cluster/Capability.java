package dev.chaos.cluster;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a cluster can do beyond the minimum, each the optional interface its type implements (as
 * Jepsen's {@code db/Kill}, {@code db/Pause} and {@code db/Primary} protocols are): a capability is
 * never claimed apart from the code that provides it.
 */
public enum Capability {
    LEADER(Leader.class),
    KILL(Killable.class),
    PAUSE(Pausable.class),
    STOP_START(Stoppable.class),
    WIPE(Wipeable.class),
    MEMBERSHIP(Membership.class),
    HEALTH(HealthProbe.class),
    CLOCK(ClockControl.class),
    METRICS(MetricsEndpoints.class);

    private final Class<?> type;

    Capability(Class<?> type) {
        this.type = type;
    }

    /** The interface a cluster implements to have it. */
    public Class<?> type() {
        return type;
    }

    /** As written in messages and {@code chaos targets}: {@code leader}, {@code kill}, {@code stop-start}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every capability a cluster of this type has. */
    public static Set<Capability> of(Class<? extends Cluster> clusterType) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (Capability c : values()) {
            if (c.type.isAssignableFrom(clusterType)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * {@code cluster} as the capability interface {@code type}, for {@code usedBy} (a fault kind or
     * procedure step). A scenario needing what its target's cluster is not is refused before the run
     * ({@code dev.chaos.scenario.Requirements}), so this failing is a bug, and it says so plainly.
     */
    public static <T> T require(Cluster cluster, Class<T> type, String usedBy) {
        if (!type.isInstance(cluster)) {
            throw new IllegalStateException(usedBy + " needs a cluster that is " + type.getSimpleName() + "; "
                    + cluster.getClass().getSimpleName() + " is not");
        }
        return type.cast(cluster);
    }
}
