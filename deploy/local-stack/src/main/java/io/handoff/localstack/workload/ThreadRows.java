package io.handoff.localstack.workload;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The rows one writer thread owns (inserted and acknowledged, not deleted, not frozen) and the choice of its
 * next write. With {@link WorkloadApplication.Mix#MIXED}, out of every ten attempts: six INSERTs (one in three
 * of their rows doomed: deleted later), two UPDATEs of the longest untouched owned row, one DELETE of a doomed
 * row, one TRANSFER between two of the {@link WritesTable#ACCOUNT_ROWS} accounts; an UPDATE or DELETE without a
 * row to write becomes an INSERT. With {@link WorkloadApplication.Mix#INSERTS}, INSERTs only. Writer thread only.
 */
final class ThreadRows {
    private record Owned(long row, long val, boolean doomed) {
    }

    private final WorkloadApplication.Mix mix;
    private final Deque<Owned> owned = new ArrayDeque<>();
    private long attempts;
    private long inserts;

    ThreadRows(WorkloadApplication.Mix mix) {
        this.mix = mix;
    }

    WriteAttempt next(long id, WorkloadApplication application, int thread, String server, Instant sentAt) {
        long slot = attempts++ % 10;
        if (mix == WorkloadApplication.Mix.MIXED) {
            if ((slot == 5 || slot == 6) && !owned.isEmpty()) {
                Owned row = owned.peekFirst();
                return attempt(id, application, thread, Operation.UPDATE, row.row(), row.val(), row.doomed(), 0, 0, 0, server,
                        sentAt);
            }
            if (slot == 7) {
                for (Owned row : owned) {
                    if (row.doomed()) {
                        return attempt(id, application, thread, Operation.DELETE, row.row(), row.val(), true, 0, 0, 0, server,
                                sentAt);
                    }
                }
            }
            if (slot == 8) {
                int from = (int) (id % WritesTable.ACCOUNT_ROWS) + 1;
                int to = (int) ((id / WritesTable.ACCOUNT_ROWS) % (WritesTable.ACCOUNT_ROWS - 1) + from) % WritesTable.ACCOUNT_ROWS + 1;
                return attempt(id, application, thread, Operation.TRANSFER, id, 0, false, from, to, 1 + id % 97, server, sentAt);
            }
        }
        boolean doomed = mix == WorkloadApplication.Mix.MIXED && inserts++ % 3 == 0;
        return attempt(id, application, thread, Operation.INSERT, id, 0, doomed, 0, 0, 0, server, sentAt);
    }

    /** The attempt was acknowledged: the thread's picture of its rows follows. */
    void applied(WriteAttempt attempt) {
        switch (attempt.operation()) {
            case INSERT -> owned.addLast(new Owned(attempt.row(), 0, attempt.doomed()));
            case UPDATE -> {
                remove(attempt.row());
                owned.addLast(new Owned(attempt.row(), attempt.id(), attempt.doomed()));
            }
            case DELETE -> remove(attempt.row());
            case TRANSFER -> {
                // Balances are shared by the application's threads; the reconciliation sums the transfers.
            }
        }
    }

    /** The row's state is unknown to the thread (its last write in doubt, or it was not there): never written again. */
    void freeze(long row) {
        remove(row);
    }

    private void remove(long row) {
        for (Iterator<Owned> it = owned.iterator(); it.hasNext();) {
            if (it.next().row() == row) {
                it.remove();
                return;
            }
        }
    }

    private static WriteAttempt attempt(long id, WorkloadApplication application, int thread, Operation operation, long row,
            long previous, boolean doomed, int from, int to, long amount, String server, Instant sentAt) {
        return new WriteAttempt(id, application.name(), thread, operation, row, previous, doomed, from, to, amount, server,
                sentAt, null, WriteAttempt.Outcome.PENDING);
    }
}
