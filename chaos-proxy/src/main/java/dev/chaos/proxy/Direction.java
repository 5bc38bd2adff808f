package dev.chaos.proxy;

import java.util.Locale;

/**
 * Which way bytes flow through a proxy, in Toxiproxy's words: {@code upstream} is from the client
 * that connected to the proxy towards the server it forwards to; {@code downstream} is the replies.
 */
public enum Direction {
    UPSTREAM, DOWNSTREAM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromWire(String s) {
        return switch (s) {
            case "upstream" -> UPSTREAM;
            case "downstream" -> DOWNSTREAM;
            default -> null;
        };
    }
}
