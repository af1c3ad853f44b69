package io.handoff.localstack.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The lost-writes check of DESIGN.md's invariant 2: which acknowledged ids are not on a given server. Each
 * application's ids are looked up in its own schema's {@link WritesTable}, {@value #BATCH} ids per query.
 * Read-only; runs on the caller's thread with the caller's connection (an account that may read the
 * schemas).
 */
public final class AcknowledgedWritesCheck {
    /** Ids per {@code SELECT ... WHERE id IN (...)}. */
    static final int BATCH = 1000;

    private AcknowledgedWritesCheck() {
    }

    /** Every acknowledged id of {@code report} that is missing on {@code connection}'s server, ascending. */
    public static List<Long> missing(Connection connection, WorkloadReport report) throws SQLException {
        return missing(connection, report, ack -> true);
    }

    /**
     * The ids acknowledged by {@code acknowledgedBy} (a server address as in {@link Ack#server()}) that are
     * missing on {@code connection}'s server, ascending.
     */
    public static List<Long> missing(Connection connection, WorkloadReport report, String acknowledgedBy)
            throws SQLException {
        return missing(connection, report, ack -> ack.server().equals(acknowledgedBy));
    }

    private static List<Long> missing(Connection connection, WorkloadReport report, Predicate<Ack> which)
            throws SQLException {
        Map<String, List<Long>> idsBySchema = report.acks().stream()
                .filter(which)
                .collect(Collectors.groupingBy(ack -> report.schemaOf(ack.application()), TreeMap::new,
                        Collectors.mapping(Ack::id, Collectors.toList())));
        List<Long> missing = new ArrayList<>();
        for (Map.Entry<String, List<Long>> schema : idsBySchema.entrySet()) {
            long[] ids = schema.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            for (int from = 0; from < ids.length; from += BATCH) {
                long[] batch = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + BATCH));
                Set<Long> found = present(connection, schema.getKey(), batch);
                Arrays.stream(batch).filter(id -> !found.contains(id)).forEach(missing::add);
            }
        }
        missing.sort(null);
        return missing;
    }

    private static Set<Long> present(Connection connection, String schema, long[] batch) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(WritesTable.selectIdsSql(schema, batch.length))) {
            for (int i = 0; i < batch.length; i++) {
                select.setLong(i + 1, batch[i]);
            }
            Set<Long> found = new HashSet<>(batch.length * 2);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
            return found;
        }
    }
}
