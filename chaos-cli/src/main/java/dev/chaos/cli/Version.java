package dev.chaos.cli;

import picocli.CommandLine;

/** {@code chaos --version}: the tool's version, the history format it writes, and the JVM. */
public final class Version implements CommandLine.IVersionProvider {

    public static String tool() {
        String v = Version.class.getPackage().getImplementationVersion();
        return "chaos " + (v == null ? "0.1.0" : v);
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            tool(),
            "history format: " + dev.chaos.history.HistoryHeader.FORMAT_V1,
            "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()
        };
    }
}
