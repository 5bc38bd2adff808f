package dev.chaos.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a lab fakes a node's wall clock: libfaketime (Debian's {@code faketime} package) preloaded
 * into the node's processes, reading a relative offset ({@code +0}, {@code -42s}) from a file of
 * that node's own, {@code clock/<node>/offset} in the run directory, which the lab rewrites while
 * the node runs.
 *
 * <p>libfaketime caches the file for {@link #TAKES_EFFECT_WITHIN}: re-reading it on every call
 * ({@code FAKETIME_NO_CACHE}) cost about 50 µs per {@code System.currentTimeMillis()}, against about
 * 4 µs with a one-second cache (and 40 ns without libfaketime). The monotonic clock is not faked
 * ({@code FAKETIME_DONT_FAKE_MONOTONIC}): a JVM hangs when it is, and a real clock does not jump
 * its monotonic time either. Offsets are whole seconds, as libfaketime reads a fraction with the
 * locale's decimal mark.
 */
public final class FakeClock {

    /** Debian's multithreaded libfaketime on amd64: in the images, and on the machines CI runs on. */
    public static final String LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

    /** Where the library may be on a local machine: Debian's multiarch directories. */
    private static final List<String> LOCAL_LIBRARIES = List.of(LIBRARY,
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1", "/usr/lib/faketime/libfaketimeMT.so.1");

    /** The offset file in a node's clock directory. */
    public static final String FILE = "offset";

    /** Where a container sees its node's clock directory (mounted read-only). */
    public static final String CONTAINER_DIR = "/chaos-clock";

    /** libfaketime re-reads the offset file at most this often ({@code FAKETIME_CACHE_DURATION}). */
    public static final Duration TAKES_EFFECT_WITHIN = Duration.ofSeconds(1);

    /** What the missing library's error tells a user to do. */
    public static final String INSTALL_HINT = "install Debian's faketime package (.ci/install-faketime.sh, or apt-get install faketime)";

    private FakeClock() {
    }

    /** libfaketime's relative offset for {@code offset}: {@code +0}, {@code +23s}, {@code -42s}. */
    public static String text(Duration offset) {
        if (offset.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("clock offsets are whole seconds, not " + offset.toMillis() + " ms");
        }
        long s = offset.toSeconds();
        return s == 0 ? "+0" : (s > 0 ? "+" : "") + s + "s";
    }

    /** The environment that runs a process under the offset kept in {@code dir} (as the process sees the path). */
    public static Map<String, String> environment(String library, String dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LD_PRELOAD", library);
        env.put("FAKETIME_TIMESTAMP_FILE", dir + "/" + FILE);
        env.put("FAKETIME_CACHE_DURATION", Long.toString(TAKES_EFFECT_WITHIN.toSeconds()));
        env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        return env;
    }

    /** Writes {@code offset} into {@code dir}'s offset file by a rename, so libfaketime never reads half a file. */
    public static void write(Path dir, Duration offset) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, text(offset) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** libfaketime on this machine, or null when it is not installed. */
    public static Path localLibrary() {
        for (String l : LOCAL_LIBRARIES) {
            Path p = Path.of(l);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }
}
