package dev.chaos.run;

import dev.chaos.history.Op;

/**
 * What a live watcher of a run (the {@code --metrics} endpoint) is told as it happens, beside the
 * history. Called on the clients' and the nemesis' own threads, right after the op is recorded:
 * an implementation must be cheap and must not block, or it slows the run it watches.
 */
public interface RunObserver {

    /** Watches nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /**
     * A client call completed (ok, fail or info), both ops as recorded (index and time set); the
     * convergence probe's final reads are not reported.
     */
    default void completed(Op invocation, Op completion) {
    }

    /** Occurrence {@code occurrence} of the plan ({@link RunSpec#plan}) started its fault. */
    default void faultStarted(int occurrence) {
    }

    /** Occurrence {@code occurrence} stopped its fault. */
    default void faultStopped(int occurrence) {
    }

    /** The final heal: every fault is over, stopped or not. */
    default void healed() {
    }
}
