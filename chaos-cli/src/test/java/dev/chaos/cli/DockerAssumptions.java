package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.chaos.backend.docker.Docker;
import org.junit.jupiter.api.Assumptions;

/** Docker tests skip on a machine without Docker, except where CHAOS_REQUIRE_DOCKER=1 (CI) makes that a failure. */
final class DockerAssumptions {

    private DockerAssumptions() {
    }

    static void requireDocker() {
        if (Docker.available()) {
            return;
        }
        if ("1".equals(System.getenv("CHAOS_REQUIRE_DOCKER"))) {
            fail("no Docker engine answers, and CHAOS_REQUIRE_DOCKER=1: run docker/bootstrap.sh first");
        }
        Assumptions.abort("no Docker engine; docker/bootstrap.sh installs and starts one");
    }
}
