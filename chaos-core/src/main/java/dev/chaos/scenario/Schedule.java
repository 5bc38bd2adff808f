package dev.chaos.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A schedule expanded into the faults that will happen: a pure function of the steps, the fault
 * window and the seed, so tests check timing without a clock and a replay repeats the same plan.
 */
public final class Schedule {

    /** Seed mixing for the choice among {@code random} faults, apart from the nemesis' own choices. */
    private static final long CHOICE_SALT = 0x7363686564L;

    /**
     * One fault occurrence, times from the run start.
     *
     * @param step  index of the step in the schedule
     * @param fault the step with its concrete fault kind
     * @param start when it starts
     * @param stop  when it is healed (clipped to the fault window's end)
     */
    public record Occurrence(int step, Step fault, Duration start, Duration stop) {
        public String kind() {
            return fault.fault();
        }
    }

    private Schedule() {
    }

    /**
     * Every occurrence in start order. A repeating step ({@code every}) occurs {@code repeat} times, or
     * while it starts before {@code windowEnd}; occurrences starting at or after {@code windowEnd} are
     * dropped and stops past it are clipped to it (the final heal).
     */
    public static List<Occurrence> expand(List<Step> steps, Duration windowEnd, long seed) {
        Random choice = new Random(seed ^ CHOICE_SALT);
        List<Occurrence> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int max = s.every() == null ? 1 : s.repeat() == null ? Integer.MAX_VALUE : s.repeat();
            for (int k = 0; k < max; k++) {
                Duration start = s.at().plus(s.every() == null ? Duration.ZERO : s.every().multipliedBy(k));
                if (start.compareTo(windowEnd) >= 0) {
                    break;
                }
                Duration stop = start.plus(s.hold());
                if (stop.compareTo(windowEnd) > 0) {
                    stop = windowEnd;
                }
                String kind = s.fault() != null ? s.fault() : s.random().get(choice.nextInt(s.random().size()));
                out.add(new Occurrence(i, s.withFault(kind), start, stop));
            }
        }
        out.sort(Comparator.comparing(Occurrence::start));
        return out;
    }

    /** The first pair of occurrences that overlap in time (faults run one at a time), or null. */
    public static Occurrence[] firstOverlap(List<Occurrence> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().compareTo(sorted.get(i - 1).stop()) < 0) {
                return new Occurrence[] {sorted.get(i - 1), sorted.get(i)};
            }
        }
        return null;
    }
}
