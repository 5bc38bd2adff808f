package dev.chaos.proxy.toxic;

/**
 * {@code limit_data}: a connection that dies mid-transfer. Once this direction of the connection
 * has forwarded {@code bytes} bytes the connection is closed, so the reader gets a truncated stream
 * and an end of stream where it expected more.
 */
public record LimitData(long bytes) implements ToxicPipe {

    public static final ToxicKind<LimitData> KIND = ToxicKind.of("limit_data", a -> new LimitData(a.get("bytes")), "bytes");

    @Override
    public void onChunk(Chunk chunk) {
        long left = bytes - chunk.forwardedBefore();
        if (left < chunk.toSend()) {
            chunk.cutShort((int) Math.max(0, left));
        }
    }
}
