package io.handoff.cli;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the planner is and who asks: an embedded user with a password (HTTP basic auth), or an OIDC
 * bearer token (production). Neither secret is ever an argument (it would show in {@code ps} and shell
 * history): the password comes from {@code HANDOFF_PASSWORD}, a file, or a prompt on the terminal; the
 * token from a file, {@code HANDOFF_TOKEN}, or a prompt. A token, when one is given or set, is used in
 * place of the user and password.
 */
final class PlannerOptions {
    static final String DEFAULT_URL = "http://localhost:8081";

    @Option(names = "--planner", paramLabel = "URL", description = "Planner base URL (env HANDOFF_PLANNER_URL; default "
            + DEFAULT_URL + ").")
    String url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User name (env HANDOFF_USER); not with a token.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password "
            + "(otherwise env HANDOFF_PASSWORD, otherwise a prompt).")
    Path passwordFile;

    @Option(names = "--token", description = "Authenticate with an OIDC bearer token instead of a user and password: "
            + "from --token-file, otherwise env HANDOFF_TOKEN, otherwise a prompt (HANDOFF_TOKEN or --token-file alone "
            + "imply it). The token itself is never an argument.")
    boolean token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File whose first line is the bearer token.")
    Path tokenFile;

    /** When set (by tests only), read in place of the process environment. */
    static volatile Map<String, String> environmentForTests;

    PlannerApi api() {
        Map<String, String> environment = environmentForTests != null ? environmentForTests : System.getenv();
        String base = firstNonBlank(url, environment.get("HANDOFF_PLANNER_URL"), DEFAULT_URL);
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new PlannerException(ExitCodes.UNAVAILABLE, "--planner '" + base + "' is not a URL: " + e.getMessage());
        }
        boolean explicitToken = token || tokenFile != null;
        if (explicitToken && passwordFile != null) {
            throw new PlannerException(ExitCodes.USAGE, "--token/--token-file and --password-file exclude each other");
        }
        String fromEnv = environment.get("HANDOFF_TOKEN");
        if (explicitToken || passwordFile == null && fromEnv != null && !fromEnv.isBlank()) {
            return PlannerApi.bearer(uri, bearerToken(environment));
        }
        String name = firstNonBlank(user, environment.get("HANDOFF_USER"), null);
        if (name == null) {
            throw new PlannerException(ExitCodes.NOT_ALLOWED, "no user given: pass --user or set HANDOFF_USER");
        }
        return PlannerApi.basic(uri, name, password(name, environment));
    }

    private char[] bearerToken(Map<String, String> environment) {
        char[] value;
        if (tokenFile != null) {
            try {
                value = Files.readAllLines(tokenFile).stream().findFirst().orElse("").strip().toCharArray();
            } catch (IOException e) {
                throw new PlannerException(ExitCodes.NOT_ALLOWED, "cannot read --token-file " + tokenFile + ": " + e);
            }
        } else if (environment.get("HANDOFF_TOKEN") != null && !environment.get("HANDOFF_TOKEN").isBlank()) {
            value = environment.get("HANDOFF_TOKEN").strip().toCharArray();
        } else {
            Console console = System.console();
            if (console == null) {
                throw new PlannerException(ExitCodes.NOT_ALLOWED,
                        "no bearer token: set HANDOFF_TOKEN or pass --token-file (no terminal to prompt on)");
            }
            value = console.readPassword("bearer token: ");
        }
        if (value == null || value.length == 0) {
            throw new PlannerException(ExitCodes.NOT_ALLOWED, "the bearer token is empty");
        }
        return value;
    }

    private char[] password(String name, Map<String, String> environment) {
        if (passwordFile != null) {
            try {
                return Files.readAllLines(passwordFile).stream().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new PlannerException(ExitCodes.NOT_ALLOWED, "cannot read --password-file " + passwordFile + ": " + e);
            }
        }
        String fromEnv = environment.get("HANDOFF_PASSWORD");
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new PlannerException(ExitCodes.NOT_ALLOWED,
                    "no password for " + name + ": set HANDOFF_PASSWORD or pass --password-file (no terminal to prompt on)");
        }
        return console.readPassword("password for %s: ", name);
    }

    private static String firstNonBlank(String first, String second, String fallback) {
        if (first != null && !first.isBlank()) {
            return first.strip();
        }
        if (second != null && !second.isBlank()) {
            return second.strip();
        }
        return fallback;
    }
}
