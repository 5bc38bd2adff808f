package dev.chaos.api;

import java.util.Collection;

/**
 * The set workload's client in plain Java, for an {@link ImageTarget}: add an element, read a key,
 * read everything. chaos records each call as an op: a return is {@code ok}; an exception is
 * {@code fail} for a read, and for an add {@code fail} when the connection was refused (nothing was
 * sent) and {@code info} otherwise (it may have happened). So an add must return only once the
 * system acknowledged the write: an add that returns and is later missing is a lost write.
 *
 * <p>The workload adds unique elements 0, 1, 2, ... under keys {@code s0} (0..499), {@code s1}
 * (500..999), ...; a key may be stored any way the system likes.
 */
public interface SetClient extends AutoCloseable {

    /** Adds {@code element} to the set under {@code key}; returns once the system acknowledged it. */
    void add(String key, long element) throws Exception;

    /** The elements under {@code key}. */
    Collection<Long> read(String key) throws Exception;

    /** Every element under every key: what the node holds, for the convergence probe. */
    Collection<Long> readAll() throws Exception;

    @Override
    default void close() throws Exception {
    }

    /** Opens a set client to one node. */
    @FunctionalInterface
    interface Factory {

        /**
         * A client of the node at {@code address}.
         *
         * @param address {@code host:port}: the node's client link (through the fault proxy) for
         *                the workload, its own client port for the convergence probe and readiness
         */
        SetClient open(String address) throws Exception;
    }
}
