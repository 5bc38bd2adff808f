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
 * <p>libfaketime keeps what it read for the rest of the second ({@link #TAKES_EFFECT_WITHIN}):
 * re-reading the file on every call ({@code FAKETIME_NO_CACHE}) cost about 50 µs per
 * {@code System.currentTimeMillis()}, against about 4 µs cached (and 40 ns without libfaketime).
 * The monotonic clock is not faked ({@code FAKETIME_DONT_FAKE_MONOTONIC}): a real clock step leaves
 * it alone too, and timed waits keep real time ({@code FAKETIME_FORCE_MONOTONIC_FIX=0}, see
 * {@link #environment}). Offsets are whole seconds, as libfaketime reads a fraction with the
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

    /** How soon a node's process sees a new offset: libfaketime re-reads the file once a second at most. */
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
        // re-read the file once the whole second of the last read has passed, so a new offset is seen
        // within 1 s (libfaketime compares whole seconds: its "1" meant 2 to 3 s, too late for a test)
        env.put("FAKETIME_CACHE_DURATION", "0");
        env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        // libfaketime turns a "monotonic fix" on by itself on glibc, and with it every timed wait on a
        // monotonic condition (Object.wait(200), LockSupport.parkNanos) returned at once: the JVM
        // spun, and a ZooKeeper quorum under it never formed on a busy machine. Off, waits keep time.
        env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
        return env;
    }

    /** Writes {@code offset} into {@code dir}'s offset file by a rename, so libfaketime never reads half a file. */
    public static void write(Path dir, Duration offset) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, text(offset) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What a lab runs in a node's environment to see its clock: epoch milliseconds on one line. */
    public static final List<String> PROBE = List.of("date", "+%s%3N");

    /**
     * The offset a {@link #PROBE} printed {@code output} shows, in ms, against real time taken just
     * before and after it ran; null when the output is not a time.
     */
    public static Long offsetSeen(String output, long realBeforeMs, long realAfterMs) {
        String t = output.trim();
        if (!t.matches("\\d{10,16}") || realAfterMs - realBeforeMs > 800) {
            return null; // not a time, or a probe too slow to place within the checker's 500 ms
        }
        return Long.parseLong(t) - (realBeforeMs + realAfterMs) / 2;
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
