package dev.chaos.proxy.toxic;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code latency}: a slow or distant link. Each chunk is written {@code latency} ms ± {@code jitter}
 * ms (drawn per chunk) after it was read, while the chunks behind it keep coming: the stream is
 * delayed, not slowed down, so a response of many chunks arrives one latency late, not one per
 * chunk. Jitter never reorders: a chunk drawn a shorter delay than the one before it waits for it.
 */
public record Latency(long latency, long jitter) implements ToxicPipe {

    public static final ToxicKind<Latency> KIND =
            ToxicKind.of("latency", a -> new Latency(a.get("latency"), a.get("jitter")), "latency", "jitter");

    @Override
    public void onChunk(Chunk chunk) {
        long millis = latency + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
        chunk.delay(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
