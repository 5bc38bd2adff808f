package dev.chaos.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import dev.chaos.cluster.Owner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * `chaos clean`'s default takes a dead run's leftovers and keeps a live run's and those it cannot
 * judge; naming a run takes it whoever owns it. Real networks on the real engine, labelled as a
 * run's are.
 */
class DockerCleanerIT {

    @Test
    void removesDeadRunsOnlyUnlessARunIsNamed() {
        if (!Docker.available()) {
            if ("1".equals(System.getenv("CHAOS_REQUIRE_DOCKER"))) {
                fail("no Docker engine answers, and CHAOS_REQUIRE_DOCKER=1: run docker/bootstrap.sh first");
            }
            Assumptions.abort("no Docker engine; docker/bootstrap.sh installs and starts one");
        }
        DockerClient docker = Docker.client();
        String tag = "it-clean-" + ProcessHandle.current().pid();
        String dead = tag + "-dead";
        String live = tag + "-live";
        String older = tag + "-older";
        List<String> made = new ArrayList<>();
        try {
            made.add(network(docker, dead, Owner.current().replaceAll("/\\d+$", "/4194305")));
            made.add(network(docker, live, Owner.current()));
            made.add(network(docker, older, null));

            List<String> log = new ArrayList<>();
            DockerCleaner.Removed r = DockerCleaner.clean(DockerCleaner.Scope.DEAD, null, log::add);
            assertFalse(exists(docker, dead), "the dead run's network is removed");
            assertTrue(exists(docker, live), "a live run's network is kept");
            assertTrue(exists(docker, older), "a network with no owner is kept");
            assertTrue(r.kept().get(live).contains("still running"), r.kept().toString());
            assertTrue(r.kept().get(older).contains("no owner recorded"), r.kept().toString());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("removed network " + dead)), log.toString());

            assertEquals(1, DockerCleaner.clean(DockerCleaner.Scope.ONE, live, s -> { }).networks());
            assertEquals(1, DockerCleaner.clean(DockerCleaner.Scope.ONE, older, s -> { }).networks());
            assertFalse(exists(docker, live) || exists(docker, older), "named runs are removed whoever owns them");
        } finally {
            for (String name : made) {
                if (exists(docker, name)) {
                    docker.removeNetworkCmd(name).exec();
                }
            }
        }
    }

    private static String network(DockerClient docker, String run, String owner) {
        Map<String, String> labels = new HashMap<>(Map.of(DockerLab.LABEL_RUN, run, DockerLab.LABEL_ROLE, "network"));
        if (owner != null) {
            labels.put(DockerLab.LABEL_OWNER, owner);
        }
        docker.createNetworkCmd().withName(run).withLabels(labels).exec();
        return run;
    }

    private static boolean exists(DockerClient docker, String name) {
        return docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name));
    }
}
