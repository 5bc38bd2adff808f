package dev.chaos.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code kv} workload's options, as a scenario file's {@code kv:} block gives them (absent
 * fields null until {@link #withDefaults}).
 *
 * @param keys            how many keys ({@code r0}..{@code r<keys-1>})
 * @param distribution    how keys are picked: uniform, zipfian, latest or hotspot ({@link KeyDistribution})
 * @param mix             the share of each operation, by name: read, write, update; the shares sum to 1
 * @param zipfianConstant theta of zipfian and latest, between 0 and 1 exclusive (YCSB: 0.99)
 * @param hotKeys         hotspot: the fraction of the keys that is hot (YCSB hotspotdatafraction)
 * @param hotOps          hotspot: the fraction of the operations on hot keys (YCSB hotspotopnfraction)
 */
public record KvOptions(Integer keys, String distribution, Map<String, Double> mix, Double zipfianConstant, Double hotKeys,
                        Double hotOps) {

    public static final int MAX_KEYS = 10_000;
    public static final List<String> OPS = List.of("read", "write", "update");
    public static final KvOptions DEFAULTS = new KvOptions(null, null, null, null, null, null).withDefaults();

    public KvOptions {
        mix = mix == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(mix));
    }

    /**
     * Every absent field with its default: 1000 keys, zipfian, read 0.5 / write 0.3 / update 0.2; the
     * zipfian constant (0.99) for zipfian and latest, hot-keys 0.2 and hot-ops 0.8 for hotspot.
     */
    public KvOptions withDefaults() {
        Map<String, Double> m = mix;
        if (m == null) {
            m = new LinkedHashMap<>();
            m.put("read", 0.5);
            m.put("write", 0.3);
            m.put("update", 0.2);
        }
        String d = distribution == null ? "zipfian" : distribution;
        boolean zipf = d.equals("zipfian") || d.equals("latest");
        boolean hot = d.equals("hotspot");
        return new KvOptions(keys == null ? 1000 : keys, d, m,
                zipf && zipfianConstant == null ? Double.valueOf(ZipfianKeys.DEFAULT_CONSTANT) : zipfianConstant,
                hot && hotKeys == null ? Double.valueOf(0.2) : hotKeys, hot && hotOps == null ? Double.valueOf(0.8) : hotOps);
    }

    /** The share of {@code op} in the mix (0 when absent); call on defaulted options. */
    public double share(String op) {
        Double d = mix.get(op);
        return d == null ? 0 : d;
    }

    /**
     * What is wrong, as a relative JSON pointer ({@code /keys}, {@code /mix/reed}) to a reason,
     * in the order found; empty when nothing is.
     */
    public Map<String, String> problems() {
        Map<String, String> out = new LinkedHashMap<>();
        if (keys != null && (keys < 1 || keys > MAX_KEYS)) {
            out.put("/keys", keys + " is outside 1.." + MAX_KEYS);
        }
        if (distribution != null && !KeyDistribution.NAMES.contains(distribution)) {
            out.put("/distribution", "'" + distribution + "' is not one of " + String.join(", ", KeyDistribution.NAMES));
        }
        if (mix != null) {
            double sum = 0;
            for (Map.Entry<String, Double> e : mix.entrySet()) {
                if (!OPS.contains(e.getKey())) {
                    out.putIfAbsent("/mix/" + e.getKey(), "unknown operation '" + e.getKey() + "'; known: " + String.join(", ", OPS));
                } else if (e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 1)) {
                    out.putIfAbsent("/mix/" + e.getKey(), e.getValue() + " is not a fraction between 0 and 1");
                } else {
                    sum += e.getValue();
                }
            }
            if (out.isEmpty() && Math.abs(sum - 1) > 1e-6) {
                out.put("/mix", "the shares sum to " + round(sum) + "; make them sum to 1 (e.g. read: 0.5, write: 0.3, update: 0.2)");
            }
        }
        if (zipfianConstant != null && !(zipfianConstant > 0 && zipfianConstant < 1)) {
            out.put("/zipfian-constant", zipfianConstant + " is not between 0 and 1 (exclusive); YCSB uses 0.99");
        }
        fraction(out, "/hot-keys", hotKeys);
        fraction(out, "/hot-ops", hotOps);
        String d = distribution == null ? "zipfian" : distribution;
        if ((hotKeys != null || hotOps != null) && !d.equals("hotspot")) {
            out.put(hotKeys != null ? "/hot-keys" : "/hot-ops", "only the hotspot distribution takes it (distribution is " + d + ")");
        }
        if (zipfianConstant != null && !d.equals("zipfian") && !d.equals("latest")) {
            out.put("/zipfian-constant", "only zipfian and latest take it (distribution is " + d + ")");
        }
        return out;
    }

    private static void fraction(Map<String, String> out, String at, Double v) {
        if (v != null && !(v >= 0 && v <= 1)) {
            out.put(at, v + " is not a fraction between 0 and 1");
        }
    }

    private static String round(double d) {
        return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
