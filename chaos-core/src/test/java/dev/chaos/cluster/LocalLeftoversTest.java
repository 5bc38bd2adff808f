package dev.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real processes: one whose owner flag names a process id that cannot exist (above Linux's largest
 * pid), as a server of a SIGKILLed run looks, and one owned by this JVM, as a live run's server.
 */
class LocalLeftoversTest {

    private static final long DEAD_OWNER = 4_194_305L; // pid_max is at most 2^22 = 4,194,304

    private static Process sleeper(String ownerFlag, String name) throws Exception {
        return new ProcessBuilder("sh", "-c", "sleep 60", ownerFlag, name).start();
    }

    /** The leftover that is this process, once its arguments are readable (after exec); null if not found within 5 s. */
    private static LocalLeftovers.Leftover leftover(Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            LocalLeftovers.Leftover found = LocalLeftovers.find().stream().filter(l -> l.process().pid() == p.pid()).findFirst()
                    .orElse(null);
            if (found != null) {
                return found;
            }
            Thread.sleep(50);
        }
        return null;
    }

    @Test
    void findsAndStopsOnlyProcessesWhoseOwnerIsGone() throws Exception {
        Process orphan = sleeper(LocalLeftovers.FLAG + DEAD_OWNER, "orphan-" + ProcessHandle.current().pid());
        Process live = sleeper(LocalLeftovers.ownerFlag(), "live-" + ProcessHandle.current().pid());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<LocalLeftovers.Leftover> found = List.of();
            while (System.nanoTime() < deadline) { // the arguments are readable once exec has happened
                found = LocalLeftovers.find();
                if (found.stream().anyMatch(l -> l.process().pid() == orphan.pid())) {
                    break;
                }
                Thread.sleep(50);
            }
            LocalLeftovers.Leftover mine = found.stream().filter(l -> l.process().pid() == orphan.pid()).findFirst()
                    .orElseThrow(() -> new AssertionError("the orphan was not found"));
            assertTrue(mine.owner() == DEAD_OWNER && mine.what().equals("orphan-" + ProcessHandle.current().pid()), mine.toString());
            assertFalse(found.stream().anyMatch(l -> l.process().pid() == live.pid()), "a live run's server is not a leftover");
            assertTrue(LocalLeftovers.stop(mine), "stopped");
            assertFalse(orphan.isAlive());
            assertTrue(live.isAlive(), "the live run's server is untouched");
        } finally {
            orphan.destroyForcibly();
            live.destroyForcibly();
        }
    }

    @Test
    void findsALeftoverWhoseCommandLineIsLongerThanAPage() throws Exception {
        // a local ZooKeeper carries chaos' whole class path: ~3.7 KB in /work/main, over 4096 bytes in a
        // longer checkout path, where the JDK's ProcessHandle.Info gives no arguments at all
        String classPath = String.join(":", java.util.Collections.nCopies(120, "/a/long/checkout/path/chaos-cli/target/lib/some.jar"));
        String name = "long-" + ProcessHandle.current().pid();
        Process orphan = new ProcessBuilder("sh", "-c", "sleep 60", "-cp", LocalLeftovers.FLAG + DEAD_OWNER, classPath, name).start();
        try {
            LocalLeftovers.Leftover found = leftover(orphan);
            assertTrue(classPath.length() > 4096);
            assertTrue(found != null && found.owner() == DEAD_OWNER && found.what().equals(name), String.valueOf(found));
            assertTrue(LocalLeftovers.stop(found), "stopped");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void findsANodeMarkedOnlyInItsEnvironmentAndItsChildren() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "sleep 60 & wait", "env-orphan");
        pb.environment().put(LocalLeftovers.ENV, Long.toString(DEAD_OWNER));
        Process orphan = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<LocalLeftovers.Leftover> found = List.of();
            while (System.nanoTime() < deadline) { // the shell and its child sleep, once both have started
                found = LocalLeftovers.find().stream().filter(l -> l.owner() == DEAD_OWNER).toList();
                if (found.size() >= 2) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(found.stream().anyMatch(l -> l.process().pid() == orphan.pid()), "the shell: " + found);
            assertTrue(found.stream().anyMatch(l -> l.process().parent().map(ProcessHandle::pid).orElse(-1L) == orphan.pid()),
                    "its child inherits the mark: " + found);
            found.forEach(LocalLeftovers::stop);
            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "stopped");
        } finally {
            orphan.descendants().forEach(ProcessHandle::destroyForcibly);
            orphan.destroyForcibly();
        }
    }

    @Test
    void aLeftoverThatLeadsAProcessGroupIsStoppedWithItsWholeGroup() throws Exception {
        // as NodeProcess starts a node as a group: setsid, a shell with the owner flag, the node its child
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "\"$@\"; status=$?; exit $status", LocalLeftovers.FLAG + DEAD_OWNER,
                "sleep", "60").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            LocalLeftovers.Leftover found = null;
            while (found == null && System.nanoTime() < deadline) {
                found = LocalLeftovers.find().stream().filter(l -> l.process().pid() == leader.pid()
                        && leader.descendants().findAny().isPresent()).findFirst().orElse(null);
                Thread.sleep(50);
            }
            assertTrue(found != null, "the group's leader was found by its flag");
            ProcessHandle child = leader.descendants().findFirst().orElseThrow();
            assertTrue(LocalLeftovers.leadsGroup(leader.pid()) && !LocalLeftovers.leadsGroup(child.pid()));
            assertTrue(LocalLeftovers.stop(found));
            assertTrue(child.onExit().get(5, TimeUnit.SECONDS) != null && !child.isAlive(), "the node under it is gone too");
        } finally {
            leader.descendants().forEach(ProcessHandle::destroyForcibly);
            leader.destroyForcibly();
        }
    }

    @Test
    void aPrometheusMarkedByItsPageTitleIsALeftoverToo() throws Exception {
        Process orphan = sleeper(LocalLeftovers.TITLE_FLAG + DEAD_OWNER, "--config.file=/runs/r/prometheus/prometheus.yml");
        try {
            LocalLeftovers.Leftover found = leftover(orphan);
            assertTrue(found != null && found.owner() == DEAD_OWNER && found.what().endsWith("prometheus.yml"), String.valueOf(found));
            assertTrue(LocalLeftovers.ownerTitleFlag().equals(LocalLeftovers.TITLE_FLAG + ProcessHandle.current().pid()));
            assertTrue(LocalLeftovers.stop(found), "stopped");
        } finally {
            orphan.destroyForcibly();
        }
    }
}
