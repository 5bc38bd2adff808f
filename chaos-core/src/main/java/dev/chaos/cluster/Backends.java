package dev.chaos.cluster;

import java.util.List;
import java.util.Optional;

/** Every {@link Backend} on the class path, found once with {@link java.util.ServiceLoader}, by name. */
public final class Backends {

    private static volatile List<Backend> all;

    private Backends() {
    }

    public static List<Backend> all() {
        List<Backend> found = all;
        if (found == null) {
            found = all = Providers.load(Backend.class, Backend::name);
        }
        return found;
    }

    public static Optional<Backend> named(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The names, for messages: {@code docker, local}. */
    public static String names() {
        return String.join(", ", all().stream().map(Backend::name).toList());
    }
}
