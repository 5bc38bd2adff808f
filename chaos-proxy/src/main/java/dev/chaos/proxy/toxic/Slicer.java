package dev.chaos.proxy.toxic;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code slicer}: a network that fragments. Each chunk goes out as pieces of {@code average_size} ±
 * {@code size_variation} bytes, {@code delay} µs apart, so a reader that assumes one write is one
 * read is caught out. No bytes are lost or reordered; {@code average_size} 0 leaves chunks whole.
 */
public record Slicer(long averageSize, long sizeVariation, long delay) implements ToxicPipe {

    public static final ToxicKind<Slicer> KIND = ToxicKind.of("slicer",
            a -> new Slicer(a.get("average_size"), a.get("size_variation"), a.get("delay")),
            "average_size", "size_variation", "delay");

    @Override
    public void onChunk(Chunk chunk) {
        chunk.writeWith(this::writeInPieces);
    }

    private void writeInPieces(OutputStream out, byte[] buf, int length) throws IOException, InterruptedException {
        if (averageSize <= 0) {
            out.write(buf, 0, length);
            return;
        }
        long variation = Math.min(sizeVariation, averageSize - 1);
        int off = 0;
        while (off < length) {
            long size = averageSize + (variation > 0 ? ThreadLocalRandom.current().nextLong(-variation, variation + 1) : 0);
            int piece = (int) Math.min(length - off, Math.max(1, size));
            out.write(buf, off, piece);
            out.flush();
            off += piece;
            if (delay > 0 && off < length) {
                Thread.sleep(delay / 1000, (int) (delay % 1000) * 1000);
            }
        }
    }
}
