package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.txn.ConsistencyModel;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options {@code chaos check} and {@code chaos report} share: what a transactional system
 * claims, and each checker's time and memory budget. A picocli mixin; {@link #options} checks them
 * all before any history is read.
 */
final class CheckingOptions {

    @Option(names = "--consistency", paramLabel = "MODEL",
            description = "the isolation a transactional system claims, for 'list-append' and 'rw-register' ("
                    + "read-uncommitted, read-committed, repeatable-read, snapshot-isolation, serializable,"
                    + " strong-session-serializable, strict-serializable); invalid only for anomalies it forbids;"
                    + " default: strict-serializable")
    String consistency;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "5m",
            description = "budget per checker, e.g. 30s, 5m (default: ${DEFAULT-VALUE}); past it the verdict is unknown")
    String timeLimit;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = "2g",
            description = "search memory per checker, e.g. 512m, 2g (default: ${DEFAULT-VALUE})")
    String memoryLimit;

    /** The checkers' options with this model for 'linearizable' (null: inferred); a bad value is a usage error naming its option. */
    CheckOptions options(String model) {
        return new CheckOptions(model, DurationOption.parse("--time-limit", timeLimit), size("--memory-limit", memoryLimit))
                .withConsistency(consistency(consistency));
    }

    /** A --consistency value, checked before any reading. */
    static String consistency(String name) {
        if (name != null && ConsistencyModel.byName(name) == null) {
            throw new UsageException("--consistency: unknown model '" + name + "'; known: "
                    + String.join(", ", ConsistencyModel.names()));
        }
        return name;
    }

    /** A size option: {@code 512m}, {@code 2g}, {@code 100k}, or bytes. */
    static long size(String option, String s) {
        try {
            String t = s.trim().toLowerCase(Locale.ROOT);
            char unit = t.charAt(t.length() - 1);
            long mult = switch (unit) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1;
            };
            long n = Long.parseLong(mult == 1 ? t : t.substring(0, t.length() - 1));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n * mult;
        } catch (RuntimeException e) {
            throw new UsageException(option + ": '" + s + "' is not a size; write e.g. 512m or 2g");
        }
    }
}
