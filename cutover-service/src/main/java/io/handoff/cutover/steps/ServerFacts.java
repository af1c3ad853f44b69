package io.handoff.cutover.steps;

import io.handoff.common.cluster.ServerFlavor;
import io.handoff.cutover.cluster.ScheduledEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What PRECHECK read from one server; {@link PrecheckRules} judges it.
 *
 * @param cluster          registry name
 * @param flavor           configured flavor
 * @param version          {@code SELECT VERSION()}
 * @param variables        global variables by lower-case name (only those the server has)
 * @param retentionSeconds binlog retention: 0 = never purged by age, empty = purged as soon as possible
 * @param adminGrants      {@code SHOW GRANTS} of the administrative account handoff uses
 * @param replicationGrants {@code SHOW GRANTS} of the replication account, or empty when it could not log in
 * @param replicationLoginError why the replication account could not log in, empty when it could
 * @param gtidState        {@code SqlDialect#binlogGtidState()}
 * @param accounts         the server's accounts as {@code user@host}
 * @param tables           the application tables (only read on the source)
 * @param definers         definers of stored objects (only read on the source)
 * @param procedures       the procedures of schema {@code mysql} the administrative account can see
 *                         ({@code information_schema.ROUTINES}), e.g. {@code rds_set_read_only}
 * @param systemUsers      MySQL: the accounts ({@code user@host}) holding SYSTEM_USER ({@code mysql.global_grants}); empty
 *                         on MariaDB, which has no such privilege, and where it could not be read
 */
record ServerFacts(String cluster, ServerFlavor flavor, String version, Map<String, String> variables,
        Optional<Long> retentionSeconds, List<String> adminGrants, List<String> replicationGrants,
        Optional<String> replicationLoginError, String gtidState, Set<String> accounts, List<Table> tables,
        List<StoredObject> definers, Set<String> procedures, Set<String> systemUsers) {

    /** Facts without the holders of SYSTEM_USER. */
    ServerFacts(String cluster, ServerFlavor flavor, String version, Map<String, String> variables,
            Optional<Long> retentionSeconds, List<String> adminGrants, List<String> replicationGrants,
            Optional<String> replicationLoginError, String gtidState, Set<String> accounts, List<Table> tables,
            List<StoredObject> definers, Set<String> procedures) {
        this(cluster, flavor, version, variables, retentionSeconds, adminGrants, replicationGrants, replicationLoginError,
                gtidState, accounts, tables, definers, procedures, Set.of());
    }

    /** Facts without the {@code mysql} schema's procedures. */
    ServerFacts(String cluster, ServerFlavor flavor, String version, Map<String, String> variables,
            Optional<Long> retentionSeconds, List<String> adminGrants, List<String> replicationGrants,
            Optional<String> replicationLoginError, String gtidState, Set<String> accounts, List<Table> tables,
            List<StoredObject> definers) {
        this(cluster, flavor, version, variables, retentionSeconds, adminGrants, replicationGrants, replicationLoginError,
                gtidState, accounts, tables, definers, Set.of(), Set.of());
    }

    /** The dialect of this server: its flavor, and its version string for what the flavor leaves open. */
    io.handoff.common.sql.SqlDialect dialect() {
        return io.handoff.common.sql.SqlDialect.of(flavor, version);
    }

    /**
     * @param schema        schema
     * @param name          table name
     * @param engine        storage engine
     * @param hasPrimaryKey whether it has a primary key
     * @param jsonColumns   its columns of MySQL's JSON type (MariaDB reports JSON as LONGTEXT: none), in order
     */
    record Table(String schema, String name, String engine, boolean hasPrimaryKey, List<String> jsonColumns) {
        /** A table whose JSON columns were not read. */
        Table(String schema, String name, String engine, boolean hasPrimaryKey) {
            this(schema, name, engine, hasPrimaryKey, List.of());
        }

        String qualified() {
            return schema + "." + name;
        }
    }

    /**
     * @param kind    ROUTINE, VIEW, TRIGGER or EVENT
     * @param schema  schema
     * @param name    object name
     * @param definer {@code user@host}
     * @param status  an event's {@code STATUS} ({@code ENABLED}, {@code DISABLED}, {@code SLAVESIDE_DISABLED}, ...); null
     *                for the other kinds
     */
    record StoredObject(String kind, String schema, String name, String definer, String status) {
        /** An object whose status was not read. */
        StoredObject(String kind, String schema, String name, String definer) {
            this(kind, schema, name, definer, null);
        }

        /** An event the server's scheduler runs. */
        boolean enabledEvent() {
            return "EVENT".equals(kind) && ScheduledEvents.ENABLED.contains(status);
        }

        /**
         * An event kept off as on a replica ({@code SLAVESIDE_DISABLED}, MySQL 8.0.22+ {@code REPLICA_SIDE_DISABLED}): the
         * server does not run it, and a WRITABLE of the server enables it.
         */
        boolean keptOffEvent() {
            return "EVENT".equals(kind) && ScheduledEvents.DISABLED_ON_REPLICA.contains(status);
        }
    }

    /** The variable's value, empty when the server does not have it. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** {@code true} when the variable is {@code ON} or {@code 1}; {@code false} when absent. */
    boolean on(String name) {
        return variable(name).map(value -> value.equalsIgnoreCase("ON") || value.equals("1")).orElse(false);
    }
}
