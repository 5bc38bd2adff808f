package dev.chaos.proxy.toxic;

import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code latency}: a slow or distant link. Each chunk waits {@code latency} ms ± {@code jitter} ms
 * (drawn per chunk) before it is passed on, so replies and timeouts see the added delay.
 */
public record Latency(long latency, long jitter) implements ToxicPipe {

    public static final ToxicKind<Latency> KIND =
            ToxicKind.of("latency", a -> new Latency(a.get("latency"), a.get("jitter")), "latency", "jitter");

    @Override
    public void onChunk(Chunk chunk) throws InterruptedException {
        long delay = latency + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
        if (delay > 0) {
            Thread.sleep(delay);
        }
    }
}
