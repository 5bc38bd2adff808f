package dev.chaos.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/** The {@link ServiceLoader} providers of one SPI, by name: two of one name are an error naming both classes. */
final class Providers {

    private Providers() {
    }

    static <T> List<T> load(Class<T> spi, Function<T, String> name) {
        List<T> list = new ArrayList<>();
        for (T p : ServiceLoader.load(spi)) {
            for (T other : list) {
                if (name.apply(other).equals(name.apply(p))) {
                    throw new IllegalStateException("two " + spi.getSimpleName() + " providers named '" + name.apply(p) + "': "
                            + other.getClass().getName() + " and " + p.getClass().getName() + "; remove one from the class path");
                }
            }
            list.add(p);
        }
        list.sort(Comparator.comparing(name));
        return List.copyOf(list);
    }
}
