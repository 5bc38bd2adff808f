package dev.chaos.nemesis;

import dev.chaos.workload.Nemesis;
import java.util.Random;

/** The control run: no faults at all, so a failure is the system's or the tool's, not a fault's. */
public final class NoFaults implements Nemesis {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Event start(Random random) {
        return new Event("nothing", null);
    }

    @Override
    public Event stop() {
        return new Event("nothing", null);
    }

    @Override
    public void healAll() {
    }

    @Override
    public boolean injectsFaults() {
        return false;
    }
}
