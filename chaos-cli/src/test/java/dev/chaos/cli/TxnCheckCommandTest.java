package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** `chaos check` on transactional histories: an Elle EDN list, the claimed model, its exit codes. */
class TxnCheckCommandTest {

    static final String READ_SKEW = "../testdata/elle/g-single.edn";

    @Test
    void readSkewIsNotSerializable() throws Exception {
        CheckCommandTest.Run r = CheckCommandTest.chaos("check", READ_SKEW, "--checker", "list-append", "--consistency", "serializable");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("NOT serializable: G-single (1)"), r.out());
        assertTrue(r.out().contains("T0 read 1 = [], before T1 appended 1 to it; T1 appended 1 to 2, which T0 read. So T0 must come after itself"), r.out());
        CheckCommandTest.Run json = CheckCommandTest.chaos("check", READ_SKEW, "--checker", "list-append", "--json");
        JsonNode la = new ObjectMapper().readTree(json.out()).get("checkers").get("list-append");
        assertEquals("strict-serializable", la.get("consistency").asText());
        assertEquals("[\"repeatable-read\",\"snapshot-isolation\"]", la.get("weakest-violated").toString());
        assertEquals("rw", la.get("anomalies").get("G-single").get("examples").get(0).get("cycle").get(0).get("type").asText());
    }

    @Test
    void readCommittedAllowsIt() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("check", READ_SKEW, "--checker", "list-append", "--consistency", "read-committed");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("read-committed allows [G-single]"), r.out());
    }

    @Test
    void anUnknownConsistencyIsAUsageError() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("check", READ_SKEW, "--consistency", "serialisable");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("--consistency: unknown model 'serialisable'; known: read-uncommitted"), r.err());
    }

    @Test
    void byDefaultTheTransactionalCheckerRunsOnATxnHistory() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("check", READ_SKEW);
        assertTrue(r.out().contains("list-append"), r.out());
        assertTrue(!r.out().contains("rw-register") && !r.out().contains("bank"), r.out());
    }
}
