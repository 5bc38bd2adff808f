package dev.chaos.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of a local cluster as an operating-system process: started with its output appended to
 * its log, killed (SIGKILL, like a crash), paused and resumed (SIGSTOP/SIGCONT), restarted with the
 * same command. Every started process is registered with {@link Teardown}, so it dies with the run
 * on success, failure and Ctrl-C.
 *
 * <p>A node started as a process group ({@link #group}) runs under {@code setsid} and a shell: it has
 * a session and process group of its own, and every signal goes to the whole group, so a node whose
 * command is a shell or a launcher is killed and paused with everything it started, not only its
 * first process. Its {@link #pid} is then the group's (the shell's).
 */
public final class NodeProcess {

    private final String node;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final Path workDir;
    private final boolean group;
    private volatile Process process;

    public NodeProcess(String node, List<String> command, Path workDir, Path log) {
        this(node, command, Map.of(), workDir, log);
    }

    /** @param env added to this JVM's environment for the node's process (e.g. {@link FakeClock#environment}) */
    public NodeProcess(String node, List<String> command, Map<String, String> env, Path workDir, Path log) {
        this(node, command, env, workDir, log, false);
    }

    /** @param group run it under {@code setsid} and signal its whole process group (see the class comment) */
    public NodeProcess(String node, List<String> command, Map<String, String> env, Path workDir, Path log, boolean group) {
        this.node = node;
        this.group = group;
        this.command = group ? grouped(command) : List.copyOf(command);
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.log = log;
    }

    /**
     * {@code setsid sh -c '"$@"; ...' <owner flag> command...}: the shell leads the node's own session
     * and process group and stays its parent (the command is not its last one, so it is not exec'd),
     * with {@link LocalLeftovers#ownerFlag()} in its arguments, where a node that rewrites its own
     * (redis-server, postgres) cannot erase it: if chaos is killed, {@code chaos clean} still finds
     * the group by its leader.
     */
    private static List<String> grouped(List<String> command) {
        List<String> out = new java.util.ArrayList<>(List.of("setsid", "sh", "-c", "\"$@\"; status=$?; exit $status",
                LocalLeftovers.ownerFlag()));
        out.addAll(command);
        return List.copyOf(out);
    }

    public String node() {
        return node;
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        Teardown.register(this);
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** SIGKILL the node and its descendants, and wait for them to go. */
    public void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        if (group) {
            signalGroup(p.pid(), "KILL"); // first: the group also holds what left the process tree (a daemon's fork)
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM, as an init system stops a service, and wait up to {@code graceMs} for the node to exit;
     * SIGKILL if it has not by then. Returns whether it exited on its own.
     */
    public boolean stop(long graceMs) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return true;
        }
        if (group) {
            signalGroup(p.pid(), "TERM");
        } else {
            p.destroy();
        }
        boolean exited = false;
        try {
            exited = p.waitFor(graceMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!exited) {
            kill();
        }
        return exited;
    }

    /** SIGSTOP: the node freezes mid-flight, connections open, like a long GC pause. */
    public void pause() throws IOException {
        signal("STOP");
    }

    /** SIGCONT. */
    public void resume() throws IOException {
        signal("CONT");
    }

    private void signal(String sig) throws IOException {
        long pid = pid();
        if (pid < 0) {
            return;
        }
        if (group) {
            signalGroup(pid, sig);
            return;
        }
        send(sig, Long.toString(pid));
    }

    /** The group's leader is the node's process: setsid made it so (started by this JVM, it leads no group, so setsid does not fork). */
    private static void signalGroup(long leader, String sig) {
        try {
            send(sig, "-" + leader);
        } catch (IOException e) {
            // kill(1) missing: nothing else could signal it either; the process itself is still destroyed by the caller
        }
    }

    private static void send(String sig, String target) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + sig, "--", target).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the node's log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    public Path log() {
        return log;
    }

    /** The java binary of this JVM, to start nodes with the same runtime. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java");
    }
}
