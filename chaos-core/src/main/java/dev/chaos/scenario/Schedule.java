package dev.chaos.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

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

    /**
     * Two occurrences that overlap in time although their faults may not run together.
     *
     * @param earlier  the one that started first (or at the same time, earlier in the plan)
     * @param later    the one that starts while {@code earlier} is held
     * @param families the families both steps may be in (for a {@code random} step, any of its kinds')
     */
    public record Conflict(Occurrence earlier, Occurrence later, Set<String> families) {
    }

    /**
     * The first pair of occurrences that overlap in time and may be faults of one family, or null.
     * Faults of different families (a partition, a slowdown, a node fault) may run together; two of one
     * family may not. A {@code random} step counts as every kind it may pick, so a plan is accepted
     * or refused whatever the seed: it may overlap another step only when no kind of the one shares a
     * family with any kind of the other.
     *
     * @param steps  the schedule the plan was expanded from ({@link Occurrence#step()} indexes it)
     * @param sorted the plan, in start order ({@link #expand})
     * @param family the family of a fault kind, e.g. {@code partition}, {@code slow}, {@code node}
     */
    public static Conflict firstConflict(List<Step> steps, List<Occurrence> sorted, Function<String, String> family) {
        for (int j = 1; j < sorted.size(); j++) {
            Occurrence later = sorted.get(j);
            for (int i = 0; i < j; i++) {
                Occurrence earlier = sorted.get(i);
                if (later.start().compareTo(earlier.stop()) >= 0) {
                    continue;
                }
                Set<String> shared = families(steps.get(earlier.step()), family);
                shared.retainAll(families(steps.get(later.step()), family));
                if (!shared.isEmpty()) {
                    return new Conflict(earlier, later, shared);
                }
            }
        }
        return null;
    }

    /** The kinds a step may be: its fault, or every one of its {@code random} list. */
    public static List<String> kinds(Step step) {
        return step.fault() != null ? List.of(step.fault()) : step.random();
    }

    private static Set<String> families(Step step, Function<String, String> family) {
        Set<String> out = new TreeSet<>();
        for (String k : kinds(step)) {
            out.add(family.apply(k));
        }
        return out;
    }
}
