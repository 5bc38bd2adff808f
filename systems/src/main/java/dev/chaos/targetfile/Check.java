package dev.chaos.targetfile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A test of a JSON reply: the value at {@code pointer} (RFC 6901) equals {@code equals} (a template),
 * or the value at {@code equalsPointer} in the same reply (etcd's status: {@code /leader} equals
 * {@code /header/member_id} on the leader). Values compare as text: {@code true}, {@code 42}, {@code "x"} as x.
 */
public record Check(String pointer, Template equals, String equalsPointer) {

    public boolean test(JsonNode reply, Map<String, String> vars) {
        JsonNode v = reply.at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        String want = equals != null ? equals.render(vars) : text(reply.at(equalsPointer));
        return want != null && text(v).equals(want);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }
}
