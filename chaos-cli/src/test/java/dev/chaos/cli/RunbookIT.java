package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chaos.cluster.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The runbooks in docs/operations/ are executed: every fenced block whose info string is
 * {@code sh verified} runs with {@code bash -euo pipefail}, in order, in one scratch directory per
 * runbook (holding a {@code ./chaos} that runs this checkout's launcher and a {@code docs} link to
 * this checkout's docs, so the commands read exactly as a user types them in the repository root,
 * while their run directories stay out of it). A block must exit 0 within {@link #TIMEOUT_S}; an
 * {@code expected} block right after it lists lines that must appear in its output (a line written
 * {@code /regex/} must match somewhere). After a block fails, the runbook's later blocks are skipped
 * and its directory is kept (the failure names it); after its last block passes, it is removed.
 * A block whose info string is {@code sh verified docker} needs a Docker engine: without one it is
 * skipped, except under {@code CHAOS_REQUIRE_DOCKER=1} (CI), where that is a failure.
 * {@code -Drunbooks=expand-cluster,backup-restore} runs only those runbooks (file names without .md).
 */
class RunbookIT {

    static final long TIMEOUT_S = 240;
    private static final Pattern FENCE = Pattern.compile("^```\\s*(.*)$");

    /** One verified block: where it is, what it runs, what its output must hold, and whether it needs Docker. */
    record Block(Path file, int line, String script, List<String> expected, boolean docker) {
        String where() {
            return file.getFileName() + ":" + line;
        }
    }

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("chaos")) ? p : p.getParent();
    }

    /** Every {@code sh verified} block of one markdown file, with the {@code expected} block that follows it. */
    static List<Block> blocks(Path md) throws IOException {
        List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            var m = FENCE.matcher(lines.get(i));
            String info = m.matches() ? m.group(1).trim() : "";
            if (!info.equals("sh verified") && !info.equals("sh verified docker")) {
                if (m.matches() && !m.group(1).isBlank()) {
                    i = skipFence(lines, i); // another fenced block: its body is not markdown
                }
                continue;
            }
            int start = i;
            StringBuilder script = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                script.append(lines.get(i)).append('\n');
            }
            List<String> expected = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && lines.get(j).isBlank()) {
                j++;
            }
            if (j < lines.size() && lines.get(j).trim().equals("```expected")) {
                for (j++; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                    if (!lines.get(j).isBlank()) {
                        expected.add(lines.get(j).strip());
                    }
                }
                i = j;
            }
            out.add(new Block(md, start + 1, script.toString(), expected, info.endsWith("docker")));
        }
        return out;
    }

    private static int skipFence(List<String> lines, int open) {
        int i = open + 1;
        while (i < lines.size() && !lines.get(i).startsWith("```")) {
            i++;
        }
        return i;
    }

    @TestFactory
    Stream<DynamicContainer> everyVerifiedBlockOfEveryRunbookRuns() throws IOException {
        Path ops = repo().resolve("docs/operations");
        List<Path> files;
        try (Stream<Path> s = Files.list(ops)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        String only = System.getProperty("runbooks", "");
        if (!only.isBlank()) {
            List<String> names = List.of(only.split(","));
            files = files.stream().filter(p -> names.contains(p.getFileName().toString().replace(".md", ""))).toList();
            assertTrue(!files.isEmpty(), "-Drunbooks=" + only + " names no runbook in " + ops);
        }
        List<DynamicContainer> out = new ArrayList<>();
        int total = 0;
        for (Path md : files) {
            List<Block> blocks = blocks(md);
            total += blocks.size();
            if (blocks.isEmpty()) {
                continue;
            }
            Path[] work = new Path[1];
            boolean[] broken = new boolean[1];
            List<DynamicTest> tests = new ArrayList<>();
            Block last = blocks.get(blocks.size() - 1);
            for (Block b : blocks) {
                tests.add(DynamicTest.dynamicTest(b.where(), () -> {
                    Assumptions.assumeFalse(broken[0], "an earlier block of " + md.getFileName() + " failed");
                    if (b.docker()) {
                        DockerAssumptions.requireDocker();
                    }
                    if (work[0] == null) {
                        work[0] = scratch(md);
                    }
                    try {
                        run(b, work[0]);
                    } catch (AssertionError | Exception e) {
                        broken[0] = true;
                        throw new AssertionError(e.getMessage() + "\n(the runbook's directory, kept: " + work[0] + ")", e);
                    }
                    if (b == last) { // every block passed: its runs' directories are of no more use
                        try {
                            Directories.deleteTree(work[0]);
                        } catch (IOException e) {
                            System.err.println("RunbookIT: could not remove " + work[0] + ": " + e);
                        }
                    }
                }));
            }
            out.add(DynamicContainer.dynamicContainer(md.getFileName().toString(), tests));
        }
        assertTrue(total >= 5 || !only.isBlank(), "expected verified blocks in docs/operations, found " + total);
        return out.stream();
    }

    /** A scratch directory that looks like the repository root to the commands. */
    private static Path scratch(Path md) throws IOException {
        String name = md.getFileName().toString().replace(".md", "");
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runbook-" + name + "-");
        Path chaos = work.resolve("chaos");
        Files.writeString(chaos, "#!/bin/sh\nexec '" + repo().resolve("chaos") + "' \"$@\"\n");
        Files.setPosixFilePermissions(chaos, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(work.resolve("docs"), repo().resolve("docs"));
        return work;
    }

    static void run(Block b, Path work) throws Exception {
        Path log = Files.createTempFile(work, "block-", ".out");
        Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", b.script()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String shown = "\n--- command (" + b.where() + ") ---\n" + b.script() + "--- output (tail) ---\n" + tail(output, 40);
        if (!done) {
            fail(b.where() + ": did not finish within " + TIMEOUT_S + " s" + shown);
        }
        if (p.exitValue() != 0) {
            fail(b.where() + ": exited " + p.exitValue() + shown);
        }
        for (String e : b.expected()) {
            boolean ok = e.length() > 2 && e.startsWith("/") && e.endsWith("/")
                    ? Pattern.compile(e.substring(1, e.length() - 1), Pattern.MULTILINE).matcher(output).find()
                    : output.contains(e);
            if (!ok) {
                fail(b.where() + ": expected output line missing: " + e + shown);
            }
        }
    }

    private static String tail(String s, int lines) {
        String[] all = s.split("\n", -1);
        return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
