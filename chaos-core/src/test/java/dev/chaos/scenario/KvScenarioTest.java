package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaos.workload.KvOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kv block of a scenario file: keys, distribution and mix, every mistake named by line and field. */
class KvScenarioTest {

    private final ScenarioFiles files = new ScenarioFiles(dev.chaos.checker.CheckerCatalog.names());

    private String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> files.parse(yaml, "s.yaml", "s")).getMessage();
    }

    @Test
    void aKvBlockBindsAndRoundTrips() {
        Scenario s = files.parse("""
                workload: kv
                kv:
                  keys: 200
                  distribution: hotspot
                  hot-keys: 0.1
                  hot-ops: 0.9
                  mix: {read: 0.6, write: 0.2, update: 0.2}
                """, "s.yaml", "s");
        assertEquals(200, s.kv().keys());
        assertEquals("hotspot", s.kv().distribution());
        assertEquals(0.9, s.kv().hotOps());
        assertEquals(List.of("read", "write", "update"), List.copyOf(s.kv().mix().keySet()));
        assertEquals(s, files.parse(files.toYaml(s), "again.yaml", "s"));
    }

    @Test
    void defaultsFillTheKvBlockOfAKvWorkloadOnly() {
        Scenario kv = files.resolve(files.parse("workload: kv\n", "s.yaml", "s"), w -> List.of("stats"));
        assertEquals(KvOptions.DEFAULTS, kv.kv());
        assertEquals(0.5, kv.kv().share("read"));
        assertNull(files.resolve(files.parse("workload: set\n", "s.yaml", "s"), w -> List.of("stats")).kv());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kv:\\n  mix: {read: 0.5, write: 0.3, update: 0.3}         | s.yaml:3: kv.mix: the shares sum to 1.1; make them sum to 1
            kv:\\n  mix:\\n    read: 0.5\\n    delete: 0.5            | s.yaml:5: kv.mix.delete: unknown operation 'delete'; known: read, write, update
            kv:\\n  mix:\\n    read: 1.5                             | s.yaml:4: kv.mix.read: 1.5 is not a fraction between 0 and 1
            kv:\\n  mix:\\n    read: lots                            | s.yaml:4: kv.mix.read: expected a number
            kv:\\n  keys: 0                                         | s.yaml:3: kv.keys: 0 is outside 1..10000
            kv:\\n  distribution: pareto                            | s.yaml:3: kv.distribution: 'pareto' is not one of uniform, zipfian, latest, hotspot
            kv:\\n  zipfian-constant: 1.0                           | s.yaml:3: kv.zipfian-constant: 1.0 is not between 0 and 1
            kv:\\n  hot-ops: 0.5                                    | s.yaml:3: kv.hot-ops: only the hotspot distribution takes it (distribution is zipfian)
            kv:\\n  distributon: uniform                            | s.yaml:3: kv.distributon: unknown field (did you mean 'distribution'?)
            """)
    void badKvOptionsNameTheLineAndTheFix(String body, String expected) {
        String m = error("workload: kv\n" + body.replace("\\n", "\n") + "\n");
        assertEquals(expected, m.substring(0, Math.min(m.length(), expected.length())), m);
    }

    @Test
    void kvOptionsWithAnotherWorkloadAreAnError() {
        String m = error("workload: set\nkv:\n  keys: 10\n");
        assertEquals("s.yaml:2: kv: only the kv workload takes kv options (workload is set); remove kv or set workload: kv", m);
    }
}
