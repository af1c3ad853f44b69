package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.cluster.ServerFlavor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecheckRulesTest {
    private static final long DAY = 86_400;
    private static final List<String> DBA = List.of("GRANT ALL PRIVILEGES ON *.* TO `admin`@`%` WITH GRANT OPTION");
    private static final List<String> REPL = List.of("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `repl`@`%`");

    @Test
    void wellConfiguredMariaDbPairHasNoFinding() {
        assertThat(evaluate(mariadb("source", 1), mariadb("target", 2))).isEmpty();
    }

    @Test
    void monitorPrivilegesOfTheReplicationAccountAreBlockingOnTheSourceAndAWarningOnTheTarget() {
        List<String> replicaOnly = List.of("GRANT REPLICATION SLAVE ON *.* TO `repl`@`%`");
        ServerFacts source = new ServerFacts("source", ServerFlavor.MYSQL_8, "9.7.4", mysqlVariables(1), Optional.of(0L), DBA,
                replicaOnly, Optional.empty(), "", Set.of(), List.of(), List.of());
        ServerFacts target = new ServerFacts("target", ServerFlavor.MYSQL_8, "9.7.4", mysqlVariables(2), Optional.of(0L), DBA,
                replicaOnly, Optional.empty(), "", Set.of(), List.of(), List.of());

        assertThat(evaluate(source, target)).extracting(Finding::severity, Finding::check, Finding::cluster).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Finding.Severity.BLOCKING, "replication_account", "source"),
                org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "replication_account", "target"));
        assertThat(evaluate(source, target)).first().satisfies(finding -> assertThat(finding.detail())
                .contains("REPLICATION CLIENT, SELECT, RELOAD, SHOW DATABASES").contains("Debezium"));
    }

    @Test
    void aMySqlTargetWithoutLocalInfileIsAWarningThatTheSeedIsSlowerAndAMariaDbTargetIsNot() {
        ServerFacts mysqlSource = new ServerFacts("source", ServerFlavor.MYSQL_8, "9.7.4", mysqlVariables(1), Optional.of(0L),
                DBA, REPL, Optional.empty(), "", Set.of(), List.of(), List.of());
        ServerFacts mysqlTarget = new ServerFacts("target", ServerFlavor.MYSQL_8, "9.7.4", mysqlVariables(2), Optional.of(0L),
                DBA, REPL, Optional.empty(), "", Set.of(), List.of(), List.of());

        assertThat(evaluate(mysqlSource, with(mysqlTarget, "local_infile", "OFF"))).filteredOn(f -> f.check().equals("local_infile"))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(finding.cluster()).isEqualTo("target");
                    assertThat(finding.detail()).contains("LOAD DATA LOCAL INFILE").contains("SET PERSIST local_infile = ON");
                });
        assertThat(evaluate(mysqlSource, with(mysqlTarget, "local_infile", "ON"))).noneMatch(f -> f.check().equals("local_infile"));
        assertThat(evaluate(mariadb("source", 1), with(mariadb("target", 2), "local_infile", "OFF")))
                .noneMatch(f -> f.check().equals("local_infile"));
    }

    @Test
    void mariaDbSourceToAMySqlTargetIsBlockingNamingWhy() {
        ServerFacts target = new ServerFacts("target", ServerFlavor.MYSQL_8, "9.7.4", mysqlVariables(2), Optional.of(0L), DBA,
                List.of("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `repl`@`%`"),
                Optional.empty(), "", Set.of(), List.of(), List.of());

        assertThat(evaluate(mariadb("source", 1), target)).filteredOn(Finding::blocking).singleElement().satisfies(finding -> {
            assertThat(finding.check()).isEqualTo("flavors");
            assertThat(finding.detail()).contains("MariaDB source").contains("cannot replicate to a MySQL target");
        });
    }

    private static Map<String, String> mysqlVariables(int serverId) {
        return Map.of("log_bin", "ON", "binlog_format", "ROW", "server_id", Integer.toString(serverId), "gtid_mode", "ON",
                "enforce_gtid_consistency", "ON", "log_replica_updates", "ON");
    }

    @Test
    void binlogOffOrStatementFormatIsBlocking() {
        ServerFacts source = with(mariadb("source", 1), "binlog_format", "STATEMENT");
        ServerFacts target = with(mariadb("target", 2), "log_bin", "OFF");

        assertThat(evaluate(source, target)).extracting(Finding::severity, Finding::check, Finding::cluster).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Finding.Severity.BLOCKING, "binlog_format", "source"),
                org.assertj.core.groups.Tuple.tuple(Finding.Severity.BLOCKING, "binlog", "target"));
    }

    @Test
    void equalServerIdsAreBlocking() {
        assertThat(evaluate(mariadb("source", 7), mariadb("target", 7)))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.blocking()).isTrue();
                    assertThat(finding.check()).isEqualTo("server_id");
                    assertThat(finding.detail()).contains("server_id 7");
                });
    }

    @Test
    void mysqlWithoutGtidModeIsBlockingAndMariaDbWithoutStrictModeIsAWarning() {
        ServerFacts mysql = new ServerFacts("source", ServerFlavor.MYSQL_8, "8.0.39", Map.of("log_bin", "ON", "binlog_format", "ROW",
                "server_id", "1", "gtid_mode", "OFF_PERMISSIVE", "enforce_gtid_consistency", "ON", "log_replica_updates", "ON"),
                Optional.of(0L), DBA, REPL, Optional.empty(), "", Set.of(), List.of(), List.of());
        ServerFacts target = new ServerFacts("target", ServerFlavor.MYSQL_8, "8.0.40", Map.of("log_bin", "ON", "binlog_format", "ROW",
                "server_id", "2", "gtid_mode", "ON", "enforce_gtid_consistency", "ON", "log_replica_updates", "ON"),
                Optional.of(0L), DBA, REPL, Optional.empty(), "", Set.of(), List.of(), List.of());

        assertThat(evaluate(mysql, target)).singleElement()
                .satisfies(finding -> assertThat(finding).hasToString("BLOCKING gtid_mode on source: gtid_mode is OFF_PERMISSIVE and"
                        + " enforce_gtid_consistency is ON; both must be ON"));
        assertThat(evaluate(with(mariadb("source", 1), "gtid_strict_mode", "OFF"), mariadb("target", 2)))
                .singleElement().satisfies(finding -> assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING));
    }

    @Test
    void logSlaveUpdatesOffIsBlockingOnTheTargetAndAWarningOnTheSource() {
        assertThat(evaluate(with(mariadb("source", 1), "log_slave_updates", "OFF"), with(mariadb("target", 2), "log_slave_updates", "OFF")))
                .extracting(Finding::severity, Finding::cluster).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "source"),
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.BLOCKING, "target"));
    }

    @Test
    void shortRetentionAndPurgeAtOnceWarnButNeverExpiringIsFine() {
        ServerFacts shortRetention = retention(mariadb("source", 1), Optional.of(3600L));
        ServerFacts purgedAtOnce = retention(mariadb("target", 2), Optional.empty());

        assertThat(evaluate(shortRetention, purgedAtOnce)).extracting(Finding::severity, Finding::check, Finding::cluster)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "binlog_retention", "source"),
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "binlog_retention", "target"));
        assertThat(evaluate(retention(mariadb("source", 1), Optional.of(0L)), retention(mariadb("target", 2), Optional.of(7 * DAY))))
                .isEmpty();
    }

    @Test
    void olderTargetIsBlocking() {
        ServerFacts source = version(mariadb("source", 1), "11.4.5-MariaDB-log");
        ServerFacts target = version(mariadb("target", 2), "10.11.9-MariaDB");

        assertThat(evaluate(source, target)).singleElement().satisfies(finding -> {
            assertThat(finding.blocking()).isTrue();
            assertThat(finding.check()).isEqualTo("version");
        });
        assertThat(evaluate(version(mariadb("source", 1), "11.4.5-MariaDB"), version(mariadb("target", 2), "11.4.2-MariaDB"))).isEmpty();
    }

    @Test
    void accountWithoutSuperOrReadOnlyAdminCannotUseGlobalReadOnlyNorKill() {
        List<String> auroraLike = List.of("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, CREATE USER,"
                + " REPLICATION SLAVE, BINLOG ADMIN ON *.* TO `master`@`%` WITH GRANT OPTION");
        ServerFacts source = grants(mariadb("source", 1), auroraLike);

        assertThat(evaluate(source, mariadb("target", 2))).filteredOn(Finding::blocking).extracting(Finding::detail).containsExactlyInAnyOrder(
                "the administrative account lacks SUPER or READ ONLY ADMIN or SYSTEM VARIABLES ADMIN, which read-only strategy"
                        + " 'global' (SET GLOBAL read_only) needs",
                "the administrative account lacks SUPER or CONNECTION ADMIN, which kill strategy 'kill' (KILL CONNECTION of other"
                        + " accounts' sessions) needs");
        assertThat(PrecheckRules.evaluate(source, mariadb("target", 2), new PrecheckRules.Strategies("account-lock", "per-user"), DAY))
                .isEmpty();
    }

    @Test
    void accountLockWithLocksInTheBinlogIsAWarningWhenThePeerCanBeHeldReadOnlyAndBlockingOtherwise() {
        List<String> noBinlogControl = List.of("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, CREATE USER,"
                + " REPLICATION SLAVE ON *.* TO `master`@`%` WITH GRANT OPTION");
        PrecheckRules.Strategies accountLock = new PrecheckRules.Strategies("account-lock", "per-user");

        assertThat(PrecheckRules.evaluate(mariadb("source", 1), grants(mariadb("target", 2), noBinlogControl), accountLock, DAY))
                .as("the source may set read_only").noneMatch(Finding::blocking)
                .filteredOn(finding -> finding.detail().contains("'account-lock'")).singleElement().satisfies(finding -> {
                    assertThat(finding.cluster()).isEqualTo("target");
                    assertThat(finding.detail()).contains("SESSION VARIABLES ADMIN", "sql_log_bin=0", "replicate to source",
                            "holds read-only");
                });
        assertThat(PrecheckRules.evaluate(grants(mariadb("source", 1), noBinlogControl), grants(mariadb("target", 2), noBinlogControl),
                accountLock, DAY)).as("neither may set read_only").filteredOn(Finding::blocking).hasSize(2)
                .allSatisfy(finding -> assertThat(finding.detail()).contains("sql_log_bin=0", "cannot be held read-only",
                        "writable again"));
    }

    @Test
    void accountsThatCannotDumpOrLoadWithoutBinloggingGetAWarning() {
        List<String> narrow = List.of("GRANT SELECT, SHOW VIEW, EVENT, TRIGGER, SUPER, CONNECTION ADMIN ON *.* TO `dba`@`%`");

        assertThat(evaluate(grants(mariadb("source", 1), narrow), grants(mariadb("target", 2),
                List.of("GRANT SELECT, INSERT, CREATE, DROP, READ_ONLY ADMIN, CONNECTION ADMIN ON *.* TO `dba`@`%`"))))
                .extracting(Finding::severity, Finding::cluster, Finding::check).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "source", "privileges"),
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "target", "privileges"));
    }

    @Test
    void mysqlDynamicPrivilegesCount() {
        assertThat(PrecheckRules.globalPrivileges(List.of("GRANT SELECT ON *.* TO `a`@`%`",
                "GRANT CONNECTION_ADMIN,SYSTEM_VARIABLES_ADMIN ON *.* TO `a`@`%`", "GRANT ALL ON `app`.* TO `a`@`%`")))
                .containsExactlyInAnyOrder("SELECT", "CONNECTION ADMIN", "SYSTEM VARIABLES ADMIN");
    }

    @Test
    void replicationAccountThatCannotLogInOrLacksReplicationSlaveIsBlocking() {
        ServerFacts source = new ServerFacts("source", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(1), Optional.of(0L), DBA,
                List.of(), Optional.of("[28000/1045] Access denied for user 'repl'"), "", Set.of(), List.of(), List.of());
        ServerFacts target = new ServerFacts("target", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(2), Optional.of(0L), DBA,
                List.of("GRANT SELECT ON *.* TO `repl`@`%`"), Optional.empty(), "", Set.of(), List.of(), List.of());

        assertThat(evaluate(source, target)).extracting(Finding::check, Finding::cluster, Finding::blocking).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("replication_account", "source", true),
                org.assertj.core.groups.Tuple.tuple("replication_account", "target", true),
                org.assertj.core.groups.Tuple.tuple("replication_account", "target", false)); // the monitor's privileges
    }

    @Test
    void aMySqlSourceWithJsonColumnsToAMariaDbTargetIsBlockingNamingTheColumns() {
        Map<String, String> variables = new HashMap<>(Map.of("log_bin", "ON", "binlog_format", "ROW", "gtid_mode", "ON",
                "enforce_gtid_consistency", "ON", "log_replica_updates", "ON", "server_id", "1"));
        List<ServerFacts.Table> tables = List.of(new ServerFacts.Table("shop", "orders", "InnoDB", true, List.of("payload", "meta")),
                new ServerFacts.Table("shop", "plain", "InnoDB", true));
        ServerFacts withJson = new ServerFacts("source", ServerFlavor.MYSQL_8, "9.7.0", variables, Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), tables, List.of());
        ServerFacts withoutJson = new ServerFacts("source", ServerFlavor.MYSQL_8, "9.7.0", variables, Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(tables.get(1)), List.of());

        assertThat(evaluate(withJson, mariadb("target", 2))).filteredOn(Finding::blocking).singleElement().satisfies(finding -> {
            assertThat(finding.check()).isEqualTo("json_columns");
            assertThat(finding.detail()).contains("shop.orders (payload, meta)", "MariaDB").doesNotContain("shop.plain");
        });
        assertThat(evaluate(withoutJson, mariadb("target", 2))).noneMatch(finding -> finding.check().equals("json_columns"))
                .anySatisfy(finding -> assertThat(finding.check()).isEqualTo("version"));
    }

    @Test
    void tablesWithoutPrimaryKeyAndOtherEnginesAreListedAsWarnings() {
        ServerFacts source = new ServerFacts("source", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(1), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(new ServerFacts.Table("shop", "orders", "InnoDB", true),
                        new ServerFacts.Table("shop", "audit", "InnoDB", false), new ServerFacts.Table("shop", "cache", "MyISAM", true)),
                List.of());

        assertThat(evaluate(source, mariadb("target", 2))).extracting(Finding::severity, Finding::check, Finding::detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "primary_keys", "tables without a primary key: shop.audit"),
                        org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "engines",
                                "tables not in InnoDB (not transactional, so a dump is not consistent for them): shop.cache (MyISAM)"));
    }

    @Test
    void definersMissingOnTheTargetAreAWarning() {
        ServerFacts source = new ServerFacts("source", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(1), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(), List.of(new ServerFacts.StoredObject("VIEW", "shop", "v", "app@%"),
                        new ServerFacts.StoredObject("ROUTINE", "shop", "p", "etl@10.0.0.%")));
        ServerFacts target = new ServerFacts("target", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(2), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of("app@%", "admin@%"), List.of(), List.of());

        assertThat(evaluate(source, target)).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(finding.detail()).isEqualTo("definers missing on the target: etl@10.0.0.% (routine shop.p)");
        });
    }

    @Test
    void eventsTheSourceKeepsOffAsAReplicaAreAWarningNamingThem() {
        ServerFacts source = new ServerFacts("source", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(1), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(), List.of(
                        new ServerFacts.StoredObject("EVENT", "shop", "purge", "app@%", "ENABLED"),
                        new ServerFacts.StoredObject("EVENT", "shop", "off", "app@%", "DISABLED"),
                        new ServerFacts.StoredObject("EVENT", "shop", "replicated", "app@%", "SLAVESIDE_DISABLED"),
                        new ServerFacts.StoredObject("ROUTINE", "shop", "p", "app@%")));
        ServerFacts target = new ServerFacts("target", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(2), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of("app@%"), List.of(), List.of());

        assertThat(evaluate(source, target)).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(finding.check()).isEqualTo("events");
            assertThat(finding.detail()).startsWith("events kept off on the source as on a replica: shop.replicated;")
                    .contains("the flip enables every event kept off on the new master");
        });
    }

    @Test
    void aTargetWhoseEventSchedulerIsOffWhileTheSourceRunsEventsIsAWarning() {
        ServerFacts source = new ServerFacts("source", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(1), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(), List.of(
                        new ServerFacts.StoredObject("EVENT", "shop", "purge", "app@%", "ENABLED"),
                        new ServerFacts.StoredObject("EVENT", "shop", "off", "app@%", "DISABLED")));
        Map<String, String> off = variables(2);
        off.put("event_scheduler", "OFF");
        ServerFacts target = new ServerFacts("target", ServerFlavor.MARIADB, "11.4.5-MariaDB", off, Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of("app@%"), List.of(), List.of());

        assertThat(evaluate(source, target)).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(finding.check()).isEqualTo("event_scheduler");
            assertThat(finding.cluster()).isEqualTo("target");
            assertThat(finding.detail()).startsWith("event_scheduler is OFF here, and the source runs events: shop.purge;");
        });

        Map<String, String> on = variables(2);
        on.put("event_scheduler", "ON");
        ServerFacts targetOn = new ServerFacts("target", ServerFlavor.MARIADB, "11.4.5-MariaDB", on, Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of("app@%"), List.of(), List.of());
        assertThat(evaluate(source, targetOn)).isEmpty();
    }

    @Test
    void anAdministrativeAccountWithoutEventWhileTheSourceRunsEventsIsAWarningOnThatServer() {
        List<ServerFacts.StoredObject> events = List.of(new ServerFacts.StoredObject("EVENT", "shop", "purge", "app@%", "ENABLED"));
        List<String> noEvent = List.of("GRANT SELECT, RELOAD, SUPER, REPLICATION SLAVE ON *.* TO `admin`@`%`");
        ServerFacts source = new ServerFacts("source", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(1), Optional.of(0L),
                noEvent, REPL, Optional.empty(), "", Set.of(), List.of(), events);
        ServerFacts target = new ServerFacts("target", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(2), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of("app@%"), List.of(), List.of());

        assertThat(evaluate(source, target)).filteredOn(finding -> finding.detail().contains("EVENT")).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(finding.check()).isEqualTo("privileges");
                    assertThat(finding.cluster()).isEqualTo("source");
                    assertThat(finding.detail()).contains("READ_ONLY sets them DISABLE ON SLAVE before the fence");
                });

        ServerFacts quiet = new ServerFacts("source", ServerFlavor.MARIADB, "11.4.5-MariaDB", variables(1), Optional.of(0L),
                noEvent, REPL, Optional.empty(), "", Set.of(), List.of(), List.of());
        assertThat(evaluate(quiet, target)).noneMatch(finding -> finding.detail().contains("EVENT"));
    }

    @Test
    void anEnabledEventWhoseDefinerHoldsSystemUserWhereTheAdministrativeAccountDoesNotIsFoundOnEachServer() {
        List<ServerFacts.StoredObject> events = List.of(new ServerFacts.StoredObject("EVENT", "shop", "purge", "dba@%", "ENABLED"),
                new ServerFacts.StoredObject("EVENT", "shop", "rollup", "app@%", "ENABLED"),
                new ServerFacts.StoredObject("EVENT", "shop", "archive", "dba@%", "DISABLED"));
        List<String> withSystemUser = List.of("GRANT SELECT, RELOAD, SUPER, EVENT, REPLICATION SLAVE ON *.* TO `admin`@`%`",
                "GRANT SYSTEM_USER,SYSTEM_VARIABLES_ADMIN ON *.* TO `admin`@`%`");
        List<String> masterUser = List.of("GRANT SELECT, RELOAD, EVENT, REPLICATION SLAVE ON *.* TO `master`@`%`",
                "GRANT SET_USER_ID ON *.* TO `master`@`%`");
        ServerFacts source = mysql("source", withSystemUser, events, Set.of("dba@%", "root@localhost"));
        ServerFacts target = mysql("target", masterUser, List.of(), Set.of("dba@%", "rdsadmin@localhost"));

        assertThat(evaluate(source, target)).filteredOn(finding -> finding.detail().contains("SYSTEM_USER")).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(finding.check()).isEqualTo("events");
                    assertThat(finding.cluster()).isEqualTo("target");
                    assertThat(finding.detail()).contains("shop.purge (dba@%)").doesNotContain("rollup").doesNotContain("archive")
                            .contains("stay off on the new master");
                });

        ServerFacts auroraSource = mysql("source", masterUser, events, Set.of("dba@%"));
        ServerFacts plainTarget = mysql("target", withSystemUser, List.of(), Set.of("dba@%"));
        assertThat(evaluate(auroraSource, plainTarget)).filteredOn(finding -> finding.detail().contains("SYSTEM_USER"))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.blocking()).isTrue();
                    assertThat(finding.cluster()).isEqualTo("source");
                    assertThat(finding.detail()).contains("shop.purge (dba@%)").doesNotContain("rollup")
                            .contains("the flip would roll back there");
                });

        ServerFacts definerWithout = mysql("target", masterUser, List.of(), Set.of("rdsadmin@localhost"));
        assertThat(evaluate(source, definerWithout)).noneMatch(finding -> finding.detail().contains("SYSTEM_USER"));
    }

    @Test
    void targetGtidsTheSourceNeverHadAreErrantAndBlocking() {
        assertThat(PrecheckRules.mariaDbErrant("0-1-40,0-2-3", "0-1-42")).containsExactly("0-2-3");
        assertThat(PrecheckRules.mariaDbErrant("0-1-40", "0-1-42,1-3-9")).isEmpty();
        assertThat(PrecheckRules.mariaDbErrant("0-1-43", "0-1-42")).containsExactly("0-1-43");
        assertThat(PrecheckRules.mariaDbErrant("", "0-1-42")).isEmpty();

        ServerFacts target = gtids(mariadb("target", 2), "0-1-5,0-2-1");
        assertThat(evaluate(gtids(mariadb("source", 1), "0-1-5"), target)).singleElement().satisfies(finding -> {
            assertThat(finding.blocking()).isTrue();
            assertThat(finding.check()).isEqualTo("errant_gtids");
            assertThat(finding.detail()).contains("0-2-1");
        });
    }

    @Test
    void errantGtidAdviceIsTheTargetsOwnResetStatement() {
        ServerFacts mysql97 = new ServerFacts("target", ServerFlavor.MYSQL_8, "9.7.4-2", variables(2), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(), List.of());
        ServerFacts mysql80 = version(mysql97, "8.0.39");

        assertThat(PrecheckRules.errantFinding(mysql97, "u:1-3").detail()).contains("RESET BINARY LOGS AND GTIDS on the target")
                .doesNotContain("RESET MASTER");
        assertThat(PrecheckRules.errantFinding(mysql80, "u:1-3").detail()).contains("RESET MASTER on the target");
        assertThat(PrecheckRules.errantFinding(mariadb("target", 2), "0-2-1").detail()).contains("RESET MASTER on the target");
    }

    @Test
    void rdsReadOnlyNeedsTheProcedureOnAnAuroraThatHasIt() {
        PrecheckRules.Strategies rdsReadOnly = new PrecheckRules.Strategies("rds-read-only", "rds-kill");
        ServerFacts withProcedure = aurora("target", "9.7.4-2", Set.of("rds_kill", "rds_set_read_only"));

        assertThat(PrecheckRules.evaluate(aurora("source", "8.0.mysql_aurora.3.06.1", Set.of("rds_set_read_only")), withProcedure,
                rdsReadOnly, DAY)).filteredOn(Finding::blocking).isEmpty();
        assertThat(PrecheckRules.evaluate(aurora("source", "9.7.4-2", Set.of("rds_kill")), withProcedure, rdsReadOnly, DAY))
                .filteredOn(Finding::blocking).singleElement().satisfies(finding -> {
                    assertThat(finding.cluster()).isEqualTo("source");
                    assertThat(finding.detail()).contains("mysql.rds_set_read_only").contains("information_schema.ROUTINES");
                });
        assertThat(PrecheckRules.evaluate(aurora("source", "8.0.mysql_aurora.3.05.2", Set.of()), withProcedure, rdsReadOnly, DAY))
                .filteredOn(Finding::blocking).singleElement().satisfies(finding -> assertThat(finding.detail()).contains("3.06"));
        assertThat(PrecheckRules.evaluate(mariadb("source", 1), withProcedure, rdsReadOnly, DAY))
                .filteredOn(finding -> finding.blocking() && finding.check().equals("privileges")).singleElement().satisfies(finding -> {
                    assertThat(finding.cluster()).isEqualTo("source");
                    assertThat(finding.detail()).contains("'global'");
                });
    }

    private static ServerFacts aurora(String cluster, String version, Set<String> procedures) {
        Map<String, String> variables = new HashMap<>(Map.of("log_bin", "ON", "binlog_format", "ROW", "gtid_mode", "ON",
                "log_replica_updates", "ON", "log_slave_updates", "ON", "enforce_gtid_consistency", "ON"));
        variables.put("server_id", Integer.toString(cluster.hashCode() & 0xffff));
        return new ServerFacts(cluster, ServerFlavor.AURORA_MYSQL, version, variables, Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(), List.of(), procedures);
    }

    private static List<Finding> evaluate(ServerFacts source, ServerFacts target) {
        return PrecheckRules.evaluate(source, target, PrecheckRules.Strategies.DEFAULT, DAY);
    }

    private static Map<String, String> variables(int serverId) {
        Map<String, String> variables = new HashMap<>(Map.of("log_bin", "ON", "binlog_format", "ROW", "gtid_strict_mode", "ON",
                "log_slave_updates", "ON"));
        variables.put("server_id", Integer.toString(serverId));
        return variables;
    }

    private static ServerFacts mysql(String cluster, List<String> grants, List<ServerFacts.StoredObject> definers,
            Set<String> systemUsers) {
        Map<String, String> variables = new HashMap<>(Map.of("log_bin", "ON", "binlog_format", "ROW", "gtid_mode", "ON",
                "log_replica_updates", "ON", "enforce_gtid_consistency", "ON", "event_scheduler", "ON"));
        variables.put("server_id", Integer.toString(cluster.hashCode() & 0xffff));
        return new ServerFacts(cluster, ServerFlavor.MYSQL_8, "9.7.4", variables, Optional.of(0L), grants, REPL,
                Optional.empty(), "", Set.of("app@%", "dba@%"), List.of(), definers, Set.of(), systemUsers);
    }

    private static ServerFacts mariadb(String cluster, int serverId) {
        return new ServerFacts(cluster, ServerFlavor.MARIADB, "11.4.5-MariaDB-log", variables(serverId), Optional.of(0L), DBA, REPL,
                Optional.empty(), "", Set.of(), List.of(), List.of());
    }

    private static ServerFacts with(ServerFacts f, String variable, String value) {
        Map<String, String> variables = new HashMap<>(f.variables());
        variables.put(variable, value);
        return new ServerFacts(f.cluster(), f.flavor(), f.version(), variables, f.retentionSeconds(), f.adminGrants(),
                f.replicationGrants(), f.replicationLoginError(), f.gtidState(), f.accounts(), f.tables(), f.definers());
    }

    private static ServerFacts retention(ServerFacts f, Optional<Long> seconds) {
        return new ServerFacts(f.cluster(), f.flavor(), f.version(), f.variables(), seconds, f.adminGrants(),
                f.replicationGrants(), f.replicationLoginError(), f.gtidState(), f.accounts(), f.tables(), f.definers());
    }

    private static ServerFacts version(ServerFacts f, String version) {
        return new ServerFacts(f.cluster(), f.flavor(), version, f.variables(), f.retentionSeconds(), f.adminGrants(),
                f.replicationGrants(), f.replicationLoginError(), f.gtidState(), f.accounts(), f.tables(), f.definers());
    }

    private static ServerFacts grants(ServerFacts f, List<String> grants) {
        return new ServerFacts(f.cluster(), f.flavor(), f.version(), f.variables(), f.retentionSeconds(), grants,
                f.replicationGrants(), f.replicationLoginError(), f.gtidState(), f.accounts(), f.tables(), f.definers());
    }

    private static ServerFacts gtids(ServerFacts f, String state) {
        return new ServerFacts(f.cluster(), f.flavor(), f.version(), f.variables(), f.retentionSeconds(), f.adminGrants(),
                f.replicationGrants(), f.replicationLoginError(), state, f.accounts(), f.tables(), f.definers());
    }
}
