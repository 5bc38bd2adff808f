package dev.chaos.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which chaos process a run's resources belong to, written where they live (a Docker label) as
 * {@code host/pid}, so that a cleanup can tell a dead run's leftovers from a live run's containers.
 * Only an owner on this host can be judged: elsewhere its process cannot be looked up.
 */
public final class Owner {

    /** What a cleanup can say of an owner. */
    public enum State {
        /** On this host, and its process is gone: what it left is a leftover. */
        GONE,
        /** On this host, and its process runs: a run still going. */
        ALIVE,
        /** Another host, or no owner recorded (an older chaos): cannot be judged. */
        UNKNOWN
    }

    private Owner() {
    }

    /** This process, as {@code host/pid}. */
    public static String current() {
        return host() + "/" + ProcessHandle.current().pid();
    }

    /** The state of the owner written as {@code host/pid}; null or malformed is {@link State#UNKNOWN}. */
    public static State of(String owner) {
        if (owner == null) {
            return State.UNKNOWN;
        }
        int slash = owner.lastIndexOf('/');
        if (slash <= 0 || !owner.substring(0, slash).equals(host())) {
            return State.UNKNOWN;
        }
        long pid;
        try {
            pid = Long.parseLong(owner.substring(slash + 1));
        } catch (NumberFormatException e) {
            return State.UNKNOWN;
        }
        return alive(pid) ? State.ALIVE : State.GONE;
    }

    /** Whether the process {@code pid} on this host is running. */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
    }

    static String host() {
        return Host.NAME;
    }

    /** Looked up once: a host without a resolvable name can take seconds to say so. */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
