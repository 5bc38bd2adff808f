package dev.chaos.cluster;

import java.util.List;
import java.util.Optional;

/** Every {@link Target} on the class path, found once with {@link java.util.ServiceLoader}, by name. */
public final class Targets {

    private static volatile List<Target> all;

    private Targets() {
    }

    /** Every target found, by name; two providers of one name are an error naming both classes. */
    public static List<Target> all() {
        List<Target> found = all;
        if (found == null) {
            found = all = Providers.load(Target.class, Target::name);
        }
        return found;
    }

    public static Optional<Target> named(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The names, for messages: {@code etcd, redis, zookeeper}. */
    public static String names() {
        return String.join(", ", all().stream().map(Target::name).toList());
    }
}
