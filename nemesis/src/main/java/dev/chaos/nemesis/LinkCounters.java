package dev.chaos.nemesis;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One proxy's traffic counters at one moment, as chaos' proxy server publishes them on
 * {@code /metrics}: the evidence that a link fault held (nothing forwarded where it cuts, bytes
 * dropped or connections reset instead) and that traffic moved again after the heal. A real
 * Toxiproxy publishes none of these, so a run against one has no counters and proves nothing this way.
 *
 * @param forwardedUp   bytes forwarded upstream (from the connecting side to the listening one)
 * @param forwardedDown bytes forwarded downstream (the replies)
 * @param droppedUp     bytes a black hole dropped upstream
 * @param droppedDown   bytes a black hole dropped downstream
 * @param resets        connections a {@code reset_peer} toxic reset
 */
public record LinkCounters(long forwardedUp, long forwardedDown, long droppedUp, long droppedDown, long resets) {

    private static final Pattern SAMPLE =
            Pattern.compile("^(chaos_proxy_(?:bytes|dropped_bytes|resets)_total)\\{proxy=\"((?:[^\"\\\\]|\\\\.)*)\"(?:,direction=\"(\\w+)\")?} (\\d+)$");

    /** What happened between {@code before} and this. */
    public LinkCounters since(LinkCounters before) {
        return new LinkCounters(forwardedUp - before.forwardedUp, forwardedDown - before.forwardedDown, droppedUp - before.droppedUp,
                droppedDown - before.droppedDown, resets - before.resets);
    }

    public long forwarded() {
        return forwardedUp + forwardedDown;
    }

    /**
     * Every proxy's counters from a {@code /metrics} text; empty when it lacks chaos' drop counters
     * (a real Toxiproxy, or a chaos proxy image older than them): without them a held fault and an
     * idle link look alike.
     */
    public static Map<String, LinkCounters> parse(String metrics) {
        Map<String, long[]> raw = new HashMap<>();
        boolean countsDrops = false;
        for (String line : metrics.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String proxy = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            long[] c = raw.computeIfAbsent(proxy, k -> new long[5]);
            boolean up = "upstream".equals(m.group(3));
            long v = Long.parseLong(m.group(4));
            switch (m.group(1)) {
                case "chaos_proxy_bytes_total" -> c[up ? 0 : 1] = v;
                case "chaos_proxy_dropped_bytes_total" -> {
                    c[up ? 2 : 3] = v;
                    countsDrops = true;
                }
                default -> c[4] = v;
            }
        }
        if (!countsDrops) {
            return Map.of();
        }
        Map<String, LinkCounters> out = new HashMap<>();
        raw.forEach((k, c) -> out.put(k, new LinkCounters(c[0], c[1], c[2], c[3], c[4])));
        return out;
    }
}
