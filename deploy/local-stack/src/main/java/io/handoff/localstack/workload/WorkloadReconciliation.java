package io.handoff.localstack.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Compares a workload's record with one server's rows (the final master), per application: which
 * acknowledged writes are missing or different there ({@code lostWrites}), how each in-doubt commit ended
 * (read from its row: an INSERT's row present, an UPDATE's {@code val} equal to its id, a DELETE's row
 * absent, a transfer's row in {@link WritesTable#TRANSFERS}), and whether the transfers kept the balances'
 * sum. Read-only; the caller's connection and thread; an account that may read the schemas.
 *
 * <p>Each row of {@link WritesTable#NAME} is written by one thread only, in order, so its acknowledged state
 * is that of its last acknowledged write. A snapshot of a running workload ({@link WorkloadReport#isFinal()}
 * false) is compared leniently, since writes go on after it was taken: a row may show a later update (a
 * higher {@code val}) and a doomed row may be gone; the balances are checked by their sum only (one consistent
 * read). A final snapshot is compared exactly, balance by balance.
 */
public final class WorkloadReconciliation {
    /** Ids per {@code SELECT ... WHERE id IN (...)}. */
    static final int BATCH = 1000;
    /** Lost writes and differing balances named per application at most. */
    static final int NAMED = 20;
    private static final long ABSENT = Long.MIN_VALUE;

    private WorkloadReconciliation() {
    }

    /**
     * The transfers' invariant on one server.
     *
     * @param holds       the balances' sum is the initial sum and, in a final comparison, each balance is its
     *                    initial one moved by the committed transfers
     * @param expectedSum {@link WritesTable#ACCOUNT_ROWS} times {@link WritesTable#INITIAL_BALANCE}
     * @param foundSum    the sum read on the server
     * @param differences accounts whose balance differs from the committed transfers' (final comparison only)
     */
    public record TransferInvariant(boolean holds, long expectedSum, long foundSum, List<String> differences) {
    }

    /**
     * One application's figures.
     *
     * @param acknowledged                 writes the servers acknowledged
     * @param acknowledgedByOperation      the same, per {@link Operation}
     * @param failedBeforeCommit           attempts refused, or failed before their commit was sent
     * @param inDoubt                      attempts whose connection was lost during the commit
     * @param inDoubtResolvedCommitted     of those, committed according to the server's rows
     * @param inDoubtResolvedNotCommitted  of those, not committed
     * @param lostWrites                   acknowledged writes missing or different on the server
     * @param lost                         the first {@value #NAMED} of them, named
     * @param transferInvariant            the balances
     * @param writeBlockedMs               the application's own longest gap between acknowledgements
     * @param clientErrors                 statements (and connections) that failed in the application
     */
    public record ApplicationFigures(long acknowledged, Map<String, Long> acknowledgedByOperation, long failedBeforeCommit,
            long inDoubt, long inDoubtResolvedCommitted, long inDoubtResolvedNotCommitted, long lostWrites, List<String> lost,
            TransferInvariant transferInvariant, long writeBlockedMs, long clientErrors) {

        /** No acknowledged write lost and the transfers' invariant holds. */
        public boolean intact() {
            return lostWrites == 0 && transferInvariant.holds();
        }
    }

    /** Figures per application (by name) of {@code report} against {@code connection}'s server. */
    public static Map<String, ApplicationFigures> reconcile(Connection connection, WorkloadReport report) throws SQLException {
        return reconcile(connection, report, attempt -> true);
    }

    /** The same, counting only the attempts that {@code which} accepts (e.g. those sent to one server). */
    static Map<String, ApplicationFigures> reconcile(Connection connection, WorkloadReport report, Predicate<WriteAttempt> which)
            throws SQLException {
        Map<String, ApplicationFigures> figures = new LinkedHashMap<>();
        for (String application : report.applications()) {
            List<WriteAttempt> attempts = report.attempts().stream()
                    .filter(a -> a.application().equals(application) && which.test(a)).toList();
            figures.put(application, reconcile(connection, report, application, attempts));
        }
        return figures;
    }

    /** Ids of the acknowledged writes that are lost (rows of {@link WritesTable#NAME}, transfers), ascending. */
    static List<Long> lostIds(Connection connection, WorkloadReport report, Predicate<WriteAttempt> which) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (String application : report.applications()) {
            List<WriteAttempt> attempts = report.attempts().stream()
                    .filter(a -> a.application().equals(application) && which.test(a)).toList();
            ids.addAll(compare(connection, report.schemaOf(application), attempts, report.isFinal()).lostIds);
        }
        ids.sort(null);
        return ids;
    }

    private static ApplicationFigures reconcile(Connection connection, WorkloadReport report, String application,
            List<WriteAttempt> attempts) throws SQLException {
        String schema = report.schemaOf(application);
        Comparison compared = compare(connection, schema, attempts, report.isFinal());
        Map<String, Long> byOperation = new TreeMap<>();
        long failed = 0;
        long inDoubt = 0;
        for (WriteAttempt attempt : attempts) {
            switch (attempt.outcome()) {
                case ACKNOWLEDGED -> byOperation.merge(attempt.operation().name(), 1L, Long::sum);
                case FAILED_BEFORE_COMMIT -> failed++;
                case IN_DOUBT -> inDoubt++;
                case PENDING -> { }
            }
        }
        long acknowledged = byOperation.values().stream().mapToLong(Long::longValue).sum();
        TransferInvariant invariant = invariant(connection, schema, compared.committedTransfers, report.isFinal());
        long clientErrors = report.errors().stream().filter(e -> e.application().equals(application)).count();
        return new ApplicationFigures(acknowledged, byOperation, failed, inDoubt, compared.resolvedCommitted,
                compared.resolvedNotCommitted, compared.lostIds.size(), compared.named, invariant,
                report.longestGapBetweenAcksOf(application).toMillis(), clientErrors);
    }

    private static final class Comparison {
        final List<Long> lostIds = new ArrayList<>();
        final List<String> named = new ArrayList<>();
        final List<WriteAttempt> committedTransfers = new ArrayList<>();
        long resolvedCommitted;
        long resolvedNotCommitted;

        void lost(long id, String what) {
            lostIds.add(id);
            if (named.size() < NAMED) {
                named.add(what);
            }
        }
    }

    private static Comparison compare(Connection connection, String schema, List<WriteAttempt> attempts, boolean exact)
            throws SQLException {
        Comparison result = new Comparison();
        Map<Long, List<WriteAttempt>> byRow = new TreeMap<>();
        List<WriteAttempt> transfers = new ArrayList<>();
        for (WriteAttempt attempt : attempts) {
            if (attempt.operation() == Operation.TRANSFER) {
                transfers.add(attempt);
            } else {
                byRow.computeIfAbsent(attempt.row(), row -> new ArrayList<>()).add(attempt);
            }
        }
        Map<Long, Long> found = rows(connection, WritesTable.selectValuesTemplate(schema),
                byRow.keySet().stream().mapToLong(Long::longValue).toArray(), true);
        for (Map.Entry<Long, List<WriteAttempt>> row : byRow.entrySet()) {
            compareRow(row.getKey(), row.getValue(), found.getOrDefault(row.getKey(), ABSENT), exact, result);
        }
        Set<Long> recorded = rows(connection, WritesTable.selectTransfersTemplate(schema), transfers.stream().mapToLong(WriteAttempt::id).toArray(), false).keySet();
        for (WriteAttempt transfer : transfers) {
            boolean there = recorded.contains(transfer.id());
            switch (transfer.outcome()) {
                case ACKNOWLEDGED -> {
                    if (!there) {
                        result.lost(transfer.id(), WritesTable.TRANSFERS + " id=" + transfer.id() + ": acknowledged, missing");
                    } else {
                        result.committedTransfers.add(transfer);
                    }
                }
                case IN_DOUBT -> {
                    if (there) {
                        result.resolvedCommitted++;
                        result.committedTransfers.add(transfer);
                    } else {
                        result.resolvedNotCommitted++;
                    }
                }
                case PENDING, FAILED_BEFORE_COMMIT -> {
                    if (there && transfer.outcome() == WriteAttempt.Outcome.FAILED_BEFORE_COMMIT) {
                        result.lost(transfer.id(), WritesTable.TRANSFERS + " id=" + transfer.id() + ": failed before commit, found");
                    }
                }
            }
        }
        return result;
    }

    /**
     * One row: its acknowledged state (absent before any acknowledged write), the states its pending or
     * in-doubt write could have left, and what the server holds.
     */
    private static void compareRow(long row, List<WriteAttempt> writes, long found, boolean exact, Comparison result) {
        Long acknowledged = null; // the row's val after its last acknowledged write; ABSENT after a DELETE
        boolean doomed = false;
        Set<Long> possible = new HashSet<>();
        WriteAttempt inDoubt = null;
        for (WriteAttempt write : writes) {
            long effect = switch (write.operation()) {
                case INSERT -> 0L;
                case UPDATE -> write.id();
                case DELETE -> ABSENT;
                case TRANSFER -> throw new IllegalStateException("a transfer is no row write");
            };
            doomed |= write.doomed();
            switch (write.outcome()) {
                case ACKNOWLEDGED -> {
                    acknowledged = effect;
                    possible.clear();
                }
                case PENDING -> possible.add(effect);
                case IN_DOUBT -> {
                    possible.add(effect);
                    inDoubt = write;
                }
                case FAILED_BEFORE_COMMIT -> { }
            }
        }
        long before = acknowledged == null ? ABSENT : acknowledged;
        if (inDoubt != null) {
            long effect = inDoubt.operation() == Operation.DELETE ? ABSENT : inDoubt.operation() == Operation.UPDATE ? inDoubt.id() : 0L;
            if (found == effect || (inDoubt.operation() == Operation.INSERT && found != ABSENT)) {
                result.resolvedCommitted++;
            } else if (found == before) {
                result.resolvedNotCommitted++;
            }
        }
        if (acknowledged == null || found == before || possible.contains(found)) {
            return;
        }
        if (!exact && ((found != ABSENT && before != ABSENT && found > before) || (found == ABSENT && doomed))) {
            return; // a write made after the snapshot
        }
        result.lost(row, WritesTable.NAME + " id=" + row + ": acknowledged " + state(before) + ", found " + state(found));
    }

    private static String state(long val) {
        return val == ABSENT ? "absent" : "val=" + val;
    }

    private static TransferInvariant invariant(Connection connection, String schema, List<WriteAttempt> committed, boolean exact)
            throws SQLException {
        Map<Integer, Long> expected = new TreeMap<>();
        for (int id = 1; id <= WritesTable.ACCOUNT_ROWS; id++) {
            expected.put(id, WritesTable.INITIAL_BALANCE);
        }
        for (WriteAttempt transfer : committed) {
            expected.merge(transfer.from(), -transfer.amount(), Long::sum);
            expected.merge(transfer.to(), transfer.amount(), Long::sum);
        }
        Map<Integer, Long> balances = new TreeMap<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(WritesTable.balancesSql(schema))) {
            while (rows.next()) {
                balances.put(rows.getInt(1), rows.getLong(2));
            }
        }
        long expectedSum = WritesTable.ACCOUNT_ROWS * WritesTable.INITIAL_BALANCE;
        long foundSum = balances.values().stream().mapToLong(Long::longValue).sum();
        List<String> differences = new ArrayList<>();
        if (exact) {
            for (Map.Entry<Integer, Long> account : expected.entrySet()) {
                Long balance = balances.get(account.getKey());
                if (!account.getValue().equals(balance) && differences.size() < NAMED) {
                    differences.add("account " + account.getKey() + ": expected " + account.getValue() + ", found "
                            + (balance == null ? "absent" : balance));
                }
            }
        }
        return new TransferInvariant(foundSum == expectedSum && differences.isEmpty(), expectedSum, foundSum, differences);
    }

    /** Key to value ({@code val}, or the key again) of the rows among {@code ids}; {@code sql} has one {@code %s}. */
    private static Map<Long, Long> rows(Connection connection, String sql, long[] ids, boolean withValue) throws SQLException {
        Map<Long, Long> found = new HashMap<>();
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int from = 0; from < sorted.length; from += BATCH) {
            long[] batch = Arrays.copyOfRange(sorted, from, Math.min(sorted.length, from + BATCH));
            try (PreparedStatement select = connection.prepareStatement(String.format(sql, "?,".repeat(batch.length - 1) + "?"))) {
                for (int i = 0; i < batch.length; i++) {
                    select.setLong(i + 1, batch[i]);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getLong(1), withValue ? rows.getLong(2) : rows.getLong(1));
                    }
                }
            }
        }
        return found;
    }
}
