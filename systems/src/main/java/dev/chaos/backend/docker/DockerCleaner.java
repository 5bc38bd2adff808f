package dev.chaos.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.chaos.cluster.Owner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Removes what runs left behind (killed with SIGKILL, a crashed JVM): the containers and networks
 * labelled {@code dev.chaos.run}. By default only a dead run's: one whose owner label names a chaos
 * process on this host that is gone. A run still going, or one whose owner cannot be judged (another
 * host, or made by a chaos before owners were recorded), is kept and named, to be removed by its id
 * or with every other one.
 */
public final class DockerCleaner {

    /** Which runs' resources to remove. */
    public enum Scope {
        /** Runs whose chaos process is gone (the default: safe while other runs go on). */
        DEAD,
        /** The one run named. */
        ONE,
        /** Every chaos resource on the engine. */
        ALL
    }

    /**
     * @param containers containers removed
     * @param networks   networks removed
     * @param kept       runs left alone (DEAD scope), each with why
     */
    public record Removed(int containers, int networks, Map<String, String> kept) {
    }

    private DockerCleaner() {
    }

    /**
     * Removes the leftovers in {@code scope}; {@code runId} names the run for {@link Scope#ONE}.
     */
    public static Removed clean(Scope scope, String runId, Consumer<String> log) {
        DockerClient docker = Docker.client();
        String filter = scope == Scope.ONE ? DockerLab.LABEL_RUN + "=" + runId : DockerLab.LABEL_RUN;
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(filter)).exec();
        List<Network> networks = docker.listNetworksCmd().withFilter("label", List.of(filter)).exec();
        Map<String, String> kept = new TreeMap<>();
        int removedContainers = 0;
        for (Container c : containers) {
            if (remove(scope, c.getLabels(), kept)) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                log.accept("removed container " + String.join(",", c.getNames()) + " (run " + c.getLabels().get(DockerLab.LABEL_RUN) + ")");
                removedContainers++;
            }
        }
        int removedNetworks = 0;
        for (Network n : networks) {
            if (remove(scope, n.getLabels(), kept)) {
                docker.removeNetworkCmd(n.getId()).exec();
                log.accept("removed network " + n.getName() + " (run " + n.getLabels().get(DockerLab.LABEL_RUN) + ")");
                removedNetworks++;
            }
        }
        kept.forEach((run, why) -> log.accept("kept run " + run + ": " + why));
        return new Removed(removedContainers, removedNetworks, kept);
    }

    /** Whether a resource with these labels goes; when it stays, why is noted under its run. */
    private static boolean remove(Scope scope, Map<String, String> labels, Map<String, String> kept) {
        if (scope != Scope.DEAD) {
            return true;
        }
        String owner = labels.get(DockerLab.LABEL_OWNER);
        return switch (Owner.of(owner)) {
            case GONE -> true;
            case ALIVE -> {
                kept.put(labels.get(DockerLab.LABEL_RUN), "its chaos process " + owner + " is still running");
                yield false;
            }
            case UNKNOWN -> {
                kept.put(labels.get(DockerLab.LABEL_RUN), owner == null
                        ? "no owner recorded (an older chaos made it); remove it with --run or --all"
                        : "its chaos process " + owner + " is on another host; remove it with --run or --all");
                yield false;
            }
        };
    }
}
