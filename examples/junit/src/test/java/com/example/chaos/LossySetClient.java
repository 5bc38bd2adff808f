package com.example.chaos;

import dev.chaos.api.SetClient;
import java.util.Collection;
import java.util.Set;

/**
 * A deliberately broken client: it acknowledges every add but silently drops every element that is
 * 3 modulo 7, as a buggy write path that acks before it persists would. Each dropped element goes
 * into {@code dropped}, so a test knows exactly what chaos must report lost.
 */
final class LossySetClient implements SetClient {

    private final SetClient real;
    private final Set<Long> dropped;

    LossySetClient(SetClient real, Set<Long> dropped) {
        this.real = real;
        this.dropped = dropped;
    }

    @Override
    public void add(String key, long element) throws Exception {
        if (element % 7 == 3) {
            dropped.add(element);
            return; // "ok", but never sent
        }
        real.add(key, element);
    }

    @Override
    public Collection<Long> read(String key) throws Exception {
        return real.read(key);
    }

    @Override
    public Collection<Long> readAll() throws Exception {
        return real.readAll();
    }

    @Override
    public void close() throws Exception {
        real.close();
    }
}
