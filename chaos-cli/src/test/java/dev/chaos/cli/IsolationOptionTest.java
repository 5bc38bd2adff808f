package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad isolation level, on the command line or in a file, is refused before anything starts (exit 254). */
class IsolationOptionTest {

    private static String run(int expectedExit, String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(expectedExit, exit, err.toString());
        return err.toString();
    }

    @Test
    void anUnknownLevelOnTheCommandLineNamesTheLevelsThereAre(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        String err = run(254, "run", "txn-serializable", "--target", "postgres", "--backend", "docker", "--isolation", "snapshot",
                "--out", out.toString());
        assertTrue(err.startsWith("chaos: --isolation: 'snapshot' is not one of serializable, repeatable-read, read-committed"), err);
        assertFalse(Files.exists(out), "nothing was started or written");
    }

    @Test
    void anUnknownLevelInAFileNamesItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("mine.yaml");
        Files.writeString(file, "name: mine\nworkload: list-append\nisolation: snapshot-isolation\n");
        String err = run(254, "run", file.toString(), "--target", "postgres", "--backend", "docker", "--out",
                tmp.resolve("run").toString());
        assertTrue(err.startsWith("chaos: " + file + ":3: isolation: 'snapshot-isolation' is not one of serializable,"
                + " repeatable-read, read-committed"), err);
    }
}
