package io.handoff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code handoff}: the operator's command line for the planner. The {@code plan} subcommands talk to the planner's
 * REST API only, with the same roles as the API (viewer reads, operator changes); {@code topics} talks to Kafka.
 *
 * <p>Exit status: 0 done; 1 the planner refused (problem shown), a watched plan did not complete, or a topic
 * setting is missing or unsafe; 2 usage error; 3 the planner or Kafka is unreachable or failed; 4 not
 * authenticated or not allowed.
 */
@Command(name = "handoff", mixinStandardHelpOptions = true, version = "handoff 0.1.0",
        description = "Move a live MySQL database with about a second of write downtime: drive the planner.",
        subcommands = {PlanCommand.class, TopicsCommand.class})
public final class HandoffCli {
    static {
        // The Kafka client logs through SLF4J (slf4j-simple here): only its errors reach the operator's terminal.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status (used by tests and {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs one command line writing to {@code out} and {@code err}; returns its exit status. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine line = commandLine();
        line.setOut(out);
        line.setErr(err);
        return line.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new HandoffCli());
        line.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof PlannerException refused) {
                commandLine.getErr().println("handoff: " + refused.getMessage());
                commandLine.getErr().flush();
                return refused.exitCode();
            }
            throw exception;
        });
        line.setParameterExceptionHandler(HandoffCli::refuseArguments);
        return line;
    }

    /**
     * Picocli's usage error, except that after {@code --token} or a password option the arguments it
     * could not match are not echoed: they may be the secret itself ({@code --token} takes no value).
     */
    private static int refuseArguments(CommandLine.ParameterException refused, String[] args) {
        CommandLine command = refused.getCommandLine();
        boolean secretNearby = java.util.Arrays.stream(args).anyMatch(arg -> arg.startsWith("--token") || arg.startsWith("--password"));
        String message = refused.getMessage();
        if (secretNearby && refused instanceof CommandLine.UnmatchedArgumentException) {
            message = "unexpected argument(s), not shown since they may hold a secret: --token takes no value (the token"
                    + " comes from HANDOFF_TOKEN, --token-file or a prompt) and passwords come from HANDOFF_PASSWORD,"
                    + " --password-file or a prompt";
        }
        command.getErr().println("handoff: " + message);
        command.usage(command.getErr());
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
