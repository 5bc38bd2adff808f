package dev.chaos.targetfile;

import java.nio.file.Path;
import java.util.List;

/**
 * A JDBC client's connection: the URL as a template of {@code {{host}}}, {@code {{port}}},
 * {@code {{node}}} and {@code {{address}}}, the user and password, the SQL run once when the
 * cluster is ready ({@code setup}: create the tables), and where extra driver jars are
 * ({@code drivers}: the folder {@code drivers/} beside the target file; PostgreSQL's and MariaDB's are built in).
 */
public record JdbcSpec(Template url, String user, String password, List<String> setup, Path drivers) {

    public JdbcSpec {
        setup = List.copyOf(setup);
    }
}
