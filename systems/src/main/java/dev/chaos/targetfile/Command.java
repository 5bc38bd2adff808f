package dev.chaos.targetfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs one command of a target file on this machine, no shell unless the file names one, bounded by a time-out. */
final class Command {

    /** What it did: the exit code and standard output; {@code timedOut} when it was killed at the time-out. */
    record Run(int exit, String stdout, String stderr, boolean timedOut) {
    }

    private Command() {
    }

    /** @throws IOException when it could not be started at all (no such program): it did nothing */
    static Run run(List<String> argv, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Run(-1, "", "", true);
            }
            return new Run(p.exitValue(), out.join(), err.join(), false);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String drain(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
