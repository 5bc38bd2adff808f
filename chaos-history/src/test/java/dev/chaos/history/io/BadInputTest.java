package dev.chaos.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.HistoryFormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Untrusted histories: every kind of bad input is rejected with the line and the problem, never a stack trace. */
class BadInputTest {

    static final String HEADER = "{\"format\":\"chaos-history/1\",\"nodes\":[\"n1\"]}\n";
    static final String INVOKE = "{\"index\":0,\"time\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n";
    static final String OK = "{\"index\":1,\"time\":5,\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":1}\n";

    static HistoryFormatException reject(String text) {
        return reject(text.getBytes(StandardCharsets.UTF_8));
    }

    static HistoryFormatException reject(byte[] bytes) {
        return assertThrows(HistoryFormatException.class,
                () -> HistoryFiles.read(new ByteArrayInputStream(bytes), "h.jsonl"));
    }

    static void assertProblem(HistoryFormatException e, long line, String fragment) {
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("h.jsonl:" + (line > 0 ? line + ": " : "")), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void malformedJson() {
        assertProblem(reject(HEADER + INVOKE + "{\"index\":1,\"process\":0,\"type\":\"ok\",,}\n"), 3, "malformed JSON at column");
    }

    @Test
    void intendedStartOnACompletionOrNegative() {
        assertProblem(reject(HEADER + INVOKE + OK.replace("\"time\":5", "\"time\":5,\"intended\":1")), 3,
                "\"intended\" is given on a ok; only an invocation has an intended start");
        assertProblem(reject(HEADER + INVOKE.replace("\"time\":0", "\"time\":0,\"intended\":-3")), 2, "\"intended\" is -3");
    }

    @Test
    void headerRateAndConcurrencyMustBePositive() {
        assertProblem(reject(HEADER.replace("}", ",\"rate\":0}") + INVOKE), 1, "\"rate\" must be a number > 0");
        assertProblem(reject(HEADER.replace("}", ",\"concurrency\":0}") + INVOKE), 1, "\"concurrency\" is 0");
    }

    @Test
    void unknownType() {
        assertProblem(reject(HEADER + INVOKE.replace("invoke", "started")), 2, "unknown \"type\" \"started\"");
    }

    @Test
    void completionWithoutInvoke() {
        assertProblem(reject(HEADER + OK.replace("\"index\":1", "\"index\":0")), 2, "without an open invoke");
    }

    @Test
    void duplicateCompletion() {
        String dup = OK.replace("\"index\":1", "\"index\":2");
        assertProblem(reject(HEADER + INVOKE + OK + dup), 4, "already completed at line 3 (duplicate completion?)");
    }

    @Test
    void invokeWhileBusy() {
        assertProblem(reject(HEADER + INVOKE + INVOKE.replace("\"index\":0", "\"index\":1")), 3, "one op at a time");
    }

    @Test
    void retiredProcessReused() {
        String info = OK.replace("\"ok\"", "\"info\"");
        assertProblem(reject(HEADER + INVOKE + info + INVOKE.replace("\"index\":0", "\"index\":2")), 4, "retired by its info at line 3");
    }

    @Test
    void indexGap() {
        assertProblem(reject(HEADER + INVOKE + OK.replace("\"index\":1", "\"index\":7")), 3, "\"index\" is 7 but 1 was expected");
    }

    @Test
    void missingField() {
        assertProblem(reject(HEADER + INVOKE.replace("\"f\":\"read\",", "")), 2, "missing \"f\"");
    }

    @Test
    void wrongFieldType() {
        assertProblem(reject(HEADER + INVOKE.replace("\"time\":0", "\"time\":\"soon\"")), 2, "\"time\" must be an integer");
    }

    @Test
    void duplicateField() {
        assertProblem(reject(HEADER + INVOKE.replace("\"f\":\"read\"", "\"f\":\"read\",\"f\":\"write\"")), 2, "Duplicate field 'f'");
    }

    @Test
    void oversizedLine() {
        String huge = "{\"index\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"add\",\"value\":\"" + "x".repeat(2 << 20) + "\"}\n";
        assertProblem(reject(HEADER + huge), 2, "longer than 1048576 bytes");
    }

    @Test
    void binaryGarbage() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0x13; // not a format's first byte
        HistoryFormatException e = reject(garbage);
        assertTrue(e.getMessage().contains("not a history"), e.getMessage());
    }

    @Test
    void binaryGarbageAfterValidLines() {
        byte[] start = (HEADER + INVOKE).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[start.length + 64];
        System.arraycopy(start, 0, bytes, 0, start.length);
        for (int i = start.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        bytes[bytes.length - 1] = '\n';
        assertProblem(reject(bytes), 3, "malformed JSON");
    }

    @Test
    void newerFormatVersionIsNamed() {
        assertProblem(reject("{\"format\":\"chaos-history/2\"}\n" + INVOKE), 1, "newer than this chaos understands");
    }

    @Test
    void headerMissing() {
        assertProblem(reject(INVOKE), 1, "must be the header");
    }

    @Test
    void emptyFile() {
        assertTrue(reject("  \n").getMessage().contains("empty file"));
    }

    @Test
    void deepNestingIsBounded() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertProblem(reject(HEADER + INVOKE.replace("\"value\":null", "\"value\":" + deep)), 2, "");
    }

    @Test
    void ednErrorsNameTheLine() {
        byte[] edn = "{:process 0, :type :invoke, :f :read, :value nil}\n{:process 0, :type :ok, :f :read, :value [1 2}\n"
                .getBytes(StandardCharsets.UTF_8);
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryFiles.read(new ByteArrayInputStream(edn), "h.edn"));
        assertEquals(2, e.line(), e.getMessage());
    }

    @Test
    void ednUnknownTypeIsNamed() {
        byte[] edn = "{:process 0, :type :begin, :f :read, :value nil}\n".getBytes(StandardCharsets.UTF_8);
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryFiles.read(new ByteArrayInputStream(edn), "h.edn"));
        assertTrue(e.getMessage().contains("h.edn:1: op :type is :begin"), e.getMessage());
    }

    @Test
    void jepsenLogCompletionWithoutInvoke() {
        byte[] log = "INFO  jepsen.util - 3\t:ok\t:read\t1\n".getBytes(StandardCharsets.UTF_8);
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryFiles.read(new ByteArrayInputStream(log), "h.log"));
        assertTrue(e.getMessage().startsWith("h.log:1: completion (ok read) of process 3 without an open invoke"), e.getMessage());
    }

    @Test
    void unknownFieldsAreIgnoredWithAWarning() throws Exception {
        LoadedHistory h = HistoryFiles.read(new ByteArrayInputStream((HEADER + INVOKE.replace("{\"index\"", "{\"shard\":3,\"index\"") + OK)
                .getBytes(StandardCharsets.UTF_8)), "h.jsonl");
        assertEquals(2, h.history().size());
        assertTrue(h.warnings().get(0).contains("[shard]"), h.warnings().toString());
    }
}
