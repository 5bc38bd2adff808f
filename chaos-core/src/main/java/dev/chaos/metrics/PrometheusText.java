package dev.chaos.metrics;

import java.math.BigDecimal;

/**
 * Writing the Prometheus text exposition format, version 0.0.4: {@code # HELP} and {@code # TYPE}
 * lines, then one sample per line, {@code name{label="value",...} number}. Label values escape
 * backslash, double quote and newline; numbers are written plainly ({@code 0.0005}, not
 * {@code 5.0E-4}), infinity as {@code +Inf}.
 */
final class PrometheusText {

    /** The exposition's content type. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out;

    PrometheusText(StringBuilder out) {
        this.out = out;
    }

    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A sample; {@code labels} alternate name and value. */
    PrometheusText sample(String name, long value, String... labels) {
        head(name, labels).append(value).append('\n');
        return this;
    }

    PrometheusText sample(String name, double value, String... labels) {
        head(name, labels).append(number(value)).append('\n');
        return this;
    }

    private StringBuilder head(String name, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        return out.append(' ');
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
