package dev.chaos.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Every workload, by name: the built-ins and any {@link Workload} provider on the class path
 * ({@code META-INF/services/dev.chaos.workload.Workload}). A workload holds per-run state (the
 * set's next element), so each run gets a fresh one from {@link #create}.
 */
public final class Workloads {

    private static final List<Supplier<Workload>> BUILT_IN = List.of(SetWorkload::new, CasRegisterWorkload::new,
            ListAppendWorkload::new, RwRegisterWorkload::new, BankWorkload::new, KvWorkload::new);

    /** The built-in workloads made of transactions, which run at an {@link Isolation} level. */
    public static final List<String> TRANSACTIONAL = List.of("list-append", "rw-register", "bank");

    private Workloads() {
    }

    /** A fresh instance of every workload, built-ins first. */
    public static List<Workload> all() {
        List<Workload> out = new ArrayList<>();
        BUILT_IN.forEach(s -> out.add(s.get()));
        for (Workload w : ServiceLoader.load(Workload.class)) {
            if (out.stream().noneMatch(o -> o.name().equals(w.name()))) {
                out.add(w);
            }
        }
        return out;
    }

    /** A fresh workload named {@code name}. */
    public static Optional<Workload> create(String name) {
        return all().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** A fresh workload named {@code name}, the kv workload with {@code kv} (null: its defaults). */
    public static Optional<Workload> create(String name, KvOptions kv) {
        return "kv".equals(name) ? Optional.of(new KvWorkload(kv)) : create(name);
    }

    /** Every name, for messages. */
    public static List<String> names() {
        return all().stream().map(Workload::name).toList();
    }

    /**
     * For the built-in targets, whose clients differ only in what a read returns: true for the set
     * workload (a read lists a key's elements), false for the register and kv ones (a read reads one value).
     *
     * @throws IllegalArgumentException naming {@code target}, for any other workload
     */
    public static boolean isSet(Workload workload, String target) {
        return switch (workload) {
            case SetWorkload s -> true;
            case CasRegisterWorkload r -> false;
            case KvWorkload k -> false; // many registers: the register clients serve it
            default -> throw new IllegalArgumentException(target + " has no client for workload " + workload.name());
        };
    }
}
