package dev.chaos.report;

import dev.chaos.history.io.JsonText;

/** Values from a history as short text for tooltips and tables (still untrusted: escaped where shown). */
final class OpText {

    static final int MAX = 160;

    private OpText() {
    }

    static String value(Object v) {
        if (v == null) {
            return null;
        }
        String s;
        if (v instanceof String str) {
            s = str;
        } else {
            StringBuilder sb = new StringBuilder();
            JsonText.value(v, sb);
            s = sb.toString();
        }
        return cut(s);
    }

    static String cut(String s) {
        if (s == null || s.length() <= MAX) {
            return s;
        }
        int end = MAX;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
