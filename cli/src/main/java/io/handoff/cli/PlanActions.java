package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Console;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The operator's controls on one plan, each a POST to the planner. The ones that cannot be taken back
 * lightly (abort, flip back, point of no return) ask for confirmation on the terminal unless
 * {@code --yes} is given, and refuse to run without a terminal and without {@code --yes}.
 */
final class PlanActions {
    private PlanActions() {
    }

    /** A plan id as one URL path segment. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    abstract static class Action implements Callable<Integer> {
        @Mixin
        PlannerOptions planner = new PlannerOptions();

        @Parameters(paramLabel = "ID", description = "The plan id.")
        String id;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
        boolean yes;

        @Spec
        CommandSpec spec;

        abstract String path();

        /** What the operator confirms, or {@code null} when the action needs no confirmation. */
        String confirmation() {
            return null;
        }

        @Override
        public Integer call() {
            PlannerApi api = planner.api();
            String question = confirmation();
            if (question != null && !yes && !confirmed(question)) {
                throw new PlannerException(ExitCodes.REFUSED, "not confirmed: nothing was sent");
            }
            JsonNode answer = api.post("/plans/" + segment(id) + path());
            PrintWriter out = spec.commandLine().getOut();
            out.println(spec.name() + " " + id + ": accepted");
            if (answer.isObject() && answer.has("steps")) {
                out.println(PlanText.header(answer));
            }
            out.flush();
            return ExitCodes.OK;
        }

        private boolean confirmed(String question) {
            Console console = System.console();
            if (console == null) {
                throw new PlannerException(ExitCodes.REFUSED, question + " needs confirmation: run it on a terminal or add --yes");
            }
            String reply = console.readLine("%s Type the plan id to confirm: ", question);
            return id.equals(reply == null ? null : reply.strip());
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a gate (default: flip).")
    static final class Approve extends Action {
        @Option(names = "--gate", defaultValue = "flip", description = "The gate (default ${DEFAULT-VALUE}).")
        String gate;

        @Override
        String path() {
            return "/approvals/" + segment(gate);
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause: the step in flight finishes, no further step starts.")
    static final class Pause extends Action {
        @Override
        String path() {
            return "/pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused plan.")
    static final class Resume extends Action {
        @Override
        String path() {
            return "/resume";
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Abort: before fencing it stops; after, it rolls back (refused once DNS switching began).")
    static final class Abort extends Action {
        @Override
        String path() {
            return "/abort";
        }

        @Override
        String confirmation() {
            return "Abort plan " + id + "? A flip in progress rolls back.";
        }
    }

    @Command(name = "flip-back", mixinStandardHelpOptions = true,
            description = "Flip a completed flip back to the old master (until the point of no return).")
    static final class FlipBack extends Action {
        @Override
        String path() {
            return "/flip-back";
        }

        @Override
        String confirmation() {
            return "Flip plan " + id + " back? Writes are blocked again for the flip.";
        }
    }

    @Command(name = "point-of-no-return", mixinStandardHelpOptions = true,
            description = "End reverse replication: flip back is refused afterwards.")
    static final class PointOfNoReturn extends Action {
        @Override
        String path() {
            return "/point-of-no-return";
        }

        @Override
        String confirmation() {
            return "Pass the point of no return for plan " + id + "? Flip back will no longer be possible.";
        }
    }
}
