package dev.chaos.checker.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The isolation levels a transactional system may claim, after Adya and Elle, from weakest to
 * strongest. Repeatable read and snapshot isolation are incomparable (write skew, G2-item, is allowed
 * by snapshot isolation; repeatable read allows phantoms, which item histories cannot show), so this
 * is a partial order: {@link #weaker} lists each model's direct predecessors.
 */
public enum ConsistencyModel {
    READ_UNCOMMITTED,
    READ_COMMITTED(READ_UNCOMMITTED),
    REPEATABLE_READ(READ_COMMITTED),
    SNAPSHOT_ISOLATION(READ_COMMITTED),
    SERIALIZABLE(REPEATABLE_READ, SNAPSHOT_ISOLATION),
    STRONG_SESSION_SERIALIZABLE(SERIALIZABLE),
    STRICT_SERIALIZABLE(STRONG_SESSION_SERIALIZABLE);

    private final List<ConsistencyModel> weaker;

    ConsistencyModel(ConsistencyModel... weaker) {
        this.weaker = List.of(weaker);
    }

    /** {@code snapshot-isolation}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Null when the name is none of them. */
    public static ConsistencyModel byName(String name) {
        for (ConsistencyModel m : values()) {
            if (m.wire().equals(name)) {
                return m;
            }
        }
        return null;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ConsistencyModel::wire).toList();
    }

    /** This model and every model it implies (all weaker ones). */
    public Set<ConsistencyModel> andWeaker() {
        Set<ConsistencyModel> out = EnumSet.of(this);
        for (ConsistencyModel w : weaker) {
            out.addAll(w.andWeaker());
        }
        return out;
    }

    /**
     * The models that forbid an anomaly: the weakest that does, and every stronger one. Cycles that
     * need a process edge are forbidden by session guarantees, those that need a real-time edge only
     * by strict serializability.
     */
    public static Set<ConsistencyModel> forbidding(String anomaly) {
        ConsistencyModel weakest;
        if (anomaly.endsWith("-realtime")) {
            weakest = STRICT_SERIALIZABLE;
        } else if (anomaly.endsWith("-process")) {
            weakest = STRONG_SESSION_SERIALIZABLE;
        } else {
            weakest = switch (anomaly) {
                case "G1a", "G1b", "G1c" -> READ_COMMITTED;
                case "lost-update", "G-single" -> null; // both repeatable read and snapshot isolation
                case "G2-item" -> REPEATABLE_READ;
                default -> READ_UNCOMMITTED; // G0, internal, duplicate-elements, incompatible-order, negative balances, ...
            };
            if (weakest == null) {
                Set<ConsistencyModel> out = stronger(REPEATABLE_READ);
                out.addAll(stronger(SNAPSHOT_ISOLATION));
                return out;
            }
        }
        return stronger(weakest);
    }

    /** {@code m} and every model that implies it. */
    private static Set<ConsistencyModel> stronger(ConsistencyModel m) {
        Set<ConsistencyModel> out = EnumSet.noneOf(ConsistencyModel.class);
        for (ConsistencyModel c : values()) {
            if (c.andWeaker().contains(m)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Of a set of violated models, those with no violated weaker model (one, or RR and SI both). */
    public static List<ConsistencyModel> weakest(Collection<ConsistencyModel> violated) {
        List<ConsistencyModel> out = new ArrayList<>();
        for (ConsistencyModel m : violated) {
            boolean minimal = true;
            for (ConsistencyModel w : m.andWeaker()) {
                if (w != m && violated.contains(w)) {
                    minimal = false;
                }
            }
            if (minimal) {
                out.add(m);
            }
        }
        return out;
    }
}
