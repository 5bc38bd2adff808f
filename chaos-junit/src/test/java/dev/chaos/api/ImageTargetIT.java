package dev.chaos.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image target that cannot start fails the run with the reason and the fix, and everything the
 * run had started for it (the proxy container, a network per node, node containers) is gone.
 */
class ImageTargetIT {

    @BeforeEach
    void docker() {
        if (!Docker.available()) {
            if ("1".equals(System.getenv("CHAOS_REQUIRE_DOCKER"))) {
                fail("no Docker engine answers, and CHAOS_REQUIRE_DOCKER=1: run docker/bootstrap.sh first");
            }
            Assumptions.abort("no Docker engine; docker/bootstrap.sh installs and starts one");
        }
    }

    private static long chaosResources(DockerClient docker, String run) {
        Map<String, String> label = Map.of(DockerLab.LABEL_RUN, run);
        return docker.listContainersCmd().withShowAll(true).exec().stream().filter(c -> c.getLabels().entrySet().containsAll(label.entrySet()))
                .count()
                + docker.listNetworksCmd().exec().stream().filter(n -> n.getLabels() != null && n.getLabels().entrySet().containsAll(label.entrySet()))
                .count();
    }

    @Test
    void aMissingImageFailsNamingItAndLeavesNothingBehind(@TempDir Path tmp) {
        ImageTarget missing = ImageTarget.of("chaos/no-such-image:0.0.0").withClientPort(7000)
                .withSetClient(address -> { throw new AssertionError("never opened: the image is missing"); });
        Path dir = tmp.resolve("missing-image-run");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chaos.scenario("clean-split").target(missing)
                .nodes(3).duration(Duration.ofSeconds(10)).runDirectory(dir).run());
        assertTrue(e.getMessage().contains("image chaos/no-such-image:0.0.0 is not on this machine") && e.getMessage().contains("run.log"),
                e.getMessage());
        DockerClient docker = Docker.client();
        String runLabel = runLabelOf(dir);
        assertEquals(0, chaosResources(docker, runLabel), "no container or network of run " + runLabel + " is left");
    }

    @Test
    void aNodeThatExitsAtStartFailsWithItsLogAndIsRemoved(@TempDir Path tmp) {
        ImageTarget exits = ImageTarget.of("chaos/etcd:0.1.0").named("exits").withClientPort(2379)
                .withEntrypoint("/bin/sh", "-c", "echo \"no config for $NODE\"; exit 3")
                .withEnv(node -> Map.of("NODE", node.name()))
                .withSetClient(address -> { throw new java.io.IOException("nothing listens"); });
        Path dir = tmp.resolve("exits-run");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chaos.scenario("clean-split").target(exits).nodes(3).duration(Duration.ofSeconds(10)).runDirectory(dir).run());
        assertTrue(e.getMessage().contains("exited during start-up") && e.getMessage().contains("no config for n1"), e.getMessage());
        assertEquals(0, chaosResources(Docker.client(), runLabelOf(dir)), "no container or network left");
    }

    /** The run id in every label, as run.log's first docker line names it. */
    private static String runLabelOf(Path dir) {
        try {
            String log = java.nio.file.Files.readString(dir.resolve("run.log"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("docker network chaos-(\\S+)-n1 ").matcher(log);
            assertTrue(m.find(), "run.log names the networks:\n" + log);
            return m.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
