package dev.chaos.backend.local;

import dev.chaos.cluster.Backend;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.Teardown;
import dev.chaos.proxy.ProxyServer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** {@code --backend local}: nodes as OS processes on loopback, the proxy embedded in this JVM ({@link LocalLab}). */
public final class LocalBackend implements Backend {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "OS processes on loopback, the proxy embedded in chaos (no Docker needed)";
    }

    @Override
    public Lab open(List<String> nodes, Path runDir, String runId, Consumer<String> log) throws Exception {
        ProxyServer proxy = ProxyServer.start("127.0.0.1:0");
        LocalLab lab = new LocalLab(nodes, runDir, proxy, log);
        Teardown.register(lab);
        log.accept("proxy API on " + proxy.apiAddress() + " (embedded)");
        return lab;
    }
}
