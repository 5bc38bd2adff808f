package dev.chaos.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.function.Consumer;

/** Removes what runs left behind (killed with SIGKILL, a crashed JVM): every container and network labelled {@code dev.chaos.run}. */
public final class DockerCleaner {

    public record Removed(int containers, int networks) {
    }

    private DockerCleaner() {
    }

    /** Removes the leftovers of every run, or of one run when {@code runId} is not null. */
    public static Removed clean(String runId, Consumer<String> log) {
        DockerClient docker = Docker.client();
        String filter = runId == null ? DockerLab.LABEL_RUN : DockerLab.LABEL_RUN + "=" + runId;
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(filter)).exec();
        for (Container c : containers) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            log.accept("removed container " + String.join(",", c.getNames()) + " (run " + c.getLabels().get(DockerLab.LABEL_RUN) + ")");
        }
        List<Network> networks = docker.listNetworksCmd().withFilter("label", List.of(filter)).exec();
        for (Network n : networks) {
            docker.removeNetworkCmd(n.getId()).exec();
            log.accept("removed network " + n.getName() + " (run " + n.getLabels().get(DockerLab.LABEL_RUN) + ")");
        }
        return new Removed(containers.size(), networks.size());
    }
}
