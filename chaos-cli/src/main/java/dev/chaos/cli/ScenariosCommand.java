package dev.chaos.cli;

import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioException;
import dev.chaos.scenario.ScenarioFiles;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos scenarios}: the built-in catalog; {@code show} prints one as a scenario file. */
@Command(name = "scenarios",
        mixinStandardHelpOptions = true,
        description = {
            "List the built-in scenarios with what each simulates.",
            "'chaos scenarios show NAME' prints one, fully resolved, in the scenario file",
            "format: save it, edit it, and run it with 'chaos run ./file.yaml'."
        },
        subcommands = ScenariosCommand.Show.class)
final class ScenariosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = ScenarioFiles.BUILTIN.stream().mapToInt(String::length).max().orElse(10);
        for (String name : ScenarioFiles.BUILTIN) {
            Scenario s = Scenarios.files().builtin(name);
            out.println(String.format("%-" + width + "s  %s", name, s.description() == null ? "" : s.description()));
        }
        out.flush();
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a scenario (built-in name or file), every default filled in, as YAML.")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SCENARIO", description = "a built-in scenario's name, or a path to a scenario file")
        String scenario;

        @Option(names = "--seed", paramLabel = "SEED", description = "include this seed, so running the file repeats one run's choices")
        Long seed;

        @Override
        public Integer call() {
            Scenario s;
            try {
                s = Scenarios.resolve(Scenarios.read(scenario));
            } catch (ScenarioException e) {
                throw new UsageException(e.getMessage());
            }
            if (seed != null) {
                s = Scenarios.withSeed(s, seed);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(Scenarios.files().toYaml(s));
            out.flush();
            return 0;
        }
    }
}
