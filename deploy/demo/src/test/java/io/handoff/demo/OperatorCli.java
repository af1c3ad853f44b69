package io.handoff.demo;

import io.handoff.cli.HandoffCli;
import io.handoff.localstack.PrivateProperties;
import io.handoff.localstack.mariadb.DbAccount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The operator's {@code handoff} command line, run in process as {@code operator} against a planner. */
final class OperatorCli {
    private final URI planner;
    private final String user;
    private final Path passwordFile;
    private String out = "";
    private String err = "";

    OperatorCli(URI planner, DbAccount operator, Path workDir) throws IOException {
        this.planner = planner;
        this.user = operator.user();
        this.passwordFile = PrivateProperties.writeLine(workDir.resolve("operator.password"), operator.password());
    }

    /** Runs {@code handoff ARGS...}; returns the exit status, output and errors kept for {@link #out()}/{@link #err()}. */
    int run(String... args) {
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--planner", planner.toString(), "--user", user, "--password-file", passwordFile.toString()));
        int status = HandoffCli.run(new PrintWriter(output, true), new PrintWriter(errors, true), all.toArray(String[]::new));
        out = output.toString();
        err = errors.toString();
        return status;
    }

    String out() {
        return out;
    }

    String err() {
        return err;
    }
}
