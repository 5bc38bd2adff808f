package dev.chaos.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every {@link Target} on the class path, found once with {@link ServiceLoader}, by name. */
public final class Targets {

    private static volatile List<Target> all;

    private Targets() {
    }

    /** Every target found, by name; two providers of one name are an error naming both classes. */
    public static List<Target> all() {
        List<Target> found = all;
        if (found == null) {
            List<Target> list = new ArrayList<>();
            for (Target t : ServiceLoader.load(Target.class)) {
                for (Target other : list) {
                    if (other.name().equals(t.name())) {
                        throw new IllegalStateException("two targets named '" + t.name() + "': " + other.getClass().getName()
                                + " and " + t.getClass().getName() + "; remove one from the class path");
                    }
                }
                list.add(t);
            }
            list.sort(Comparator.comparing(Target::name));
            found = all = List.copyOf(list);
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
