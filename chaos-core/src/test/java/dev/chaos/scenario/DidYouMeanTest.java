package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, DidYouMean.distance("rate", "rate"));
        assertEquals(1, DidYouMean.distance("rat", "rate"));
        assertEquals(1, DidYouMean.distance("rates", "rate"));
        assertEquals(1, DidYouMean.distance("rote", "rate"));
        assertEquals(3, DidYouMean.distance("", "abc"));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    }

    @Test
    void theNearestKnownNameWithinTwoEditsFirstInOrderOnATie() {
        assertEquals("duration", DidYouMean.closest("duraton", List.of("rate", "duration", "nodes")));
        assertEquals("ports", DidYouMean.closest("port", List.of("ports", "sort")));
        assertEquals("concurrency", DidYouMean.closest("concurrent", List.of("concurrency", "rate")), "two edits");
        assertNull(DidYouMean.closest("clients", List.of("concurrency", "rate")), "too far to guess");
    }
}
