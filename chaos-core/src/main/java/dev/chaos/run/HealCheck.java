package dev.chaos.run;

import java.util.function.Supplier;

/**
 * The proof that the final heal healed: begun right after it, finished after the recovery window,
 * recorded as the nemesis op {@code heal-check} (e.g. the toxics and disabled proxies left, and the
 * bytes each link carried since the heal).
 */
@FunctionalInterface
public interface HealCheck {

    /** Called right after the final heal; the supplier, called after the recovery window, gives the op's value (null: nothing to record). */
    Supplier<Object> begin();
}
