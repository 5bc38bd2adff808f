package dev.chaos.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chaos.proxy.toxic.Slicer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's wire names, attribute names and defaults are Toxiproxy 2.x's. */
class ToxicTypeTest {

    @Test
    void everyToxicByItsWireNameWithItsAttributesInOrderDefaultingToZero() {
        Map<String, List<String>> wire = new LinkedHashMap<>();
        wire.put("latency", List.of("latency", "jitter"));
        wire.put("bandwidth", List.of("rate"));
        wire.put("slow_close", List.of("delay"));
        wire.put("timeout", List.of("timeout"));
        wire.put("reset_peer", List.of("timeout"));
        wire.put("slicer", List.of("average_size", "size_variation", "delay"));
        wire.put("limit_data", List.of("bytes"));
        assertEquals(List.copyOf(wire.keySet()), ToxicType.names());
        for (Map.Entry<String, List<String>> e : wire.entrySet()) {
            ToxicType t = ToxicType.fromWire(e.getKey());
            assertEquals(e.getKey(), t.wire());
            assertEquals(e.getValue(), List.copyOf(t.defaults().keySet()), e.getKey());
            t.defaults().values().forEach(v -> assertEquals(0L, v, e.getKey()));
        }
        assertNull(ToxicType.fromWire("nope"));
        assertNull(ToxicType.fromWire(null));
    }

    @Test
    void aToxicsRecordCarriesItsAttributes() {
        Toxic t = new Toxic("sl", ToxicType.SLICER, Direction.DOWNSTREAM, 1.0, Map.of("average_size", 10L, "delay", 5L));
        assertEquals(new Slicer(10, 0, 5), t.pipe());
    }
}
