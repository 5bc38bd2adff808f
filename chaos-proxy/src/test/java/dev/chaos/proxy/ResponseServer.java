package dev.chaos.proxy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server that answers each request with as many bytes as asked, written at once or in
 * pieces, like an HTTP server writing a response. Byte k of a connection's stream is {@link #at(long)}
 * of k, so a reader can tell a reordered, lost or duplicated chunk from the bytes alone.
 */
final class ResponseServer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicLong written = new AtomicLong();

    ResponseServer() throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread.ofVirtual().start(() -> answer(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** The byte at offset {@code k} of every connection's response stream. */
    static byte at(long k) {
        return (byte) (k ^ (k >>> 8) ^ (k >>> 16) ^ (k >>> 24));
    }

    /**
     * Asks for {@code size} bytes, written in pieces of {@code piece} bytes (0: one write)
     * {@code pauseMillis} apart, the connection closed after them if {@code close}.
     */
    static void request(Socket s, int size, int piece, int pauseMillis, boolean close) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(size);
        out.writeInt(piece);
        out.writeInt(pauseMillis);
        out.writeBoolean(close);
        out.flush();
    }

    /**
     * Reads {@code size} bytes and checks they continue the stream from {@code offset}.
     *
     * @return the offset after them
     */
    static long readChecked(InputStream in, long offset, int size) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long k = offset;
        while (k < offset + size) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, offset + size - k));
            if (n < 0) {
                throw new IOException("end of stream after " + (k - offset) + " of " + size + " bytes");
            }
            for (int i = 0; i < n; i++, k++) {
                if (buf[i] != at(k)) {
                    throw new AssertionError("byte " + k + " of the stream is wrong: chunks reordered, lost or duplicated");
                }
            }
        }
        return k;
    }

    /** Bytes written by the server so far, on all connections (a write counts once it returned). */
    long written() {
        return written.get();
    }

    private void answer(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            long k = 0;
            while (true) {
                int size = in.readInt();
                int piece = in.readInt();
                int pause = in.readInt();
                boolean close = in.readBoolean();
                int step = piece > 0 ? piece : size;
                for (int off = 0; off < size; off += step) {
                    int n = Math.min(step, size - off);
                    byte[] data = new byte[n];
                    for (int i = 0; i < n; i++) {
                        data[i] = at(k + i);
                    }
                    s.getOutputStream().write(data);
                    s.getOutputStream().flush();
                    k += n;
                    written.addAndGet(n);
                    if (pause > 0) {
                        Thread.sleep(pause);
                    }
                }
                if (close) {
                    return;
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the client went away
        }
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
