package dev.chaos.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written, in scenario files and on the command line alike:
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} (a whole number, up to nine digits, and a unit).
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /** The duration {@code text} writes, or null when it is not one. */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** A duration that may be negative: {@link #parse}'s text, optionally after {@code +} or {@code -}; null when not one. */
    public static Duration parseSigned(String text) {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        Duration d = parse(negative || t.startsWith("+") ? t.substring(1) : t);
        return d == null ? null : negative ? d.negated() : d;
    }

    /** As a file writes it: whole minutes as {@code 5m}, whole seconds as {@code 30s}, else {@code 1500ms}; negative with {@code -}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms == 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 60 == 0 && s >= 60 ? s / 60 + "m" : s + "s";
    }
}
