package dev.chaos.workload;

import dev.chaos.history.Op;

/**
 * One client process's connection to one node. {@link #invoke} performs an invocation and returns
 * its completion (as a draft op: type ok, fail or info, with the result): {@code fail} only when the
 * operation definitely did not happen, {@code info} when it may have. It must not throw for system
 * errors; it maps them.
 */
public interface Client extends AutoCloseable {

    Op invoke(Op invocation);

    @Override
    void close();
}
