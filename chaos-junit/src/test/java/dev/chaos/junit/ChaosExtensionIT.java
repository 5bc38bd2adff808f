package dev.chaos.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.chaos.api.ChaosResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension as a build uses it: a test class with {@link ChaosTest} methods, run through the
 * JUnit Platform against real ZooKeeper processes. A passing test's run lands in
 * {@code <chaos.runs.dir>/<Class>.<method>} with its report published; a test that a
 * {@code @Timeout} interrupts mid-run leaves no node process behind.
 */
class ChaosExtensionIT {

    /** Run by the launcher below, not by the build (Surefire and Failsafe skip nested classes). */
    static class Sample {

        static volatile ChaosResult passed;

        @ChaosTest
        void shortSplit(ChaosRunner chaos) {
            passed = chaos.scenario("clean-split").target("zookeeper").nodes(3).duration(Duration.ofSeconds(20)).seed(7).run()
                    .assertValid();
        }

        @ChaosTest
        @Timeout(value = 40, unit = TimeUnit.SECONDS) // the cluster is up (5-20 s on a loaded machine) and the faults running
        void interruptedMidRun(ChaosRunner chaos) {
            chaos.scenario("clean-split").target("zookeeper").nodes(3).duration(Duration.ofSeconds(60)).run();
        }
    }

    @Test
    void runsLandUnderTheBuildFolderAndAnInterruptedRunLeavesNoNodeBehind(@TempDir Path runs) throws Exception {
        System.setProperty("chaos.runs.dir", runs.toString());
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        Map<String, TestExecutionResult> outcomes = new ConcurrentHashMap<>();
        Map<String, List<String>> reports = new ConcurrentHashMap<>();
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                outcomes.put(id.getDisplayName(), result);
                            }
                        }

                        @Override
                        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                            reports.computeIfAbsent(id.getDisplayName(), k -> new ArrayList<>()).addAll(entry.getKeyValuePairs().values());
                        }
                    });
        } finally {
            System.clearProperty("chaos.runs.dir");
        }

        TestExecutionResult ok = outcomes.get("shortSplit(ChaosRunner)");
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, ok.getStatus(), String.valueOf(ok.getThrowable()));
        Path dir = runs.resolve("Sample.shortSplit");
        assertEquals(dir, Sample.passed.runDir());
        assertTrue(Files.isRegularFile(dir.resolve("report.html")), "report.html in " + dir);
        assertEquals(List.of(dir.toAbsolutePath().resolve("report.html").toString()), reports.get("shortSplit(ChaosRunner)"));

        TestExecutionResult timedOut = outcomes.get("interruptedMidRun(ChaosRunner)");
        assertEquals(TestExecutionResult.Status.FAILED, timedOut.getStatus());
        assertInstanceOf(java.util.concurrent.TimeoutException.class, timedOut.getThrowable().orElseThrow());
        Path cut = runs.resolve("Sample.interruptedMidRun");
        assertTrue(Files.isRegularFile(cut.resolve("run.log")) && !Files.exists(cut.resolve("report.html")), "an unfinished run: " + cut);
        assertTrue(Files.readString(cut.resolve("run.log")).contains("cluster up"), "its cluster had started before the time-out");
        List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid()))
                .filter(ProcessHandle::isAlive).toList();
        System.out.println("ChaosExtensionIT: outcomes " + outcomes.keySet() + "; node processes left: " + alive);
        assertEquals(List.of(), alive, "every node process is gone once the interrupted test ended");
        assertFalse(reports.getOrDefault("interruptedMidRun(ChaosRunner)", List.of()).isEmpty(), "the unfinished run's directory is reported");
    }
}
