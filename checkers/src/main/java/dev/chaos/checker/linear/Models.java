package dev.chaos.checker.linear;

import dev.chaos.checker.linear.model.CollectionModels;
import dev.chaos.checker.linear.model.RegisterModels;
import dev.chaos.history.Call;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every model by name: adding a model is one file plus one line here. */
public final class Models {

    private static final List<Model> ALL = List.of(RegisterModels.CAS_REGISTER, RegisterModels.REGISTER,
            RegisterModels.KV, CollectionModels.SET, CollectionModels.COUNTER, CollectionModels.MUTEX);

    private Models() {
    }

    public static List<String> names() {
        return ALL.stream().map(Model::name).toList();
    }

    /** The model called {@code name}, or null. */
    public static Model byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * The model a history's functions call for, or null when none fits: read/write/cas is a
     * cas-register, get/put/append a kv register, acquire/release a mutex, add/read a set when reads
     * return lists and a counter when they return numbers.
     */
    public static Model infer(List<Call> calls) {
        Set<String> fs = new TreeSet<>();
        boolean listReads = false;
        for (Call c : calls) {
            fs.add(c.f());
            if (c.isOk() && c.f().equals("read") && c.completion().value() instanceof Collection) {
                listReads = true;
            }
        }
        if (fs.isEmpty()) {
            return null;
        }
        if (RegisterModels.CAS_REGISTER.functions().containsAll(fs) && !fs.equals(Set.of("read"))) {
            return RegisterModels.CAS_REGISTER;
        }
        if (RegisterModels.KV.functions().containsAll(fs)) {
            return RegisterModels.KV;
        }
        if (CollectionModels.MUTEX.functions().containsAll(fs)) {
            return CollectionModels.MUTEX;
        }
        if (fs.equals(CollectionModels.SET.functions())) { // add and read: without reads there is nothing to check
            return listReads ? CollectionModels.SET : CollectionModels.COUNTER;
        }
        return null;
    }
}
