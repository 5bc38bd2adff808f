package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given RESP2 bytes, expect the reply as JSON (or the error apart); given bytes past a bound or not RESP, expect a refusal. */
class RespTest {

    private static Resp.Reply read(String wire) throws IOException {
        return Resp.read(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    private static String error(String wire) {
        return assertThrows(IOException.class, () -> read(wire)).getMessage();
    }

    @Test
    void aCommandIsAnArrayOfBulkStringsCountedInBytes() {
        assertEquals("*3\r\n$4\r\nSADD\r\n$2\r\ns0\r\n$2\r\né\r\n", new String(Resp.encode(List.of("SADD", "s0", "é")), StandardCharsets.UTF_8));
        assertEquals("*1\r\n$0\r\n\r\n", new String(Resp.encode(List.of("")), StandardCharsets.UTF_8));
    }

    @Test
    void eachReplyTypeBecomesItsJson() throws IOException {
        assertEquals("\"OK\"", read("+OK\r\n").value().toString());
        assertEquals("1", read(":1\r\n").value().toString());
        assertEquals("\"17\"", read("$2\r\n17\r\n").value().toString());
        assertEquals("\"a\\r\\nb\"", read("$4\r\na\r\nb\r\n").value().toString(), "a bulk string is read by its length, CRLF inside included");
        assertTrue(read("$-1\r\n").value().isNull());
        assertTrue(read("*-1\r\n").value().isNull());
        assertEquals("[\"3\",\"17\"]", read("*2\r\n$1\r\n3\r\n$2\r\n17\r\n").value().toString());
        assertEquals("[[\"r1\",\"4\"],[\"r2\",null]]", read("*2\r\n*2\r\n$2\r\nr1\r\n$1\r\n4\r\n*2\r\n$2\r\nr2\r\n$-1\r\n").value().toString());
        assertEquals("[]", read("*0\r\n").value().toString());
    }

    @Test
    void anErrorReplyComesApartWithItsCode() throws IOException {
        Resp.Reply r = read("-READONLY You can't write against a read only replica.\r\n");
        assertNull(r.value());
        assertEquals("READONLY", r.errorCode());
        assertEquals("READONLY You can't write against a read only replica.", r.error());
        assertEquals("NOREPLICAS", read("-NOREPLICAS\r\n").errorCode());
    }

    @Test
    void anErrorInsideAnArrayIsReadToTheArraysEnd() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream("*2\r\n-ERR one\r\n:2\r\n+NEXT\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("[\"-ERR one\",2]", Resp.read(in).value().toString());
        assertEquals("\"NEXT\"", Resp.read(in).value().toString(), "the next reply starts where the array ended");
    }

    @Test
    void readsAreBounded() {
        assertTrue(error("$" + (Resp.MAX_BULK + 1) + "\r\n").contains("bulk string of"), "a bulk string over the limit is not allocated");
        assertTrue(error("*" + (Resp.MAX_ELEMENTS + 1) + "\r\n").contains("array of"));
        assertTrue(error("+" + "x".repeat(Resp.MAX_LINE + 1) + "\r\n").contains("line longer than"));
        assertTrue(error("*1\r\n".repeat(Resp.MAX_DEPTH + 1) + ":1\r\n").contains("nested deeper"));
    }

    @Test
    void bytesThatAreNotRespAreRefused() {
        assertTrue(error("HTTP/1.1 400 Bad Request\r\n").contains("starts with byte 72 ('H')"));
        assertTrue(error(":twelve\r\n").contains("where a number belongs"));
        assertTrue(error("$5\r\nab\r\n").contains("ends early"));
        assertTrue(error("+OK\n").contains("CR without LF") || error("+OK\n").contains("closed"));
        assertTrue(error("").contains("connection closed"));
        assertTrue(error("*2\r\n:1\r\n").contains("connection closed"), "a reply cut short");
    }
}
