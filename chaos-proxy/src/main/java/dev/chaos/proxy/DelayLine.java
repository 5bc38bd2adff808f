package dev.chaos.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one direction of a connection has read but not yet written because a toxic delays it: a
 * queue of deliveries, each run no earlier than its due time and never before the ones queued
 * ahead of it, by a thread of the line's own, so the reader goes on reading meanwhile. A chunk's
 * delivery therefore happens at max(its due time, the previous delivery), as on a link that delays
 * the stream without slowing it down. The line holds at most {@code capacity} bytes; a reader with
 * more waits for room, and so does the sender behind it (TCP backpressure), instead of the proxy
 * buffering a fast sender's whole stream.
 *
 * <p>One thread (the direction's pump) submits; nothing else does. While the queue is empty it may
 * run a delivery that is already due itself, in its own thread, with nothing to hand over: the path
 * of every chunk when no toxic delays it.
 */
final class DelayLine {

    /** Writes one chunk, or passes an end of stream on. */
    @FunctionalInterface
    interface Delivery {
        void run() throws IOException, InterruptedException;
    }

    private record Entry(long due, int bytes, Delivery delivery) {
    }

    private final String name;
    private final long capacity;
    private final Runnable onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomMade = lock.newCondition();
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean stopped;
    private Thread drainer;

    /**
     * @param name      the thread name for its deliveries
     * @param capacity  bytes it may hold
     * @param onFailure what to do when a queued delivery fails (the connection closes)
     */
    DelayLine(String name, long capacity, Runnable onFailure) {
        this.name = name;
        this.capacity = capacity;
        this.onFailure = onFailure;
    }

    /**
     * True when a delivery due at {@code due} (a {@link System#nanoTime()}) may run at once in the
     * submitting thread: nothing queued, and due. Stays true until that thread queues something.
     */
    boolean idle(long due) {
        lock.lock();
        try {
            return queue.isEmpty() && due - System.nanoTime() <= 0;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code delivery} of {@code bytes}, waiting while the line is full; dropped if the line was stopped. */
    void enqueue(long due, int bytes, Delivery delivery) throws InterruptedException {
        lock.lock();
        try {
            while (!stopped && !queue.isEmpty() && queuedBytes + bytes > capacity) {
                roomMade.await();
            }
            if (stopped) {
                return;
            }
            queue.addLast(new Entry(due, bytes, delivery));
            queuedBytes += bytes;
            if (drainer == null) {
                drainer = Thread.ofVirtual().name(name).start(this::drain);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued and ends the waits: the connection is gone. */
    void stop() {
        Thread d;
        lock.lock();
        try {
            stopped = true;
            queue.clear();
            queuedBytes = 0;
            roomMade.signalAll();
            d = drainer;
        } finally {
            lock.unlock();
        }
        if (d != null && d != Thread.currentThread()) {
            d.interrupt();
        }
    }

    /** Runs the queue in order until it is empty; the entry stays queued while it runs, so the submitter cannot overtake it. */
    private void drain() {
        while (true) {
            Entry head;
            lock.lock();
            try {
                head = queue.peekFirst();
                if (stopped || head == null) {
                    drainer = null;
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                long wait = head.due() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                head.delivery().run();
            } catch (InterruptedException e) {
                return; // stopped
            } catch (IOException | RuntimeException e) {
                onFailure.run();
                return;
            }
            lock.lock();
            try {
                if (!stopped) {
                    queue.removeFirst();
                    queuedBytes -= head.bytes();
                    roomMade.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
