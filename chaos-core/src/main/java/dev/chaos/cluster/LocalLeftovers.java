package dev.chaos.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local node processes that outlived the run that started them. Each local node's command line
 * carries {@link #ownerFlag()}, the process id of the chaos JVM that started it. A run that ends in
 * any way it can handle stops its nodes itself ({@link Teardown}); one killed with SIGKILL cannot,
 * and its servers keep running, reparented. Such a process is a leftover when its owner is gone, so
 * cleaning never touches the nodes of a run that is still going.
 *
 * <p>A node whose command line is not chaos' to extend (a target file's program) carries the owner
 * in its environment instead, {@link #ENV}{@code =<pid>} ({@link #ownerEnvironment()}), which every
 * process it starts inherits; on Linux it is read from {@code /proc/<pid>/environ}.
 */
public final class LocalLeftovers {

    static final String FLAG = "-Ddev.chaos.owner=";
    /** The same mark for a program whose flags are its own (the run's Prometheus): its page title. */
    static final String TITLE_FLAG = "--web.page-title=dev.chaos.owner=";
    /** The environment variable naming the owner, for nodes whose command line cannot carry {@link #FLAG}. */
    public static final String ENV = "CHAOS_OWNER";
    /** Linux caps a command line at ARG_MAX (2 MiB by default); more is not read. */
    private static final int MAX_CMDLINE = 2 << 20;
    private static final Pattern OWNER = Pattern.compile("(?:" + Pattern.quote(FLAG) + "|" + Pattern.quote(TITLE_FLAG) + ")(\\d+)");

    /**
     * One leftover: its process, the process id of the run that started it (gone), and its last
     * argument, which names it (a local ZooKeeper server's zoo.cfg, inside its run directory).
     */
    public record Leftover(ProcessHandle process, long owner, String what) {
    }

    private LocalLeftovers() {
    }

    /** The flag a local node's command line carries: this JVM's process id. */
    public static String ownerFlag() {
        return FLAG + ProcessHandle.current().pid();
    }

    /** {@link #ownerFlag} for Prometheus, which takes no -D flag: a page title carrying the same mark. */
    public static String ownerTitleFlag() {
        return TITLE_FLAG + ProcessHandle.current().pid();
    }

    /** The environment a local node carries when its command line cannot carry {@link #ownerFlag()}. */
    public static java.util.Map<String, String> ownerEnvironment() {
        return java.util.Map.of(ENV, Long.toString(ProcessHandle.current().pid()));
    }

    /** Every process on this machine with an owner flag or owner environment whose owner is no longer alive. */
    public static List<Leftover> find() {
        List<Leftover> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            Optional<List<String>> args = arguments(p);
            String what = args.isPresent() && !args.get().isEmpty() ? args.get().get(args.get().size() - 1)
                    : p.info().command().orElse("pid " + p.pid());
            Long owner = null;
            for (String a : args.orElse(List.of())) {
                Matcher m = OWNER.matcher(a);
                if (m.matches()) {
                    owner = Long.parseLong(m.group(1));
                    break;
                }
            }
            if (owner == null) {
                owner = environmentOwner(p.pid());
            }
            if (owner != null && !Owner.alive(owner)) {
                out.add(new Leftover(p, owner, what));
            }
        });
        return out;
    }

    /**
     * A process' arguments (without the program). On Linux read from {@code /proc/<pid>/cmdline}
     * whole: {@link ProcessHandle.Info#arguments()} gives none at all for a command line longer than
     * a page (4096 bytes), and a local ZooKeeper's, with chaos' class path, is about that long (the
     * longer the checkout's path, the longer), so its owner flag went unseen. Elsewhere, the JDK's.
     */
    public static Optional<List<String>> arguments(ProcessHandle p) {
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try (InputStream in = Files.newInputStream(cmdline)) {
            byte[] raw = in.readNBytes(MAX_CMDLINE);
            if (raw.length > 0) { // empty for a kernel thread or a zombie
                List<String> argv = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
                return Optional.of(argv.subList(1, argv.size())); // argv[0] is the program
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone or not ours to read: the JDK's view below
        }
        return p.info().arguments().map(List::of);
    }

    /** Whether the process leads its process group (field 5 of {@code /proc/<pid>/stat}); false where that cannot be read. */
    static boolean leadsGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // state ppid pgrp ...
            return Long.parseLong(after[2]) == pid;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void signalGroup(long leader, String sig) {
        try {
            new ProcessBuilder("kill", "-" + sig, "--", "-" + leader).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the leader itself is still destroyed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #ENV} in the process' environment, null when absent or unreadable (not Linux, another user's process). */
    static Long environmentOwner(long pid) {
        byte[] env;
        try {
            env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String prefix = ENV + "=";
        for (String kv : new String(env, StandardCharsets.UTF_8).split("\0")) {
            if (kv.startsWith(prefix)) {
                try {
                    return Long.parseLong(kv.substring(prefix.length()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Stops a leftover: SIGTERM, and SIGKILL if it is still there after 5 s. A leftover that leads a
     * process group (a node started as one, {@link NodeProcess}) is stopped with its whole group. True
     * when it is gone.
     */
    public static boolean stop(Leftover l) {
        ProcessHandle p = l.process();
        boolean group = leadsGroup(p.pid());
        if (group) {
            signalGroup(p.pid(), "TERM");
        }
        p.destroy();
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (group) {
                signalGroup(p.pid(), "KILL");
            }
            p.destroyForcibly();
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception again) {
                // still there after SIGKILL: reported below
            }
        }
        return !p.isAlive();
    }
}
