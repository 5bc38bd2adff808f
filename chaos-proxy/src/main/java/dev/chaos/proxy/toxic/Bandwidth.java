package dev.chaos.proxy.toxic;

/**
 * {@code bandwidth}: a thin pipe. Each chunk is held as long as sending it at {@code rate} KB/s
 * would take, so bulk transfers run at about that rate; 0 means no limit.
 */
public record Bandwidth(long rate) implements ToxicPipe {

    public static final ToxicKind<Bandwidth> KIND = ToxicKind.of("bandwidth", a -> new Bandwidth(a.get("rate")), "rate");

    @Override
    public void onChunk(Chunk chunk) throws InterruptedException {
        if (rate > 0) {
            long nanos = chunk.length() * 1_000_000L / rate; // rate KB/s = rate bytes/ms
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }
}
