package dev.chaos.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** File-tree chores of local nodes (a wipe of a data directory). */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code p} and, for a directory, everything under it; a symbolic link is deleted, never followed. */
    public static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(p)) {
                for (Path e : entries.toList()) {
                    deleteTree(e);
                }
            }
        }
        Files.delete(p);
    }
}
