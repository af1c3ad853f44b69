package io.handoff.demo;

import io.handoff.localstack.db.StackFlavor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's options, checked before anything starts: an unknown option, a missing value or a value
 * outside its list is refused with {@link #USAGE}, never ignored.
 *
 * @param readOnlyStrategy the flip's read-only strategy ({@code flip.readOnly} of the plan)
 * @param secureKafka      the stack's broker secured (SASL_SSL, SCRAM, ACLs), each service with its own principal
 */
record DemoOptions(Path repository, Path workDir, String order, double rate, boolean keepRunning, boolean migrate,
        boolean flipBack, StackFlavor sourceFlavor, StackFlavor targetFlavor, String readOnlyStrategy,
        boolean secureKafka) {

    static final String USAGE = String.join("\n",
            "usage: ./demo [--flip-back [true|false]] [--order writable-first|dns-first] [--rate N]",
            "              [--read-only-strategy auto|global|account-lock|security-group|rds-read-only]",
            "  auto (default): global on a self-managed server, rds-read-only on an Aurora-like one;",
            "  security-group (or security-group-swap): the target's RDS security groups",
            "              [--flavor F | --source-flavor F --target-flavor F] [--keep-running true|false] [--migrate true|false]",
            "  F: mariadb, mysql or (target only) aurora-mysql; default: a mysql source, an aurora-mysql target",
            "  (--source-flavor mariadb alone: a mariadb target too)",
            "  --rate: writes per second per application (default 150)",
            "  --secure-kafka [true|false]: the broker speaks SASL_SSL and enforces handoff's ACLs, each service",
            "              connects as its own principal (default true; false: a plaintext broker without ACLs)");
    private static final Set<String> ORDERS = Set.of("writable-first", "dns-first");
    /** The and the usage's short name of {@code security-group-swap}. */
    private static final String SECURITY_GROUP_ALIAS = "security-group";
    private static final List<String> STRATEGIES = List.of("auto", "global", "account-lock", "security-group-swap",
            SECURITY_GROUP_ALIAS, "rds-read-only");
    private static final Set<String> BOOLEANS = Set.of("true", "false");
    private static final Set<String> KNOWN = Set.of("--repository", "--work-dir", "--order", "--rate", "--keep-running",
            "--migrate", "--flip-back", "--flavor", "--source-flavor", "--target-flavor", "--read-only-strategy",
            "--secure-kafka");

    /** Refused options: the message names what is wrong; {@link #USAGE} follows it. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    static DemoOptions parse(String[] args) {
        Map<String, String> flags = flags(args);
        for (String name : flags.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
        }
        String order = oneOf(flags, "--order", "writable-first", ORDERS);
        double rate = rate(flags.getOrDefault("--rate", "150"));
        String strategy = oneOf(flags, "--read-only-strategy", "auto", Set.copyOf(STRATEGIES));
        if (SECURITY_GROUP_ALIAS.equals(strategy)) {
            strategy = "security-group-swap";
        }
        StackFlavor both = flavor(flags, "--flavor", null);
        if (both != null && (flags.containsKey("--source-flavor") || flags.containsKey("--target-flavor"))) {
            throw new UsageException("--flavor sets both sides; give it alone, or --source-flavor and --target-flavor");
        }
        StackFlavor source = both != null ? both : flavor(flags, "--source-flavor", StackFlavor.MYSQL);
        StackFlavor target = both != null ? both : flavor(flags, "--target-flavor", defaultTarget(source));
        if (source == StackFlavor.AURORA_MYSQL) {
            throw new UsageException("aurora-mysql is a target flavour: the source is the server being migrated (mariadb or mysql)");
        }
        return new DemoOptions(Path.of(flags.getOrDefault("--repository", ".")).toAbsolutePath(),
                Path.of(flags.getOrDefault("--work-dir", ".demo")).toAbsolutePath(), order, rate,
                bool(flags, "--keep-running", false), bool(flags, "--migrate", true), bool(flags, "--flip-back", false),
                source, target, strategy, bool(flags, "--secure-kafka", true));
    }

    /** {@code --name value} pairs; a flag followed by another flag or by nothing is {@code true}. */
    static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new UsageException("unexpected argument '" + args[i] + "'");
            }
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(args[i], args[++i]);
            } else {
                flags.put(args[i], "true");
            }
        }
        return flags;
    }

    private static String oneOf(Map<String, String> flags, String name, String fallback, Set<String> accepted) {
        String value = flags.getOrDefault(name, fallback);
        if (!accepted.contains(value)) {
            throw new UsageException(name + " '" + value + "' is not one of " + String.join(", ", accepted.stream().sorted().toList()));
        }
        return value;
    }

    private static boolean bool(Map<String, String> flags, String name, boolean fallback) {
        return Boolean.parseBoolean(oneOf(flags, name, Boolean.toString(fallback), BOOLEANS));
    }

    /**
     * The target when only the source is named: what users migrate to, an Aurora-like MySQL, from a MySQL
     * source; a MariaDB source cannot replicate into MySQL (PRECHECK refuses the pair), so MariaDB then.
     */
    private static StackFlavor defaultTarget(StackFlavor source) {
        return source == StackFlavor.MARIADB ? StackFlavor.MARIADB : StackFlavor.AURORA_MYSQL;
    }

    private static StackFlavor flavor(Map<String, String> flags, String name, StackFlavor fallback) {
        if (!flags.containsKey(name)) {
            return fallback;
        }
        try {
            return StackFlavor.parse(flags.get(name));
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static double rate(String value) {
        try {
            double rate = Double.parseDouble(value);
            if (rate > 0 && rate <= 100_000) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UsageException("--rate '" + value + "' is not a number of writes per second between 0 and 100000");
    }
}
