package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the CLI's integration tests share: running chaos in-process as a user would (its output
 * printed to the test log as well), naming a run directory no other run on the Docker engine uses,
 * and checking that a docker run left no container or network behind.
 */
final class CliRun {

    private CliRun() {
    }

    /** One command's exit code and output. */
    record Ran(int exit, String out, String err) {
    }

    /** Runs {@code chaos args...}; what it printed is also echoed to the test's own output. */
    static Ran chaos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.println(out);
        System.err.println(err);
        return new Ran(exit, out.toString(), err.toString());
    }

    /** A run directory name no other run on this Docker engine uses, so leftovers are counted per run. */
    static String unique(String name) {
        return "it-" + name + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xfffffL);
    }

    /** No container or network of the run in {@code dir} (its names start with chaos-<dir name>-) is left. */
    static void assertNoDockerLeftovers(Path dir) {
        var docker = Docker.client();
        String prefix = "chaos-" + dir.getFileName() + "-";
        long containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(DockerLab.LABEL_RUN)).exec().stream()
                .filter(c -> Arrays.stream(c.getNames()).anyMatch(n -> n.startsWith("/" + prefix))).count();
        long networks = docker.listNetworksCmd().withFilter("label", List.of(DockerLab.LABEL_RUN)).exec().stream()
                .filter(n -> n.getName().startsWith(prefix)).count();
        assertEquals(0, containers, "containers of " + prefix + "* left behind");
        assertEquals(0, networks, "networks of " + prefix + "* left behind");
    }
}
