package dev.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A resource its owner closed and unregistered is not closed again when everything is torn down. */
class TeardownTest {

    @Test
    void anUnregisteredResourceIsLeftAloneAndTheOthersCloseLastFirst() {
        List<String> closed = new ArrayList<>();
        AutoCloseable first = () -> closed.add("first");
        AutoCloseable finished = () -> closed.add("finished");
        AutoCloseable last = () -> closed.add("last");
        Teardown.register(first);
        Teardown.register(finished);
        Teardown.register(last);
        Teardown.unregister(finished);
        Teardown.all();
        assertEquals(List.of("last", "first"), closed);
    }
}
