package io.handoff.cutover.steps;

import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.sql.ServerVersion;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.StrategyNotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * PRECHECK's judgement of what was read from the source and the target. Pure: no I/O.
 *
 * <p>Severities, and why:
 * <ul>
 *   <li>BLOCKING: binlog off or not ROW (on either server: the target becomes the master and feeds
 *       reverse replication), equal server ids, MySQL without {@code gtid_mode=ON} and
 *       {@code enforce_gtid_consistency=ON} (every position handoff moves is a GTID set),
 *       {@code log_slave_updates} off on the target (its binlog must hold the source's transactions
 *       for the flip's captured position and for reverse replication), a target older than the
 *       source (major.minor), a privilege the chosen strategies need missing, a replication account
 *       that cannot log in or lacks {@code REPLICATION SLAVE}, errant GTIDs on the target.</li>
 *   <li>WARNING: MariaDB without {@code gtid_strict_mode} (works, but an errant write goes unnoticed
 *       until it breaks a flip back), {@code log_slave_updates} off on the source (only a flip back
 *       needs it), binlog retention shorter than the configured minimum or purged at once
 *       (RETAIN_BINLOG raises the source's), tables without a primary key (replicated row by row
 *       with full scans; drift checks cannot chunk them), engines other than InnoDB (not
 *       transactional: the dump is not consistent for them), definers that do not exist on the
 *       target (the objects fail when called there), events the source keeps off as a replica does (the flip enables
 *       them on the new master), the target's event scheduler off while the source runs events, an administrative
 *       account without a global EVENT privilege while the source runs events (the flip alters them), an enabled
 *       event whose definer holds SYSTEM_USER where the administrative account does not (blocking on the source),
 *       privileges a SEED (parallel or mysqldump) needs (RELOAD on
 *       the source, SUPER or BINLOG ADMIN on the target: the plan may seed another way).</li>
 *   <li>No finding: a retention of 0, because binlogs that never expire by age are what the
 *       migration needs (disk usage is the operator's to watch).</li>
 * </ul>
 */
final class PrecheckRules {
    private static final Pattern GLOBAL_GRANT = Pattern.compile("^GRANT (.+?) ON \\*\\.\\* TO ", Pattern.CASE_INSENSITIVE);
    /** What lets an account switch its session's binlog off (SET sql_log_bin=0), MariaDB's and MySQL's names. */
    /** What lets an account SET GLOBAL read_only. */
    static final String[] READ_ONLY_SWITCH = {"SUPER", "READ ONLY ADMIN", "SYSTEM VARIABLES ADMIN"};
    private static final String[] BINLOG_SWITCH = {"SUPER", "BINLOG ADMIN", "SYSTEM VARIABLES ADMIN", "SESSION VARIABLES ADMIN"};
    private static final Pattern MARIADB_GTID = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");

    /**
     * The strategies whose privileges are checked.
     *
     * @param readOnly {@code global}, {@code account-lock}, {@code security-group-swap} or {@code rds-read-only}
     * @param kill     {@code kill}, {@code rds-kill} or {@code per-user}
     */
    record Strategies(String readOnly, String kill) {
        static final Strategies DEFAULT = new Strategies("global", "kill");
    }

    private PrecheckRules() {
    }

    static List<Finding> evaluate(ServerFacts source, ServerFacts target, Strategies strategies, long minRetentionSeconds) {
        List<Finding> findings = new ArrayList<>();
        for (ServerFacts server : List.of(source, target)) {
            boolean isTarget = server == target;
            binlog(server, findings);
            gtidMode(server, findings);
            replicaUpdates(server, isTarget, findings);
            retention(server, minRetentionSeconds, findings);
            privileges(server, isTarget ? source : target, strategies, findings);
            replicationAccount(server, isTarget, findings);
        }
        seedPrivileges(source, target, findings);
        seedWritePath(target, findings);
        serverIds(source, target, findings);
        versions(source, target, findings);
        tables(source, findings);
        definers(source, target, findings);
        keptOffEvents(source, findings);
        eventScheduler(source, target, findings);
        eventPrivilege(source, target, findings);
        eventDefiners(source, target, findings);
        errantGtids(source, target, findings);
        return findings;
    }

    private static void binlog(ServerFacts server, List<Finding> findings) {
        if (!server.on("log_bin")) {
            findings.add(Finding.blocking("binlog", server.cluster(), "the binary log is off (log_bin=OFF): nothing can replicate"
                    + " from this server; start it with log-bin"));
            return;
        }
        String format = server.variable("binlog_format").orElse("unknown");
        if (!format.equalsIgnoreCase("ROW")) {
            findings.add(Finding.blocking("binlog_format", server.cluster(), "binlog_format is " + format + ", ROW is required"));
        }
    }

    private static void gtidMode(ServerFacts server, List<Finding> findings) {
        if (mariaDbServer(server)) {
            if (!server.on("gtid_strict_mode")) {
                findings.add(Finding.warning("gtid_mode", server.cluster(), "gtid_strict_mode is OFF: an errant transaction"
                        + " would go unnoticed until it breaks replication; set gtid_strict_mode=ON"));
            }
            return;
        }
        String mode = server.variable("gtid_mode").orElse("unknown");
        String consistency = server.variable("enforce_gtid_consistency").orElse("unknown");
        if (!mode.equalsIgnoreCase("ON") || !consistency.equalsIgnoreCase("ON")) {
            findings.add(Finding.blocking("gtid_mode", server.cluster(), "gtid_mode is " + mode + " and enforce_gtid_consistency is "
                    + consistency + "; both must be ON"));
        }
    }

    private static void replicaUpdates(ServerFacts server, boolean isTarget, List<Finding> findings) {
        boolean on = server.on("log_slave_updates") || server.on("log_replica_updates");
        if (on) {
            return;
        }
        if (isTarget) {
            findings.add(Finding.blocking("log_slave_updates", server.cluster(), "log_slave_updates is OFF: the target's binlog"
                    + " would miss the source's transactions, so reverse replication could not start from its position"));
        } else {
            findings.add(Finding.warning("log_slave_updates", server.cluster(), "log_slave_updates is OFF: after the flip this"
                    + " server replicates from the target without logging it, so a flip back could not be reversed again"));
        }
    }

    private static void retention(ServerFacts server, long minRetentionSeconds, List<Finding> findings) {
        Optional<Long> seconds = server.retentionSeconds();
        if (seconds.isEmpty()) {
            findings.add(Finding.warning("binlog_retention", server.cluster(), "binlogs are purged as soon as possible;"
                    + " RETAIN_BINLOG must keep them at least " + minRetentionSeconds + " s"));
        } else if (seconds.get() > 0 && seconds.get() < minRetentionSeconds) {
            findings.add(Finding.warning("binlog_retention", server.cluster(), "binlogs expire after " + seconds.get()
                    + " s, less than the " + minRetentionSeconds + " s a seed and catch-up may need; RETAIN_BINLOG raises it"));
        }
    }

    private static void privileges(ServerFacts server, ServerFacts peer, Strategies strategies, List<Finding> findings) {
        Set<String> granted = globalPrivileges(server.adminGrants());
        switch (strategies.readOnly()) {
            case "global" -> globalReadOnly(server, granted, findings);
            case "account-lock" -> {
                require(server, granted, "read-only strategy 'account-lock' (ALTER USER ... ACCOUNT LOCK)", findings, "CREATE USER");
                binloggedLocks(server, peer, granted, findings);
            }
            case "rds-read-only" -> rdsReadOnly(server, findings);
            case "auto" -> {
                if (FlipStrategies.ReadOnly.AUTO.on(server.dialect()) == FlipStrategies.ReadOnly.RDS_READ_ONLY) {
                    rdsReadOnly(server, findings);
                } else {
                    globalReadOnly(server, granted, findings);
                }
            }
            default -> {
                // security-group-swap needs AWS permissions, not SQL privileges.
            }
        }
        // The dialect's kill needs none where it is a procedure the administrative account may execute (mysql.rds_kill).
        List<String> killPrivileges = server.dialect().killPrivileges();
        if (strategies.kill().equals("kill") && !killPrivileges.isEmpty()) {
            require(server, granted, "kill strategy 'kill' (KILL CONNECTION of other accounts' sessions)", findings,
                    killPrivileges.toArray(String[]::new));
        }
        // rds-kill needs EXECUTE on mysql.rds_kill, which Aurora's master user has; per-user needs none.
    }

    /**
     * account-lock where the administrative account may not switch its binlog off (SET sql_log_bin=0): its locks
     * and unlocks are binlogged and reach {@code peer} whenever it replicates from this server. Safe, with a
     * warning, when {@code peer} can be held read-only by its own switch (as handoff holds every replica); blocking
     * when it cannot: the new master's unlock would reach the old master and let its applications write again.
     */
    private static void binloggedLocks(ServerFacts server, ServerFacts peer, Set<String> granted, List<Finding> findings) {
        if (grantsAny(granted, BINLOG_SWITCH)) {
            return;
        }
        String binlogged = "the administrative account lacks SUPER, BINLOG ADMIN, SYSTEM VARIABLES ADMIN and SESSION"
                + " VARIABLES ADMIN, so read-only strategy 'account-lock' cannot keep its locks and unlocks out of the binlog"
                + " (SET sql_log_bin=0) and they replicate to " + peer.cluster();
        if (OwnReadOnly.possible(peer.dialect(), peer.adminGrants(), peer.procedures())) {
            findings.add(Finding.warning("privileges", server.cluster(), binlogged + ", which handoff holds read-only by its own"
                    + " switch while it replicates, so an unlock arriving there opens nothing; a replica of this server"
                    + " outside handoff receives them too"));
        } else {
            findings.add(Finding.blocking("privileges", server.cluster(), binlogged + ", which cannot be held read-only by"
                    + " its own switch either (SET GLOBAL read_only, or mysql.rds_set_read_only on Aurora MySQL 3.06+): the new"
                    + " master's unlock would reach the old master and make it writable again"));
        }
    }

    /** global (and auto on a self-managed server): SET GLOBAL read_only, which Aurora's master user may not. */
    private static void globalReadOnly(ServerFacts server, Set<String> granted, List<Finding> findings) {
        try {
            server.dialect().setReadOnly(true);
        } catch (StrategyNotSupportedException impossible) {
            findings.add(Finding.blocking("privileges", server.cluster(), "read-only strategy 'global' is impossible here: "
                    + impossible.getMessage()));
            return;
        }
        require(server, granted, "read-only strategy 'global' (SET GLOBAL read_only)", findings, READ_ONLY_SWITCH);
    }

    /**
     * rds-read-only needs a server whose dialect has the procedure (Aurora MySQL 3.06+) and the procedure
     * itself, visible to the administrative account in {@code information_schema.ROUTINES} (which lists the
     * routines an account may execute).
     */
    private static void rdsReadOnly(ServerFacts server, List<Finding> findings) {
        Optional<String> procedure = server.dialect().readOnlyProcedure();
        if (procedure.isEmpty()) {
            findings.add(Finding.blocking("privileges", server.cluster(), "read-only strategy 'rds-read-only' needs"
                    + " mysql.rds_set_read_only, which only Aurora MySQL 3.06 and later have (" + server.flavor() + " "
                    + server.version() + "); use 'global' on a self-managed server, 'account-lock' or 'security-group-swap'"
                    + " on an older Aurora"));
        } else if (!server.procedures().contains(procedure.get())) {
            findings.add(Finding.blocking("privileges", server.cluster(), "read-only strategy 'rds-read-only' calls mysql."
                    + procedure.get() + ", which information_schema.ROUTINES does not show to the administrative account"
                    + " (missing, or no EXECUTE on it)"));
        }
    }

    /**
     * A MySQL target whose {@code local_infile} is OFF (MySQL 8.0+'s default) takes a parallel SEED's rows as prepared
     * INSERTs instead of {@code LOAD DATA LOCAL INFILE}: slower, not wrong, so a warning (MariaDB targets take MariaDB's
     * bulk command either way).
     */
    private static void seedWritePath(ServerFacts target, List<Finding> findings) {
        String localInfile = target.variables().get("local_infile");
        if (target.flavor() != ServerFlavor.MARIADB && localInfile != null
                && (localInfile.equalsIgnoreCase("OFF") || localInfile.equals("0"))) {
            findings.add(Finding.warning("local_infile", target.cluster(), "local_infile is OFF: a parallel SEED writes its"
                    + " rows as prepared INSERTs instead of LOAD DATA LOCAL INFILE, at about half the rate (bench/RESULTS.md);"
                    + " to seed faster, SET PERSIST local_infile = ON (Aurora, RDS: local_infile = 1 in the parameter group)"
                    + " for the seed, and OFF again after it if your policy wants it off"));
        }
    }

    /** What a SEED by parallel copy or mysqldump needs; a warning only, since the plan may seed another way. */
    private static void seedPrivileges(ServerFacts source, ServerFacts target, List<Finding> findings) {
        Set<String> onSource = globalPrivileges(source.adminGrants());
        if (!grantsAny(onSource, "RELOAD")) {
            findings.add(Finding.warning("privileges", source.cluster(), "the administrative account lacks RELOAD, which a SEED"
                    + " (parallel or mysqldump) needs to read a consistent position (FLUSH TABLES WITH READ LOCK)"));
        }
        Set<String> onTarget = globalPrivileges(target.adminGrants());
        if (!grantsAny(onTarget, BINLOG_SWITCH)) {
            boolean sourceSetsPurged = grantsAny(onSource, "SUPER", "SYSTEM VARIABLES ADMIN");
            findings.add(Finding.warning("privileges", target.cluster(), "the administrative account lacks SUPER or BINLOG ADMIN"
                    + " (MySQL: SYSTEM_VARIABLES_ADMIN), which a SEED (parallel or mysqldump) needs to load without"
                    + " binlogging"
                    + " (SET sql_log_bin=0); a MySQL target then loads binlogged, and SEED adds the load's GTIDs to the"
                    + " source's gtid_purged (Aurora MySQL 3.04+: the dump's set through mysql.rds_gtid_purged), which needs"
                    + " SYSTEM_VARIABLES_ADMIN or SUPER on the source's administrative account"
                    + (sourceSetsPurged ? "" : ", which it lacks: SEED (parallel or mysqldump) will be refused")));
        }
    }

    private static void require(ServerFacts server, Set<String> granted, String purpose, List<Finding> findings,
            String... anyOf) {
        if (grantsAny(granted, anyOf)) {
            return;
        }
        findings.add(Finding.blocking("privileges", server.cluster(), "the administrative account lacks "
                + String.join(" or ", anyOf) + ", which " + purpose + " needs"));
    }

    /**
     * The replication account serves a replica's I/O thread and the monitor's Debezium connector, which tails the
     * source's binlog with it and also needs REPLICATION CLIENT (MariaDB: BINLOG MONITOR), SELECT, RELOAD and SHOW
     * DATABASES: blocking on the source, whose binlog the monitor tails during this plan; a warning on the target,
     * which a flip back's monitor tails.
     */
    private static void replicationAccount(ServerFacts server, boolean isTarget, List<Finding> findings) {
        if (server.replicationLoginError().isPresent()) {
            findings.add(Finding.blocking("replication_account", server.cluster(), "the replication account cannot log in: "
                    + server.replicationLoginError().get()));
            return;
        }
        Set<String> granted = globalPrivileges(server.replicationGrants());
        if (!grantsAny(granted, "REPLICATION SLAVE")) {
            findings.add(Finding.blocking("replication_account", server.cluster(), "the replication account lacks REPLICATION"
                    + " SLAVE: a replica of this server could not read its binlog"));
        }
        if (granted.contains("ALL PRIVILEGES")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!granted.contains("REPLICATION CLIENT") && !granted.contains("BINLOG MONITOR")) {
            missing.add(server.dialect().binlogStatusPrivilege());
        }
        for (String privilege : List.of("SELECT", "RELOAD", "SHOW DATABASES")) {
            if (!granted.contains(privilege)) {
                missing.add(privilege);
            }
        }
        if (!missing.isEmpty()) {
            String message = "the replication account lacks " + String.join(", ", missing) + ", which the monitor's binlog"
                    + " reader (Debezium) needs on the server it tails: GRANT " + String.join(", ", missing)
                    + " ON *.* TO the replication account";
            findings.add(isTarget ? Finding.warning("replication_account", server.cluster(), message + " (before a flip back)")
                    : Finding.blocking("replication_account", server.cluster(), message));
        }
    }

    private static void serverIds(ServerFacts source, ServerFacts target, List<Finding> findings) {
        String a = source.variable("server_id").orElse("?");
        String b = target.variable("server_id").orElse("?");
        if (a.equals(b)) {
            findings.add(Finding.blocking("server_id", source.cluster() + "/" + target.cluster(), "both servers have server_id "
                    + a + "; a replica ignores events carrying its own server_id, so they must differ"));
        }
    }

    private static void versions(ServerFacts source, ServerFacts target, List<Finding> findings) {
        if (mariaDbServer(source) && !mariaDbServer(target)) {
            findings.add(Finding.blocking("flavors", source.cluster() + "/" + target.cluster(), "a MariaDB source ("
                    + source.version() + ") cannot replicate to a MySQL target (" + target.flavor() + " " + target.version()
                    + "): MySQL does not read MariaDB's GTID and binlog events; migrate through a MySQL intermediate or"
                    + " a logical copy (DMS)"));
            return;
        }
        List<String> json = source.tables().stream().filter(table -> !table.jsonColumns().isEmpty())
                .map(table -> table.qualified() + " (" + String.join(", ", table.jsonColumns()) + ")").toList();
        if (!mariaDbServer(source) && mariaDbServer(target) && !json.isEmpty()) {
            findings.add(Finding.blocking("json_columns", source.cluster() + "/" + target.cluster(), "a MySQL source ("
                    + source.version() + ") with JSON columns cannot replicate to a MariaDB target (" + target.version()
                    + "): MySQL logs JSON in its binary format, which MariaDB (JSON as LONGTEXT) cannot apply: "
                    + String.join("; ", json) + "; convert them to LONGTEXT on the source first, or copy logically (DMS)"));
            return;
        }
        if (mariaDbServer(source) != mariaDbServer(target)) {
            findings.add(Finding.warning("version", source.cluster() + "/" + target.cluster(), source.flavor() + " "
                    + source.version() + " to " + target.flavor() + " " + target.version() + ": versions of different"
                    + " families are not compared; replication between them is the operator's to verify"));
            return;
        }
        ServerVersion a = ServerVersion.parse(source.version());
        ServerVersion b = ServerVersion.parse(target.version());
        if (b.major() < a.major() || (b.major() == a.major() && b.minor() < a.minor())) {
            findings.add(Finding.blocking("version", source.cluster() + "/" + target.cluster(), "the target runs " + target.version()
                    + ", older than the source's " + source.version() + " (major.minor): a replica must not be older than its source"));
        }
    }

    private static void tables(ServerFacts source, List<Finding> findings) {
        List<String> withoutKey = source.tables().stream().filter(table -> !table.hasPrimaryKey())
                .map(ServerFacts.Table::qualified).toList();
        if (!withoutKey.isEmpty()) {
            findings.add(Finding.warning("primary_keys", source.cluster(), "tables without a primary key: "
                    + String.join(", ", withoutKey)));
        }
        List<String> notInnoDb = source.tables().stream().filter(table -> !"InnoDB".equalsIgnoreCase(table.engine()))
                .map(table -> table.qualified() + " (" + table.engine() + ")").toList();
        if (!notInnoDb.isEmpty()) {
            findings.add(Finding.warning("engines", source.cluster(), "tables not in InnoDB (not transactional, so a dump"
                    + " is not consistent for them): " + String.join(", ", notInnoDb)));
        }
    }

    private static void definers(ServerFacts source, ServerFacts target, List<Finding> findings) {
        Set<String> accounts = target.accounts().stream().map(account -> account.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (ServerFacts.StoredObject object : source.definers()) {
            if (object.definer() != null && !accounts.contains(object.definer().toLowerCase(Locale.ROOT))) {
                missing.computeIfAbsent(object.definer(), definer -> new ArrayList<>())
                        .add(object.kind().toLowerCase(Locale.ROOT) + " " + object.schema() + "." + object.name());
            }
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.warning("definers", target.cluster(), "definers missing on the target: " + missing.entrySet()
                    .stream().map(entry -> entry.getKey() + " (" + String.join(", ", entry.getValue()) + ")")
                    .collect(Collectors.joining("; "))));
        }
    }

    /**
     * Events the source keeps off as a replica does: it never ran them, but the flip enables every event kept off on the
     * new master ({@link FlipEvents}), as a promoted replica's are, so they would start running there.
     */
    private static void keptOffEvents(ServerFacts source, List<Finding> findings) {
        List<String> keptOff = events(source, ServerFacts.StoredObject::keptOffEvent);
        if (!keptOff.isEmpty()) {
            findings.add(Finding.warning("events", source.cluster(), "events kept off on the source as on a replica: "
                    + String.join(", ", keptOff) + "; the source does not run them, but the flip enables every event kept off"
                    + " on the new master (WRITABLE), so they would run there: set them DISABLE (or drop them) on the source"
                    + " before the flip if they must not"));
        }
    }

    /**
     * The target's event scheduler off while the source runs events: WRITABLE enables them on the new master, where they
     * would still not run. Nothing when the target does not say (the variable was not read).
     */
    private static void eventScheduler(ServerFacts source, ServerFacts target, List<Finding> findings) {
        List<String> enabled = events(source, ServerFacts.StoredObject::enabledEvent);
        String scheduler = target.variable("event_scheduler").orElse("ON");
        if (!enabled.isEmpty() && !scheduler.equalsIgnoreCase("ON")) {
            findings.add(Finding.warning("event_scheduler", target.cluster(), "event_scheduler is " + scheduler + " here,"
                    + " and the source runs events: " + String.join(", ", enabled) + "; the flip enables them here (WRITABLE),"
                    + " but they will not run until event_scheduler is ON (SET GLOBAL event_scheduler = ON; on Aurora the"
                    + " cluster parameter group's event_scheduler)"));
        }
    }

    /**
     * The flip alters the source's enabled events on both servers ({@link FlipEvents}): READ_ONLY of the old master fails
     * before its fence where its administrative account may not (the plan rolls back, nothing fenced), and WRITABLE leaves
     * them off on the new master with a warning. Only global grants are read, so a per-schema EVENT is warned of too.
     */
    private static void eventPrivilege(ServerFacts source, ServerFacts target, List<Finding> findings) {
        if (events(source, ServerFacts.StoredObject::enabledEvent).isEmpty()) {
            return;
        }
        if (!grantsAny(globalPrivileges(source.adminGrants()), "EVENT")) {
            findings.add(Finding.warning("privileges", source.cluster(), "the administrative account has no global EVENT"
                    + " privilege, and the source runs events: READ_ONLY sets them DISABLE ON SLAVE before the fence and"
                    + " fails there without it (the plan rolls back, nothing fenced), unless it holds EVENT on their schemas"));
        }
        if (!grantsAny(globalPrivileges(target.adminGrants()), "EVENT")) {
            findings.add(Finding.warning("privileges", target.cluster(), "the administrative account has no global EVENT"
                    + " privilege, and the source runs events: WRITABLE enables them here and leaves them off without it"
                    + " (a warning in its facts), unless it holds EVENT on their schemas"));
        }
    }

    /**
     * MySQL 8.0.16+: only an account holding SYSTEM_USER may name one that holds it as a definer, and every
     * {@code ALTER EVENT} of the flip names the event's definer ({@link FlipEvents}). An enabled event of the source whose
     * definer holds SYSTEM_USER there while the source's administrative account does not (Aurora's master user as the old
     * master): READ_ONLY's {@code ALTER EVENT} is refused before the fence, so every flip rolls back there (blocking). The
     * same definer holding it on the target, whose administrative account does not: WRITABLE leaves the event off on the
     * new master (a warning in its facts; here a warning).
     */
    private static void eventDefiners(ServerFacts source, ServerFacts target, List<Finding> findings) {
        List<ServerFacts.StoredObject> enabled = source.definers().stream().filter(ServerFacts.StoredObject::enabledEvent)
                .toList();
        List<String> onSource = definedBySystemUsers(enabled, source);
        if (!onSource.isEmpty()) {
            findings.add(Finding.blocking("events", source.cluster(), "enabled events whose definer holds SYSTEM_USER, which"
                    + " the administrative account does not: " + String.join(", ", onSource) + "; READ_ONLY sets every enabled"
                    + " event DISABLE ON SLAVE before the fence, naming its definer, which MySQL refuses without SYSTEM_USER,"
                    + " so the flip would roll back there: give them a definer without SYSTEM_USER (ALTER DEFINER = ..."
                    + " EVENT) or use an administrative account that holds it"));
        }
        List<String> onTarget = definedBySystemUsers(enabled, target);
        if (!onTarget.isEmpty()) {
            findings.add(Finding.warning("events", target.cluster(), "the source's enabled events whose definer holds"
                    + " SYSTEM_USER here, which the administrative account does not: " + String.join(", ", onTarget)
                    + "; WRITABLE enables them naming their definer, which MySQL refuses without SYSTEM_USER: they would"
                    + " stay off on the new master (a warning in WRITABLE's facts)"));
        }
    }

    /** {@code events} ({@code schema.event (definer)}) whose definer holds SYSTEM_USER on {@code server} while its account does not. */
    private static List<String> definedBySystemUsers(List<ServerFacts.StoredObject> events, ServerFacts server) {
        if (grantsAny(globalPrivileges(server.adminGrants()), "SYSTEM USER")) {
            return List.of();
        }
        Set<String> holders = server.systemUsers().stream().map(account -> account.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return events.stream().filter(event -> event.definer() != null && holders.contains(event.definer().toLowerCase(Locale.ROOT)))
                .map(event -> event.schema() + "." + event.name() + " (" + event.definer() + ")").toList();
    }

    /** The events ({@code schema.event}) among {@code server}'s stored objects that {@code which} holds for. */
    private static List<String> events(ServerFacts server, Predicate<ServerFacts.StoredObject> which) {
        return server.definers().stream().filter(which).map(event -> event.schema() + "." + event.name()).toList();
    }

    private static void errantGtids(ServerFacts source, ServerFacts target, List<Finding> findings) {
        if (!mariaDbServer(source) || !mariaDbServer(target)) {
            return; // MySQL: the handler asks the target for GTID_SUBTRACT, see mysqlErrantGtids
        }
        Set<String> errant = mariaDbErrant(target.gtidState(), source.gtidState());
        if (!errant.isEmpty()) {
            findings.add(errantFinding(target, String.join(",", errant)));
        }
    }

    /**
     * {@code true} when the server really is MariaDB, whatever its registered flavor (a MariaDB server
     * with {@code mysql.rds_*} procedures stands in for Aurora in tests): GTID variables and GTID
     * arithmetic follow the server, as its dialect does ({@link SqlDialect#domainGtids()}).
     */
    static boolean mariaDbServer(ServerFacts server) {
        return server.dialect().domainGtids();
    }

    /** The errant GTIDs of the target, with the statement that removes them in the target's own SQL. */
    static Finding errantFinding(ServerFacts target, String errant) {
        return Finding.blocking("errant_gtids", target.cluster(), "the target's binlog holds transactions the source never had: "
                + errant + "; they would stop replication (gtid_strict_mode) or be lost at the flip. Remove them"
                + " (" + resetAdvice(target) + " on the target before seeding) or replay them on the source");
    }

    /** {@code RESET BINARY LOGS AND GTIDS} on MySQL 8.2+, {@code RESET MASTER} before and on MariaDB. */
    static String resetAdvice(ServerFacts server) {
        ServerVersion version;
        try {
            version = ServerVersion.parse(server.version());
        } catch (IllegalArgumentException unreadable) {
            version = new ServerVersion(0, 0, 0);
        }
        return server.dialect().resetBinlogAndGtids(version).sql();
    }

    /**
     * The entries of a MariaDB {@code gtid_binlog_state} of the target that the source's does not
     * cover: a {@code domain-server-seq} whose domain and server the source has not logged up to
     * at least that sequence number.
     */
    static Set<String> mariaDbErrant(String targetState, String sourceState) {
        Map<String, Long> sourceSeq = new LinkedHashMap<>();
        Matcher s = MARIADB_GTID.matcher(sourceState == null ? "" : sourceState);
        while (s.find()) {
            sourceSeq.merge(s.group(1) + "-" + s.group(2), Long.parseLong(s.group(3)), Math::max);
        }
        Set<String> errant = new TreeSet<>();
        Matcher t = MARIADB_GTID.matcher(targetState == null ? "" : targetState);
        while (t.find()) {
            long seq = Long.parseLong(t.group(3));
            if (sourceSeq.getOrDefault(t.group(1) + "-" + t.group(2), 0L) < seq) {
                errant.add(t.group());
            }
        }
        return errant;
    }

    /** {@code true} when {@code granted} (as {@link #globalPrivileges} reads it) holds ALL PRIVILEGES or any of {@code anyOf}. */
    static boolean grantsAny(Set<String> granted, String... anyOf) {
        return granted.contains("ALL PRIVILEGES") || Stream.of(anyOf).anyMatch(granted::contains);
    }

    /** The global privileges of {@code SHOW GRANTS} lines, upper case, underscores as blanks. */
    static Set<String> globalPrivileges(List<String> grants) {
        Set<String> privileges = new TreeSet<>();
        for (String grant : grants) {
            Matcher m = GLOBAL_GRANT.matcher(grant.strip());
            if (m.find()) {
                for (String privilege : m.group(1).split(",")) {
                    privileges.add(privilege.strip().toUpperCase(Locale.ROOT).replace('_', ' '));
                }
            }
        }
        return privileges;
    }
}
