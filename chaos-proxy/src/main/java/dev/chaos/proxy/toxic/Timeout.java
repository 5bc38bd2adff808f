package dev.chaos.proxy.toxic;

/**
 * {@code timeout}: a peer that stops answering. Every byte is dropped while the connection stays
 * open, so the client sees silence rather than an error; after {@code timeout} ms the connection is
 * closed, or with 0 never (a black hole, as a partition looks from inside a connection).
 */
public record Timeout(long timeout) implements ToxicPipe {

    public static final ToxicKind<Timeout> KIND = ToxicKind.of("timeout", a -> new Timeout(a.get("timeout")), "timeout");

    @Override
    public void onChunk(Chunk chunk) {
        chunk.drop();
    }

    @Override
    public Deadline deadline() {
        return timeout > 0 ? Deadline.closeAfter(timeout) : null;
    }
}
