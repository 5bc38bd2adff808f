package dev.chaos.cluster;

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
 */
public final class LocalLeftovers {

    static final String FLAG = "-Ddev.chaos.owner=";
    /** The same mark for a program whose flags are its own (the run's Prometheus): its page title. */
    static final String TITLE_FLAG = "--web.page-title=dev.chaos.owner=";
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

    /** Every process on this machine with an owner flag whose owner is no longer alive. */
    public static List<Leftover> find() {
        List<Leftover> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            Optional<String[]> args = p.info().arguments();
            if (args.isEmpty()) {
                return;
            }
            for (String a : args.get()) {
                Matcher m = OWNER.matcher(a);
                if (m.matches()) {
                    long owner = Long.parseLong(m.group(1));
                    if (!Owner.alive(owner)) {
                        out.add(new Leftover(p, owner, args.get()[args.get().length - 1]));
                    }
                    return;
                }
            }
        });
        return out;
    }

    /** Stops a leftover: SIGTERM, and SIGKILL if it is still there after 5 s. True when it is gone. */
    public static boolean stop(Leftover l) {
        ProcessHandle p = l.process();
        p.destroy();
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
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
