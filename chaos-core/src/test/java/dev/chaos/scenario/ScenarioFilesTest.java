package dev.chaos.scenario;

import dev.chaos.cluster.Capability;
import java.util.EnumSet;
import java.util.Set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/** Scenario files bind strictly: every mistake is one line naming the file, line, field and reason. */
class ScenarioFilesTest {

    static final List<String> BUILTIN = ScenarioFiles.BUILTIN;

    private final ScenarioFiles files = new ScenarioFiles(dev.chaos.checker.CheckerCatalog.names());

    private Scenario resolve(Scenario s) {
        return files.resolve(s, w -> w.equals("set") ? List.of("stats", "set") : List.of("stats", "linearizable"));
    }

    private String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> files.parse(yaml, "s.yaml", "s")).getMessage();
    }

    @Test
    void aTypoIsRejectedWithFileLineFieldAndTheLikelyName(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("mine.yaml");
        Files.writeString(f, "name: mine\nworkload: set\ndurration: 60s\n");
        String m = assertThrows(ScenarioException.class, () -> files.load(f)).getMessage();
        assertTrue(m.startsWith(f + ":3: durration: unknown field (did you mean 'duration'?)"), m);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'name: x\nrate: fast\n'                                            | 's.yaml:2: rate: expected a number'",
        "'name: x\nnodes: 4.5\n'                                            | 's.yaml:2: nodes: ''4.5'' is not a whole number'",
        "'name: x\nnodes: 12\n'                                             | 's.yaml:2: nodes: 12 is outside 3..9'",
        "'name: x\nworkload: queue\n'                                       | 's.yaml:2: workload: ''queue'' is not one of'",
        "'name: x\nreads: eventual\n'                                       | 's.yaml:2: reads: ''eventual'' is not one of'",
        "'name: x\nduration: 5s\n'                                          | 's.yaml:2: duration: at least 10s'",
        "'name: x\nduration: 60\n'                                          | 's.yaml:2: duration: ''60'' is not a duration'",
        "'name: x\nschedule:\n  - {fault: split, at: 5s, hold: 5s}\n'       | 's.yaml:3: schedule[0].fault: unknown fault ''split''; known: clean-split'",
        "'name: x\nschedule:\n  - {fault: kill, at: 5s}\n'                  | 's.yaml:3: schedule[0]: missing ''hold'''",
        "'name: x\nschedule:\n  - {fault: kill, at: 5s, hold: soon}\n'      | 's.yaml:3: schedule[0].hold: ''soon'' is not a duration'",
        "'name: x\nschedule:\n  - {fault: kill, at: 5s, hold: 5s, every: 5s}\n' | 's.yaml:3: schedule[0].every: 5s must be longer than hold'",
        "'name: x\nschedule:\n  - fault: kill\n    at: 5s\n    hold: 5s\n    latency: 5ms\n' | 's.yaml:6: schedule[0].latency: fault kill takes no ''latency'''",
        "'name: x\nschedule:\n  - {fault: cascading, at: 5s, hold: 20s}\n' | 's.yaml:3: schedule[0]: cascading needs ''interval'''",
        "'name: x\nschedule:\n  - {fault: slow, at: 5s, hold: 20s}\n'      | 's.yaml:3: schedule[0]: slow needs latency, jitter or bandwidth'",
        "'name: x\nschedule:\n  - {fault: kill, at: 55s, hold: 2s}\n'      | 's.yaml:3: schedule[0].at: starts at 55s, after the fault window ends at 50s'",
        "'name: x\nschedule:\n  - {fault: kill, random: [pause], at: 5s, hold: 2s}\n' | 's.yaml:3: schedule[0]: give either fault or random'",
        "'name: x\nchecker: [set]\n'                                          | 's.yaml:2: checker: unknown field (did you mean ''checkers''?)'",
        "'name: x\ncheckers: [sets]\n'                                        | 's.yaml:2: checkers[0]: unknown checker ''sets'''",
        "'name: x\nslo:\n  error-rate-max: 2\n'                             | 's.yaml:3: slo.error-rate-max: 2.0 is not a fraction'",
        "'name: x\nslo:\n  failover: 10s\n'                                 | 's.yaml:3: slo.failover: unknown field (did you mean ''failover-max''?)'",
        "'name: x\nslo:\n  availability-objective: 100%\n'                 | 's.yaml:3: slo.availability-objective: ''100%'' is not an availability objective; write a percentage below 100, e.g. 99.9%'",
        "'name: x\nslo:\n  availability-objective: high\n'                 | 's.yaml:3: slo.availability-objective: ''high'' is not an availability objective'",
        "'name: x\nname: y\n'                                               | 's.yaml:2: not valid YAML: Duplicate field ''name'''",
        "'name: x\nschedule: {fault: kill}\n'                               | 's.yaml:2: schedule: expected a list'",
        "'name: x\nschedule:\n  - {fault: clean-split, mode: refuse, at: 5s, hold: 5s}\n' | 's.yaml:3: schedule[0].mode: ''refuse'' is not a mode; use drop'",
        "'name: x\nschedule:\n  - {fault: asymmetric, mode: reject, at: 5s, hold: 5s}\n' | 's.yaml:3: schedule[0].mode: asymmetric cannot reject'",
        "'name: x\nschedule:\n  - {fault: kill, mode: reject, at: 5s, hold: 5s}\n' | 's.yaml:3: schedule[0].mode: fault kill takes no ''mode'''",
        "'name: x\nrate: 100\nramp: {from: 100, step: 100, every: 10s, p99-latency-max: 100ms}\n' | 's.yaml:2: rate: give rate or ramp, not both'",
        "'name: x\nramp:\n  from: 100\n  step: 100\n  every: 10s\n' | 's.yaml:2: ramp: give what a step must hold'",
        "'name: x\nramp:\n  from: 100\n  step: 100\n  every: 1s\n  error-rate-max: 0.01\n' | 's.yaml:5: ramp.every: how long each step lasts: at least 2s'",
        "'name: x\nramp:\n  from: 0\n  step: 100\n  every: 5s\n  error-rate-max: 0.01\n' | 's.yaml:3: ramp.from: the first step''s ops/s'",
        "'name: x\nramp:\n  from: 10\n  step: 10\n  every: 5s\n  p99: 1s\n' | 's.yaml:6: ramp.p99: unknown field (did you mean ''p99-latency-max''?)'",
        "'name: x\nschedule:\n  - {fault: clock-skew, at: 5s, hold: 5s}\n' | 's.yaml:3: schedule[0]: clock-skew needs ''max-offset'''",
        "'name: x\nschedule:\n  - {fault: clock-bump, at: 5s, hold: 5s}\n' | 's.yaml:3: schedule[0]: clock-bump needs ''offset'''",
        "'name: x\nschedule:\n  - {fault: clock-strobe, at: 5s, hold: 5s, offset: 10s}\n' | 's.yaml:3: schedule[0]: clock-strobe needs ''interval'''",
        "'name: x\nschedule:\n  - {fault: clock-strobe, at: 5s, hold: 5s, offset: 10s, interval: 500ms}\n' | 's.yaml:3: schedule[0].interval: 500ms is shorter than 1s'",
        "'name: x\nschedule:\n  - {fault: clock-bump, at: 5s, hold: 5s, offset: -1500ms}\n' | 's.yaml:3: schedule[0].offset: -1500ms is not whole seconds'",
        "'name: x\nschedule:\n  - {fault: clock-bump, at: 5s, hold: 5s, offset: 0s}\n' | 's.yaml:3: schedule[0].offset: 0 sets no clock off'",
        "'name: x\nschedule:\n  - {fault: clock-bump, at: 5s, hold: 5s, offset: 25h}\n' | 's.yaml:3: schedule[0].offset: 1500m is more than a day off'",
        "'name: x\nschedule:\n  - {fault: clock-bump, at: 5s, hold: 5s, offset: soon}\n' | 's.yaml:3: schedule[0].offset: ''soon'' is not an offset; write e.g. 30s, -30s'",
        "'name: x\nschedule:\n  - {fault: clock-skew, at: 5s, hold: 5s, max-offset: -5s}\n' | 's.yaml:3: schedule[0].max-offset: ''-5s'' is not a duration'",
        "'name: x\nschedule:\n  - {fault: clock-skew, at: 5s, hold: 5s, max-offset: 5s, offset: 5s}\n' | 's.yaml:3: schedule[0].offset: fault clock-skew takes no ''offset'''",
        "'name: x\nschedule:\n  - {fault: kill, at: 5s, hold: 5s, max-offset: 5s}\n' | 's.yaml:3: schedule[0].max-offset: fault kill takes no ''max-offset'''",
    })
    void badValuesAreNamedWithTheirLine(String yaml, String expected) {
        String m = error(yaml);
        assertTrue(m.startsWith(expected), "got: " + m);
        assertEquals(1, m.lines().count(), "one line");
    }

    @Test
    void faultsOfDifferentFamiliesMayOverlap() {
        Scenario s = files.parse("name: x\nschedule:\n  - {fault: clean-split, at: 10s, hold: 20s}\n"
                + "  - {fault: kill, at: 15s, hold: 8s}\n  - {fault: slow, at: 12s, hold: 10s, latency: 50ms}\n"
                + "  - {random: [pause, cascading], at: 32s, hold: 10s, interval: 3s}\n"
                + "  - {random: [isolate, bridge], at: 35s, hold: 5s}\n", "s.yaml", "s");
        assertEquals(5, s.schedule().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'name: x\nschedule:\n  - {fault: clean-split, at: 5s, hold: 20s}\n  - {fault: isolate, at: 15s, hold: 5s}\n'"
                + " | 's.yaml:4: schedule[1]: its occurrence at 15s overlaps step 0''s (5s to 25s); both are partition faults, and each"
                + " partition''s stop removes every black hole; only faults of different families (partition, slow, node, clock) may overlap'",
        "'name: x\nschedule:\n  - {fault: slow, at: 5s, hold: 20s, latency: 5ms}\n  - {fault: slow, at: 15s, hold: 5s, bandwidth: 100}\n'"
                + " | 's.yaml:4: schedule[1]: its occurrence at 15s overlaps step 0''s (5s to 25s); both are slow faults, and each"
                + " slowdown''s stop removes every latency and bandwidth toxic; only faults of different families (partition, slow,"
                + " node, clock) may overlap'",
        "'name: x\nschedule:\n  - {fault: kill, at: 5s, hold: 20s}\n  - {fault: pause, at: 10s, hold: 1s}\n'"
                + " | 's.yaml:4: schedule[1]: its occurrence at 10s overlaps step 0''s (5s to 25s); both are node faults;"
                + " only faults of different families (partition, slow, node, clock) may overlap'",
        "'name: x\nschedule:\n  - {fault: clean-split, at: 5s, hold: 20s}\n  - {random: [kill, isolate], at: 15s, hold: 5s}\n'"
                + " | 's.yaml:4: schedule[1]: its occurrence at 15s overlaps step 0''s (5s to 25s); both may be partition faults"
                + " (step 1 may be any of kill, isolate), and each partition''s stop removes every black hole; only faults of"
                + " different families (partition, slow, node, clock) may overlap'",
        "'name: x\nschedule:\n  - {random: [kill, isolate], at: 5s, hold: 20s}\n  - {random: [pause, slow], at: 15s, hold: 5s, latency: 5ms}\n'"
                + " | 's.yaml:4: schedule[1]: its occurrence at 15s overlaps step 0''s (5s to 25s); both may be node faults"
                + " (step 0 may be any of kill, isolate; step 1 may be any of pause, slow); only faults of different families"
                + " (partition, slow, node, clock) may overlap'",
    })
    void faultsOfOneFamilyMayNotOverlap(String yaml, String expected) {
        assertEquals(expected, error(yaml));
    }

    @Test
    void aClockOffsetIsSignedAndWrittenBackAsRead() {
        Scenario s = files.parse("name: x\nschedule:\n  - {fault: clock-bump, at: 5s, hold: 5s, offset: -2m}\n"
                + "  - {fault: clock-strobe, at: 15s, hold: 5s, offset: +30s, interval: 1s}\n"
                + "  - {fault: clock-skew, at: 25s, hold: 5s, max-offset: 1m}\n", "s.yaml", "s");
        assertEquals(Duration.ofSeconds(-120), s.schedule().get(0).offset());
        assertEquals(Duration.ofSeconds(30), s.schedule().get(1).offset());
        assertEquals(Duration.ofMinutes(1), s.schedule().get(2).maxOffset());
        assertTrue(files.toYaml(s).contains("offset: -2m"), files.toYaml(s));
        assertEquals(s, files.parse(files.toYaml(s), "again.yaml", "x"));
    }

    @Test
    void twoClockFaultsMayNotOverlap() {
        String m = error("name: x\nschedule:\n  - {fault: clock-skew, at: 5s, hold: 20s, max-offset: 10s}\n"
                + "  - {fault: clock-bump, at: 10s, hold: 5s, offset: 5s}\n");
        assertTrue(m.contains("both are clock faults, and each clock fault's stop sets the clocks it moved back"), m);
    }

    @Test
    void aClockFaultNeedsClockControlOfItsTarget() {
        Scenario s = resolve(files.builtin("clock-skew"));
        assertTrue(Requirements.uses(s, Capability.CLOCK));
        assertEquals("scenario 'clock-skew' uses fault 'clock-skew', which needs clock, but target etcd can only kill, pause",
                Requirements.unmet(s, EnumSet.of(Capability.KILL, Capability.PAUSE), "etcd"));
        assertNull(Requirements.unmet(s, EnumSet.of(Capability.CLOCK), "zookeeper"));
        assertTrue(!Requirements.uses(resolve(files.builtin("clean-split")), Capability.CLOCK));
    }

    @Test
    void anOversizedFileIsRefusedUnread(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("big.yaml");
        Files.writeString(f, "name: big\ndescription: " + "x".repeat(ScenarioFiles.MAX_BYTES) + "\n");
        assertTrue(assertThrows(ScenarioException.class, () -> files.load(f)).getMessage().contains("at most"));
    }

    @Test
    void aFileWithoutANameTakesItsFileName(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("my-split.yaml");
        Files.writeString(f, "schedule:\n  - {fault: clean-split, at: 5s, hold: 10s}\n");
        assertEquals("my-split", files.load(f).name());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("BUILTIN")
    void everyBuiltinLoadsResolvesAndRoundTripsThroughItsYaml(String name) {
        Scenario raw = files.builtin(name);
        assertEquals(name, raw.name());
        assertTrue(raw.description() != null && !raw.description().isBlank(), "has a description");
        Scenario resolved = resolve(raw);
        String yaml = files.toYaml(resolved);
        Scenario again = resolve(files.parse(yaml, "shown.yaml", "shown"));
        assertEquals(resolved, again, yaml);
        assertEquals(yaml, files.toYaml(again));
    }

    @Test
    void resolvingFillsDefaultsAndAddsTheSloCheckerWhenThresholdsAreSet() {
        Scenario s = resolve(files.builtin("clean-split"));
        assertEquals(5, s.nodes());
        assertEquals(Duration.ofSeconds(5), s.opTimeout());
        assertEquals(List.of("stats", "set", "slo", "fault-effect"), s.checkers(), "fault-effect: the schedule has faults");
        assertEquals(Duration.ofSeconds(10), s.slo().failoverMax());
        assertEquals(List.of("stats", "set"), resolve(files.builtin("none")).checkers());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"99.9% | 0.999", "0.999 | 0.999", "'99.95 %' | 0.9995", "95% | 0.95"})
    void anAvailabilityObjectiveIsAPercentageOrAFraction(String written, double fraction) {
        Scenario s = files.parse("name: x\nslo:\n  availability-objective: " + written + "\n", "s.yaml", "x");
        assertEquals(fraction, s.slo().availabilityObjective(), 1e-12);
        Scenario back = files.parse(files.toYaml(s), "back.yaml", "x");
        assertEquals(fraction, back.slo().availabilityObjective(), 1e-12);
    }

    @Test
    void unknownBuiltinNamesTheKnownOnes() {
        String m = assertThrows(ScenarioException.class, () -> files.builtin("split")).getMessage();
        assertTrue(m.startsWith("unknown scenario 'split'; known: clean-split, asymmetric"), m);
    }

    @Test
    void requirementsRefuseFaultsAndStepsTheClusterCannotTake() {
        Scenario leader = resolve(files.builtin("isolate-leader"));
        Scenario pause = resolve(files.builtin("pause"));
        Scenario replace = resolve(files.builtin("replace-node"));
        Set<Capability> killOnly = EnumSet.of(Capability.KILL);
        assertEquals("scenario 'isolate-leader' uses fault 'isolate-leader', which needs leader, but target dynamo can only kill",
                Requirements.unmet(leader, killOnly, "dynamo"));
        assertEquals("scenario 'pause' uses fault 'pause', which needs pause, but target dynamo can only kill",
                Requirements.unmet(pause, killOnly, "dynamo"));
        String wipe = Requirements.unmet(replace, EnumSet.complementOf(EnumSet.of(Capability.WIPE)), "dynamo");
        assertTrue(wipe != null && wipe.contains("procedure step 'wipe', which needs wipe"), wipe);
        assertNull(Requirements.unmet(resolve(files.builtin("clean-split")), Set.of(), "dynamo"));
        for (String b : BUILTIN) {
            assertNull(Requirements.unmet(resolve(files.builtin(b)), EnumSet.allOf(Capability.class), "all"), b);
        }
    }
}
