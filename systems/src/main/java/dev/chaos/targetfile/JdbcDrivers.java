package dev.chaos.targetfile;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JDBC drivers a target file can use: those on chaos' class path (PostgreSQL's and MariaDB's) and
 * every driver jar in the {@code drivers/} folder beside the file. Drivers are found by
 * {@link ServiceLoader} and asked directly, not through {@code DriverManager}, which ignores drivers
 * from a class loader other than its caller's.
 */
final class JdbcDrivers {

    /** Per folder (null: none): the drivers, built-in ones first. */
    private static final Map<Path, List<Driver>> LOADED = new ConcurrentHashMap<>();
    private static final Path NONE = Path.of("");

    private JdbcDrivers() {
    }

    /** The first driver that takes {@code url}, or null. */
    static Driver forUrl(String url, Path folder) {
        for (Driver d : drivers(folder)) {
            try {
                if (d.acceptsURL(url)) {
                    return d;
                }
            } catch (SQLException e) {
                // a driver that cannot tell does not take it
            }
        }
        return null;
    }

    /** The jars in {@code folder}, by name; none when it does not exist. */
    static List<Path> jars(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new TargetFileException(folder + ": cannot list the driver jars: " + e.getMessage());
        }
    }

    private static List<Driver> drivers(Path folder) {
        return LOADED.computeIfAbsent(folder == null ? NONE : folder, f -> {
            List<URL> urls = new ArrayList<>();
            for (Path jar : f == NONE ? List.<Path>of() : jars(f)) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new TargetFileException(jar + ": not a jar path: " + e.getMessage());
                }
            }
            ClassLoader own = JdbcDrivers.class.getClassLoader();
            ClassLoader loader = urls.isEmpty() ? own : new URLClassLoader(urls.toArray(URL[]::new), own);
            List<Driver> out = new ArrayList<>();
            for (ServiceLoader.Provider<Driver> p : ServiceLoader.load(Driver.class, loader).stream().toList()) {
                try {
                    out.add(p.get());
                } catch (java.util.ServiceConfigurationError e) {
                    // a driver whose own dependencies are missing: the others still serve
                }
            }
            return List.copyOf(out);
        });
    }
}
