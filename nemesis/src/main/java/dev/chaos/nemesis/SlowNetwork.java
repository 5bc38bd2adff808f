package dev.chaos.nemesis;

import dev.chaos.run.Nemesis;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Every peer link degraded, both directions: added latency with jitter, and a bandwidth cap (a
 * congested or far-away network, a noisy neighbour). Recorded as {@code start-slow} with the
 * parameters and how many streams were touched.
 *
 * @see LinkFaults#degrade
 */
public final class SlowNetwork implements Nemesis {

    private final LinkFaults links;
    private final Duration latency;
    private final Duration jitter;
    private final Long bandwidthKBps;

    /** Any of the parameters may be null (not applied). */
    public SlowNetwork(LinkFaults links, Duration latency, Duration jitter, Long bandwidthKBps) {
        this.links = links;
        this.latency = latency;
        this.jitter = jitter;
        this.bandwidthKBps = bandwidthKBps;
    }

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public Event start(Random random) {
        int streams = links.degrade(latency, jitter, bandwidthKBps).size();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("latency-ms", latency == null ? null : latency.toMillis());
        v.put("jitter-ms", jitter == null ? null : jitter.toMillis());
        v.put("bandwidth-kbps", bandwidthKBps);
        v.put("toxics", streams);
        return new Event("slow", v);
    }

    @Override
    public Event stop() {
        links.healDegrade(); // a partition held at the same time stays
        return new Event("slow", null);
    }

    @Override
    public void healAll() {
        links.heal();
    }
}
