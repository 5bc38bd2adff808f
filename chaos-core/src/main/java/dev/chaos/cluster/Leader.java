package dev.chaos.cluster;

/** A cluster with a leader (or primary) the nemesis can find: {@code isolate-leader} needs it. */
public interface Leader {

    /** The current leader, or null when there is none right now. */
    String leader();
}
