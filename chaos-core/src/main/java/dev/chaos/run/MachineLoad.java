package dev.chaos.run;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How busy the machine running chaos was while the clients ran: the whole machine's CPU and chaos'
 * own share of it, sampled once a second. On a machine that also runs the system under test (the
 * local and docker backends) a run can fall short of its rate because the CPU is full, whoever
 * uses it; the history's schedule alone cannot tell that from a slow system, so the run records it
 * (the {@code machine-load} op) for the stats checker to say so.
 */
final class MachineLoad {

    private static final long EVERY_MS = 1_000;

    private final com.sun.management.OperatingSystemMXBean os;
    private double machineSum;
    private double machineMax;
    private double chaosSum;
    private int samples;
    private Thread sampler;

    private MachineLoad(com.sun.management.OperatingSystemMXBean os) {
        this.os = os;
    }

    /** Starts sampling; null when this JVM cannot read CPU load (the run goes on without it). */
    static MachineLoad start() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return null;
        }
        MachineLoad load = new MachineLoad(os);
        os.getCpuLoad(); // the first reading covers no interval: prime it
        os.getProcessCpuLoad();
        load.sampler = Thread.ofVirtual().name("machine-load").start(load::sample);
        return load;
    }

    private void sample() {
        try {
            while (true) {
                Thread.sleep(EVERY_MS);
                double machine = os.getCpuLoad();
                double chaos = os.getProcessCpuLoad();
                if (machine >= 0 && chaos >= 0) {
                    synchronized (this) {
                        machineSum += machine;
                        machineMax = Math.max(machineMax, machine);
                        chaosSum += chaos;
                        samples++;
                    }
                }
            }
        } catch (InterruptedException stopped) {
            // the clients stopped
        }
    }

    /**
     * Stops sampling and returns the op's value: {@code cpu} (the machine's mean busy fraction),
     * {@code cpu-max}, {@code chaos-cpu} (this process' mean fraction of the whole machine),
     * {@code cores} and {@code samples}; null when no sample was taken (a run under a second).
     */
    Map<String, Object> stop() {
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a run being aborted: its own exception goes on, not this one
        }
        synchronized (this) {
            if (samples == 0) {
                return null;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("cpu", round(machineSum / samples));
            v.put("cpu-max", round(machineMax));
            v.put("chaos-cpu", round(chaosSum / samples));
            v.put("cores", os.getAvailableProcessors());
            v.put("samples", samples);
            return v;
        }
    }

    private static double round(double fraction) {
        return Math.round(fraction * 1000) / 1000.0;
    }
}
