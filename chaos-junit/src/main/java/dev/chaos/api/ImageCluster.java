package dev.chaos.api;

import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.HealthProbe;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import java.util.Map;

/**
 * The running cluster of an {@link ImageTarget}: clients through each node's client link, the
 * convergence probe and health to each node directly, and kill, pause, stop, start and wipe through
 * the containers ({@link ContainerCluster}).
 */
public final class ImageCluster extends ContainerCluster implements HealthProbe {

    private final Wiring wiring;
    private final Map<String, ClientFactory> clients;
    private final LocalRead localRead;
    private final ReadyCheck ready;

    ImageCluster(TargetContext ctx, DockerLab lab, Wiring wiring, Map<String, ClientFactory> clients, LocalRead localRead,
                 ReadyCheck ready) {
        super(lab, ctx.nodes(), ctx.runDir(), ctx.log());
        this.wiring = wiring;
        this.clients = Map.copyOf(clients);
        this.localRead = localRead;
        this.ready = ready;
    }

    /** Polls every node's ready check until all pass; fails early when a container exits, late with every node's log. */
    void awaitReady(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (String n : nodes) {
            while (!healthy(n)) {
                if (!lab.running(n)) {
                    throw new IllegalStateException(n + " exited during start-up; its log ends:\n" + lab.logTail(n, 20));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(n + " was not ready within " + timeoutMs + " ms; its log ends:\n"
                            + lab.logTail(n, 20));
                }
                Thread.sleep(200);
            }
        }
        log.accept(nodes.size() + " nodes ready");
    }

    @Override
    public Client openClient(String node, Workload workload) throws Exception {
        ClientFactory f = clients.get(workload.name());
        if (f == null) {
            throw new IllegalArgumentException("no client for workload " + workload.name() + "; have: " + clients.keySet());
        }
        return f.open(node, wiring.clientLink(node));
    }

    @Override
    public Object localRead(String node, Workload workload) throws Exception {
        return localRead.read(node, wiring.direct(node));
    }

    /** Its ready check passes now. */
    @Override
    public boolean healthy(String node) {
        try {
            return ready.ready(node, wiring.direct(node));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public Map<String, String> describe(String node) {
        return describe(node, wiring.direct(node), wiring.clientLink(node));
    }
}
