package dev.chaos.cli;

import dev.chaos.checker.Verdict;

/** How results look, in words and in JSON, wherever the CLI prints them. */
final class Text {

    private Text() {
    }

    static String verdictWord(Verdict v) {
        return switch (v) {
            case VALID -> "valid  ";
            case INVALID -> "INVALID";
            case UNKNOWN -> "unknown";
        };
    }
}
