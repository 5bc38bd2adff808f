package dev.chaos.checker.linear.model;

import dev.chaos.checker.linear.Model;
import dev.chaos.checker.linear.Operation;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Single-value registers. The register starts absent ({@code null}); a read returning {@code null}
 * saw it absent, as Jepsen's etcd histories record it.
 */
public final class RegisterModels {

    private RegisterModels() {
    }

    /** read / write. */
    public static final Model REGISTER = new Model() {
        @Override
        public String name() {
            return "register";
        }

        @Override
        public Set<String> functions() {
            return Set.of("read", "write");
        }

        @Override
        public Object init() {
            return null;
        }

        @Override
        public Object step(Object state, Operation op) {
            return switch (op.f()) {
                case "write" -> op.input();
                case "read" -> !op.known() || Objects.equals(state, op.output()) ? state : IMPOSSIBLE;
                default -> IMPOSSIBLE;
            };
        }
    };

    /** read / write / cas [from to]: compare-and-set succeeds only when the value equals {@code from}. */
    public static final Model CAS_REGISTER = new Model() {
        @Override
        public String name() {
            return "cas-register";
        }

        @Override
        public Set<String> functions() {
            return Set.of("read", "write", "cas");
        }

        @Override
        public Object init() {
            return null;
        }

        @Override
        public Object step(Object state, Operation op) {
            if (!op.f().equals("cas")) {
                return REGISTER.step(state, op);
            }
            if (!(op.input() instanceof List<?> fromTo) || fromTo.size() != 2) {
                return IMPOSSIBLE;
            }
            return Objects.equals(state, fromTo.get(0)) ? fromTo.get(1) : IMPOSSIBLE;
        }
    };

    /**
     * A string register per key, as Porcupine's key-value tests use it: get returns the whole value
     * ({@code ""} when absent), put replaces it, append concatenates. Keys are checked independently.
     */
    public static final Model KV = new Model() {
        @Override
        public String name() {
            return "kv";
        }

        @Override
        public Set<String> functions() {
            return Set.of("get", "put", "append");
        }

        @Override
        public Object init() {
            return "";
        }

        @Override
        public Object step(Object state, Operation op) {
            return switch (op.f()) {
                case "put" -> String.valueOf(op.input());
                case "append" -> state + String.valueOf(op.input());
                case "get" -> !op.known() || state.equals(op.output() == null ? "" : op.output()) ? state : IMPOSSIBLE;
                default -> IMPOSSIBLE;
            };
        }
    };
}
