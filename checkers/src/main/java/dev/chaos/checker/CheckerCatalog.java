package dev.chaos.checker;

import java.util.List;

/** Every checker by name: the one place a new checker is registered. */
public final class CheckerCatalog {

    private CheckerCatalog() {
    }

    /** Names in the order {@code chaos check} runs them by default. */
    public static List<String> names() {
        return List.of("stats", "linearizable", "set", "convergence", "availability", "slo", "procedure", "fault-effect",
                "list-append", "rw-register", "bank", "ramp", "alerts");
    }

    /**
     * @throws IllegalArgumentException naming the known checkers, when {@code name} is not one
     */
    public static Checker create(String name, CheckOptions options) {
        return switch (name) {
            case "stats" -> new dev.chaos.checker.stats.StatsChecker();
            case "linearizable" -> new dev.chaos.checker.linear.LinearizableChecker(options);
            case "set" -> new dev.chaos.checker.set.SetChecker();
            case "convergence" -> new dev.chaos.checker.convergence.ConvergenceChecker(options.convergeWithin());
            case "availability" -> new dev.chaos.checker.availability.AvailabilityChecker();
            case "slo" -> new dev.chaos.checker.slo.SloChecker(options.slo(), options.convergeWithin());
            case "procedure" -> new dev.chaos.checker.procedure.ProcedureChecker();
            case "fault-effect" -> new dev.chaos.checker.effect.FaultEffectChecker();
            case "list-append" -> new dev.chaos.checker.txn.ListAppendChecker(options);
            case "rw-register" -> new dev.chaos.checker.txn.RwRegisterChecker(options);
            case "bank" -> new dev.chaos.checker.bank.BankChecker();
            case "ramp" -> new dev.chaos.checker.ramp.RampChecker();
            case "alerts" -> new dev.chaos.checker.alert.AlertsChecker();
            default -> throw new IllegalArgumentException("unknown checker '" + name + "'; known: " + String.join(", ", names()));
        };
    }
}
