package io.handoff.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code handoff plan show ID}: the plan's step timeline with states, durations and facts. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a plan's step timeline.")
final class ShowCommand implements Callable<Integer> {
    @Mixin
    PlannerOptions planner = new PlannerOptions();

    @Parameters(paramLabel = "ID", description = "The plan id.")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PlanText.timeline(planner.api().get("/plans/" + PlanActions.segment(id))).forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
