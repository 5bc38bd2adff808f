package dev.chaos.cli;

import dev.chaos.proxy.ProxyServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos proxy}: the Toxiproxy-compatible proxy server on its own, until Ctrl-C. */
@Command(name = "proxy",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Toxiproxy-compatible proxy server on its own.",
            "",
            "Any Toxiproxy client (toxiproxy-java, toxiproxy-cli, curl) drives it",
            "through the same HTTP API.",
            "Stops on Ctrl-C, closing every proxy and connection."
        })
final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8474", paramLabel = "HOST:PORT",
            description = "address of the HTTP API (default: ${DEFAULT-VALUE}: loopback only; 0.0.0.0 to expose it)")
    String listen;

    @Override
    public Integer call() throws Exception {
        ProxyServer server;
        try {
            server = ProxyServer.start(listen);
        } catch (RuntimeException e) {
            throw new UsageException("--listen " + listen + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "chaos-proxy-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("chaos proxy: Toxiproxy " + ProxyServer.VERSION + " API on http://" + server.apiAddress() + " (Ctrl-C stops)");
        out.flush();
        stopped.await();
        return 0;
    }
}
