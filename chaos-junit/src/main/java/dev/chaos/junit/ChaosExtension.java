package dev.chaos.junit;

import dev.chaos.cluster.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of chaos: injects a {@link ChaosRunner} into test methods (use it with
 * {@code @ExtendWith(ChaosExtension.class)} or {@link ChaosTest}), and owns what its runs start.
 *
 * <ul>
 *   <li>Run directories go under the build folder: {@code <dir>/<Class>.<method>}, where {@code dir}
 *       is the system property {@code chaos.runs.dir}, else {@code ${basedir}/target/chaos-runs}
 *       (Surefire and Failsafe set {@code basedir}), else {@code target/chaos-runs}. A test's
 *       directories from an earlier build are deleted first.</li>
 *   <li>After each test, passed, failed or interrupted (a {@code @Timeout}), every lab its runs
 *       opened is closed: nodes, proxies and Docker networks stop with the test. A run tears down
 *       its own cluster as it ends; this also covers a run still going on another thread. The JVM's
 *       shutdown hook covers a build that is killed.</li>
 *   <li>Where each run's report.html is is printed and published as a report entry
 *       ({@code chaos.report}) for the test.</li>
 * </ul>
 */
public final class ChaosExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChaosExtension.class);
    private static final Pattern INVOCATION = Pattern.compile("\\[test-template-invocation:#(\\d+)]$");

    /** Made by JUnit, from {@code @ExtendWith(ChaosExtension.class)} or {@link ChaosTest}. */
    public ChaosExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChaosRunner.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(ChaosRunner.class, k -> new ChaosRunner(testDir(context)), ChaosRunner.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ChaosRunner runner = context.getStore(NS).get(ChaosRunner.class, ChaosRunner.class);
        if (runner == null) {
            return;
        }
        runner.closeAll();
        for (Path dir : runner.runDirectories()) {
            Path report = dir.toAbsolutePath().resolve("report.html");
            if (Files.isRegularFile(report)) {
                System.out.println("chaos: " + context.getDisplayName() + ": report " + report.toUri());
                context.publishReportEntry("chaos.report", report.toString());
            } else if (Files.isDirectory(dir)) {
                System.out.println("chaos: " + context.getDisplayName() + ": no report (the run did not finish); run.log and nodes/ in "
                        + dir.toAbsolutePath());
                context.publishReportEntry("chaos.run", dir.toAbsolutePath().toString());
            }
        }
    }

    /** {@code <runs>/<Class>.<method>[-<invocation>]}, emptied of an earlier build's runs. */
    static Path testDir(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        Matcher m = INVOCATION.matcher(context.getUniqueId());
        if (m.find()) {
            name += "[" + m.group(1) + "]";
        }
        Path dir = runsRoot().resolve(name);
        try (Stream<Path> earlier = Files.list(runsRoot())) {
            for (Path p : earlier.filter(p -> p.getFileName().toString().equals(dir.getFileName().toString())
                    || p.getFileName().toString().startsWith(dir.getFileName() + "-")).toList()) {
                Directories.deleteTree(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no runs yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    static Path runsRoot() {
        String configured = System.getProperty("chaos.runs.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String basedir = System.getProperty("basedir");
        return (basedir != null ? Path.of(basedir, "target") : Path.of("target")).resolve("chaos-runs");
    }
}
