package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code handoff plan submit FILE [--dry-run]}: posts a JSON or YAML plan (YAML by the file's extension). */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a plan (JSON, or YAML for .yaml/.yml files); --dry-run shows the compiled steps only.")
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    PlannerOptions planner = new PlannerOptions();

    @Parameters(paramLabel = "FILE", description = "The plan file.")
    Path file;

    @Option(names = "--dry-run", description = "Validate and compile, start nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String body;
        try {
            body = Files.readString(file);
        } catch (IOException e) {
            throw new PlannerException(ExitCodes.REFUSED, "cannot read the plan file " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".yaml") || name.endsWith(".yml") ? "application/yaml" : "application/json";
        PlannerApi api = planner.api();
        PrintWriter out = spec.commandLine().getOut();
        JsonNode answer = api.post(dryRun ? "/plans?dryRun=true" : "/plans", body, type);
        if (dryRun) {
            out.println("dry run: valid, " + answer.path("steps").size() + " steps, nothing started");
            int number = 1;
            for (JsonNode step : answer.path("steps")) {
                out.println(PlanText.stepLine(answer, Integer.toString(number++), step));
            }
            if (answer.hasNonNull("rollback")) {
                out.println("rollback if a step before the DNS switch fails:");
                out.println(PlanText.stepLine(answer, "-", answer.get("rollback")));
            }
        } else {
            out.println("submitted " + answer.path("id").asText() + " as " + answer.path("submittedBy").asText(api.user()));
            out.println(PlanText.header(answer));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
