package dev.chaos.api;

import dev.chaos.cluster.Target;
import dev.chaos.cluster.Targets;
import java.util.List;

/**
 * The entry point for running chaos from Java: pick a scenario, then configure and run it.
 *
 * <pre>{@code
 * ChaosResult r = Chaos.scenario("clean-split").target("zookeeper").nodes(5).seed(42).run();
 * r.assertValid();   // AssertionError naming the lost writes, the failed checkers and the report
 * }</pre>
 *
 * In a JUnit 5 test, {@code @ChaosTest} and an injected {@code dev.chaos.junit.ChaosRunner} put the
 * run directory under the build folder and stop what a run started when the test ends.
 */
public final class Chaos {

    private Chaos() {
    }

    /**
     * A run of a scenario: a built-in by name ({@code clean-split}, {@code asymmetric},
     * {@code cascading}, ...: {@code chaos scenarios} lists them) or a scenario file (a path ending in
     * {@code .yaml}, see docs/scenarios.md).
     *
     * @throws IllegalArgumentException naming the known scenarios, or the file, line and field at fault
     */
    public static ChaosRun scenario(String nameOrFile) {
        return ChaosRun.of(nameOrFile);
    }

    /** The names of the targets on the class path ({@code zookeeper}, {@code etcd}, {@code redis}, ...). */
    public static List<String> targets() {
        return Targets.all().stream().map(Target::name).toList();
    }
}
