package dev.chaos.proxy.toxic;

/**
 * {@code slow_close}: a peer that lingers before it hangs up. When one side closes, the other learns
 * of it (end of stream) {@code delay} ms later; the data before the close is not delayed.
 */
public record SlowClose(long delay) implements ToxicPipe {

    public static final ToxicKind<SlowClose> KIND = ToxicKind.of("slow_close", a -> new SlowClose(a.get("delay")), "delay");

    @Override
    public void onEnd() throws InterruptedException {
        Thread.sleep(delay);
    }
}
