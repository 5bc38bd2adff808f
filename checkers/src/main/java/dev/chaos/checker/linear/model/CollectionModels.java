package dev.chaos.checker.linear.model;

import dev.chaos.checker.linear.Model;
import dev.chaos.checker.linear.Operation;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Set, counter and mutex. */
public final class CollectionModels {

    private CollectionModels() {
    }

    /** add x / read → every element. State: an immutable set. */
    public static final Model SET = new Model() {
        @Override
        public String name() {
            return "set";
        }

        @Override
        public Set<String> functions() {
            return Set.of("add", "read");
        }

        @Override
        public Object init() {
            return Set.of();
        }

        @Override
        public Object step(Object state, Operation op) {
            Set<?> s = (Set<?>) state;
            return switch (op.f()) {
                case "add" -> {
                    if (s.contains(op.input())) {
                        yield s;
                    }
                    Set<Object> next = new HashSet<>(s);
                    next.add(op.input());
                    yield Set.copyOf(next);
                }
                case "read" -> {
                    if (!op.known()) {
                        yield s;
                    }
                    if (!(op.output() instanceof Collection<?> seen)) {
                        yield IMPOSSIBLE;
                    }
                    yield seen.size() == s.size() && s.containsAll(seen) ? s : IMPOSSIBLE;
                }
                default -> IMPOSSIBLE;
            };
        }
    };

    /** add n / read → the sum. */
    public static final Model COUNTER = new Model() {
        @Override
        public String name() {
            return "counter";
        }

        @Override
        public Set<String> functions() {
            return Set.of("add", "read");
        }

        @Override
        public Object init() {
            return 0L;
        }

        @Override
        public Object step(Object state, Operation op) {
            long v = (Long) state;
            return switch (op.f()) {
                case "add" -> op.input() instanceof Long n ? (Object) (v + n) : IMPOSSIBLE;
                case "read" -> !op.known() || Long.valueOf(v).equals(op.output()) ? state : IMPOSSIBLE;
                default -> IMPOSSIBLE;
            };
        }
    };

    /** acquire / release: one holder at a time. */
    public static final Model MUTEX = new Model() {
        @Override
        public String name() {
            return "mutex";
        }

        @Override
        public Set<String> functions() {
            return Set.of("acquire", "release");
        }

        @Override
        public Object init() {
            return Boolean.FALSE;
        }

        @Override
        public boolean isPureRead(String f) {
            return false;
        }

        @Override
        public Object step(Object state, Operation op) {
            boolean held = (Boolean) state;
            return switch (op.f()) {
                case "acquire" -> held ? IMPOSSIBLE : Boolean.TRUE;
                case "release" -> held ? Boolean.FALSE : IMPOSSIBLE;
                default -> IMPOSSIBLE;
            };
        }
    };
}
