package dev.chaos.proxy.toxic;

/**
 * {@code reset_peer}: a peer that crashes or a middlebox that kills the flow. {@code timeout} ms
 * after the toxic starts on a connection, both sides get a TCP reset instead of an orderly close,
 * so reads and writes fail with "connection reset" rather than end of stream. Data is untouched.
 */
public record ResetPeer(long timeout) implements ToxicPipe {

    public static final ToxicKind<ResetPeer> KIND = ToxicKind.of("reset_peer", a -> new ResetPeer(a.get("timeout")), "timeout");

    @Override
    public Deadline deadline() {
        return Deadline.resetAfter(timeout);
    }
}
