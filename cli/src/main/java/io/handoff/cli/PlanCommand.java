package io.handoff.cli;

import picocli.CommandLine.Command;

/** {@code handoff plan ...}: the plan subcommands. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Submit, inspect and drive plans.",
        subcommands = {SubmitCommand.class, ListCommand.class, ShowCommand.class, WatchCommand.class,
                PlanActions.Approve.class, PlanActions.Pause.class, PlanActions.Resume.class, PlanActions.Abort.class,
                PlanActions.FlipBack.class, PlanActions.PointOfNoReturn.class})
final class PlanCommand {
}
