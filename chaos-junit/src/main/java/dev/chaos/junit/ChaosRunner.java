package dev.chaos.junit;

import dev.chaos.api.Chaos;
import dev.chaos.api.ChaosRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chaos test method is given ({@link ChaosExtension} makes one per test): runs whose
 * directories are under the build folder, {@code target/chaos-runs/<Class>.<method>} (then
 * {@code -2}, {@code -3}, ... for more runs in one test), and whose labs the extension closes when
 * the test ends, however it ends.
 */
public final class ChaosRunner {

    private final Path testDir;
    private final List<Path> runDirs = new ArrayList<>();
    private final List<AutoCloseable> labs = new ArrayList<>();

    ChaosRunner(Path testDir) {
        this.testDir = testDir;
    }

    /**
     * A run of a scenario, as {@link Chaos#scenario}, with its run directory set under the build
     * folder; any option may still be changed, the run directory too.
     */
    public ChaosRun scenario(String nameOrFile) {
        Path dir;
        synchronized (this) {
            dir = runDirs.isEmpty() ? testDir : testDir.resolveSibling(testDir.getFileName() + "-" + (runDirs.size() + 1));
            runDirs.add(dir);
        }
        return Chaos.scenario(nameOrFile).runDirectory(dir).closedBy(this::own);
    }

    /** The run directories handed out so far, in order. */
    public synchronized List<Path> runDirectories() {
        return List.copyOf(runDirs);
    }

    private synchronized void own(AutoCloseable lab) {
        labs.add(lab);
    }

    /** Closes every lab the runs opened (stopping their nodes, proxies and networks); harmless after the runs closed them. */
    synchronized void closeAll() {
        for (AutoCloseable lab : labs.reversed()) {
            try {
                lab.close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        labs.clear();
    }
}
