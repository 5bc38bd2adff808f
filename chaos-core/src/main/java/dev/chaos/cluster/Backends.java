package dev.chaos.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every {@link Backend} on the class path, by name. */
public final class Backends {

    private static volatile List<Backend> all;

    private Backends() {
    }

    public static List<Backend> all() {
        List<Backend> found = all;
        if (found == null) {
            List<Backend> list = new ArrayList<>();
            ServiceLoader.load(Backend.class).forEach(list::add);
            list.sort(Comparator.comparing(Backend::name));
            found = all = List.copyOf(list);
        }
        return found;
    }

    public static Optional<Backend> named(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
