package dev.chaos.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON to embed in {@code <script type="application/json">}: nothing in it can end the script
 * element or open markup. JSON syntax itself has none of {@code < > &}, so they occur only inside
 * strings, where {@code \u003c} means the same character to {@code JSON.parse}.
 */
final class ScriptJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ScriptJson() {
    }

    static String of(Object data) {
        try {
            return escape(MAPPER.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not serialisable: " + e.getMessage(), e);
        }
    }

    static String escape(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
