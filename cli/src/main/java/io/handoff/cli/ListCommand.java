package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code handoff plan list}: every plan the planner knows, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List plans.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    PlannerOptions planner = new PlannerOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode plans = planner.api().get("/plans");
        PrintWriter out = spec.commandLine().getOut();
        if (plans.isEmpty()) {
            out.println("no plans");
        }
        plans.forEach(plan -> out.println(PlanText.listLine(plan)));
        out.flush();
        return ExitCodes.OK;
    }
}
