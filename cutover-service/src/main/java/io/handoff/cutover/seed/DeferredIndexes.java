package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The plain secondary indexes of a parallel seed's tables, built after their rows instead of row by row while they
 * load, as myloader's {@code --optimize-keys} does: InnoDB builds an index of a loaded table by sorting its keys once,
 * where loading into an indexed table updates every index for every row.
 *
 * <p>Only plain {@code KEY}s are deferred: a PRIMARY or UNIQUE key stays (the copy relies on its key; a unique key
 * keeps what it guarantees while rows arrive), FULLTEXT and SPATIAL keys stay, and so does an index whose columns begin
 * with a foreign key's (the foreign key needs it). Each index is taken as the target's {@code SHOW CREATE TABLE} prints it right after
 * the definitions were loaded (prefix lengths, order, expressions, visibility and comments included) and added back
 * with that text; all of one table's in one {@code ALTER TABLE}.
 */
final class DeferredIndexes {
    private static final Logger LOG = Logger.getLogger(DeferredIndexes.class);
    /** {@code  KEY `name` (...)...,} in SHOW CREATE TABLE: a plain secondary index. */
    private static final Pattern PLAIN_KEY = Pattern.compile("^\\s+(KEY\\s+`((?:[^`]|``)+)`\\s.*?),?\\s*$");
    /** {@code CONSTRAINT `fk` FOREIGN KEY (`a`,`b`) REFERENCES ...}: the constraint's columns. */
    private static final Pattern FOREIGN_KEY = Pattern.compile("^\\s+CONSTRAINT\\s.*?FOREIGN KEY \\(([^)]*)\\).*$");
    /** ER_DROP_INDEX_FK: the index is needed in a foreign key constraint. */
    private static final int NEEDED_BY_A_FOREIGN_KEY = 1553;

    /** One index, as its table's definition names it: {@code definition} is {@code KEY `name` (...)...}. */
    record Index(String schema, String table, String name, String definition) {
        String qualifiedTable() {
            return PortableSql.identifier(schema) + "." + PortableSql.identifier(table);
        }
    }

    private DeferredIndexes() {
    }

    /** The plain secondary indexes of {@code tables} as {@code target} defines them. */
    static List<Index> of(Connection target, List<SeedTable> tables) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (Statement sql = target.createStatement()) {
            for (SeedTable table : tables) {
                try (ResultSet created = sql.executeQuery("SHOW CREATE TABLE " + table.qualified())) {
                    if (created.next()) {
                        indexes.addAll(parse(table.schema(), table.name(), created.getString(2)));
                    }
                }
            }
        }
        return indexes;
    }

    /** The plain secondary indexes in {@code createTable}, a {@code SHOW CREATE TABLE} of {@code schema.table}. */
    static List<Index> parse(String schema, String table, String createTable) {
        String[] lines = createTable.split("\n");
        List<String> foreignKeys = new ArrayList<>();
        for (String line : lines) {
            Matcher foreignKey = FOREIGN_KEY.matcher(line);
            if (foreignKey.matches()) {
                foreignKeys.add(foreignKey.group(1));
            }
        }
        List<Index> indexes = new ArrayList<>();
        for (String line : lines) {
            Matcher key = PLAIN_KEY.matcher(line);
            if (key.matches() && !neededByAForeignKey(key.group(1), key.group(2), foreignKeys)) {
                indexes.add(new Index(schema, table, key.group(2).replace("``", "`"), key.group(1)));
            }
        }
        return indexes;
    }

    /**
     * Whether the index's columns begin with a foreign key's: the foreign key needs it (MySQL refuses to drop it; MariaDB
     * drops it when foreign key checks are off, leaving the constraint without an index while the rows load).
     */
    private static boolean neededByAForeignKey(String definition, String quotedName, List<String> foreignKeys) {
        String columns = definition.substring(definition.indexOf('`' + quotedName + '`') + quotedName.length() + 2).trim();
        return columns.startsWith("(") && foreignKeys.stream().anyMatch(columns.substring(1)::startsWith);
    }

    /** Drops each of {@code indexes} on {@code target}; returns those dropped (one a foreign key needs stays). */
    static List<Index> drop(Connection target, List<Index> indexes) throws SQLException {
        List<Index> dropped = new ArrayList<>();
        try (Statement sql = target.createStatement()) {
            for (Index index : indexes) {
                try {
                    sql.execute("ALTER TABLE " + index.qualifiedTable() + " DROP INDEX " + PortableSql.identifier(index.name()));
                    dropped.add(index);
                } catch (SQLException e) {
                    if (e.getErrorCode() != NEEDED_BY_A_FOREIGN_KEY) {
                        throw e;
                    }
                    LOG.debugf("%s.%s keeps index %s while it loads: a foreign key needs it", index.schema(), index.table(),
                            index.name());
                }
            }
        }
        return dropped;
    }

    /**
     * Adds each of {@code indexes} that {@code target} does not have (a resumed seed may find some added already), one
     * {@code ALTER TABLE} per table; returns how many were added.
     */
    static int addMissing(Connection target, List<Index> indexes) throws SQLException {
        Map<String, Set<String>> present = new HashMap<>();
        Map<String, List<Index>> byTable = new LinkedHashMap<>();
        for (Index index : indexes) {
            Set<String> names = present.get(index.qualifiedTable());
            if (names == null) {
                names = indexNames(target, index);
                present.put(index.qualifiedTable(), names);
            }
            if (!names.contains(index.name())) {
                byTable.computeIfAbsent(index.qualifiedTable(), table -> new ArrayList<>()).add(index);
            }
        }
        int added = 0;
        try (Statement sql = target.createStatement()) {
            for (Map.Entry<String, List<Index>> table : byTable.entrySet()) {
                long started = System.nanoTime();
                List<String> adds = table.getValue().stream().map(index -> "ADD " + index.definition()).toList();
                sql.execute("ALTER TABLE " + table.getKey() + " " + String.join(", ", adds));
                added += adds.size();
                LOG.debugf("%s: %d secondary index(es) built after its rows in %d ms", table.getKey(), adds.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
        return added;
    }

    /** The names of the indexes {@code target} has on {@code index}'s table: one query per table. */
    private static Set<String> indexNames(Connection target, Index index) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement find = target.prepareStatement("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            find.setString(1, index.schema());
            find.setString(2, index.table());
            try (ResultSet name = find.executeQuery()) {
                while (name.next()) {
                    names.add(name.getString(1));
                }
            }
        }
        return names;
    }
}
