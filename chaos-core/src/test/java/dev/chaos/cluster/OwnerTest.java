package dev.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OwnerTest {

    @Test
    void thisProcessIsAlive() {
        assertEquals(Owner.State.ALIVE, Owner.of(Owner.current()));
    }

    @Test
    void aPidThatCannotExistOnThisHostIsGone() {
        assertEquals(Owner.State.GONE, Owner.of(Owner.host() + "/4194305"));
    }

    @Test
    void anotherHostNoOwnerOrGarbageCannotBeJudged() {
        assertEquals(Owner.State.UNKNOWN, Owner.of("some-other-host-" + Owner.host() + "/1"));
        assertEquals(Owner.State.UNKNOWN, Owner.of(null));
        assertEquals(Owner.State.UNKNOWN, Owner.of(Owner.host() + "/not-a-pid"));
        assertEquals(Owner.State.UNKNOWN, Owner.of("/12"));
    }
}
