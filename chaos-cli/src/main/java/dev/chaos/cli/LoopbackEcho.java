package dev.chaos.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP echo server on loopback for the proxy benches: every byte comes back on the same connection. */
final class LoopbackEcho implements AutoCloseable {

    private final ServerSocket server;

    LoopbackEcho() throws IOException {
        server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("bench-echo-accept").start(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                return; // closed
            }
            Thread.ofVirtual().start(() -> {
                try (s) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException ignored) {
                    // the client went away
                }
            });
        }
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
