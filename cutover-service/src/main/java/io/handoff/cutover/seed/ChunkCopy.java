package io.handoff.cutover.seed;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * Copies one {@link Chunk} from a source session reading a consistent snapshot into a target session: the rows are
 * streamed from the source by a reader thread and written by the caller's thread in batches of up to {@code maxRows}
 * rows or about {@code maxBytes}, the way the seed's {@link WritePath} says: into MySQL by {@code LOAD DATA LOCAL
 * INFILE} from memory (the reader writes each batch as the text that statement reads, {@link LoadDataRows}), or where
 * the target does not allow that, as multi-row {@code INSERT}s prepared on the server; into MariaDB as one single-row
 * {@code INSERT} sent for the whole batch as MariaDB's bulk command ({@link #writeInBulk}). The reader reads up to
 * {@value #HANDED_BATCHES} batches ahead of the writer.
 *
 * <p>Values of character, binary, BIT and spatial columns travel as the servers store them: the source session reads
 * with {@code character_set_results = NULL} (no conversion) and each value is sent as a binary string, which the target
 * stores unconverted in a column of any character set. Numbers, dates, ENUM, SET and JSON travel as the text the source
 * prints ({@link SeedTable#selectList()}: cast to text in the connection's character set, UTF-8), as a dump's literals
 * do ({@link SeedTable.Column#bytes()} says why).
 *
 * <p>A chunk commits on the target every {@code commitRows} rows or {@code commitBytes} bytes (a chunk is planned that
 * size, but a table without an integer key is one chunk whatever its size, and estimates err), and at its end, where
 * it is marked done. A chunk not marked done may so hold part of its rows: copying it again deletes its range first
 * ({@code replace}). When the target rolls a transaction back for a deadlock or a lock wait timeout, the chunk is
 * copied again that way (up to 3 times), re-read from the same snapshot.
 */
final class ChunkCopy {
    private static final Logger LOG = Logger.getLogger(ChunkCopy.class);
    /** Copies of one chunk at most when the target reports a lock conflict. */
    private static final int ATTEMPTS = 3;
    private final int maxRows;
    private final long maxBytes;
    private final int fetchSize;
    /** Placeholders of one prepared statement at most (the servers' limit: 65,535). */
    private static final int MAX_PLACEHOLDERS = 65_535;
    /** Batches read ahead of the one being written, per chunk. */
    private static final int HANDED_BATCHES = 2;
    private final ExecutorService readers;
    private final boolean recorded;
    private final long commitRows;
    private final long commitBytes;
    private final WritePath path;
    /** The LOAD DATA buffers the writers handed back, for the readers to fill again. */
    private final SpareRows spares;

    /** What one chunk's copy wrote: rows, and the bytes of their values. */
    record Copied(long rows, long bytes) {
    }

    /**
     * @param fetchSize the source statement's fetch size that streams a result set with the source's driver
     *                  ({@code Integer.MIN_VALUE} for Connector/J, a positive batch for MariaDB Connector/J)
     * @param recorded  whether the seed keeps a {@link SeedLedger} on the target, in which each chunk is marked done
     * @param commitRows  rows after which a chunk's rows so far are committed
     * @param commitBytes bytes of values after which a chunk's rows so far are committed
     * @param readers   runs each chunk's reader, one thread per copy under way
     * @param path      how the rows are written on the target
     */
    ChunkCopy(int maxRows, long maxBytes, int fetchSize, boolean recorded, long commitRows, long commitBytes,
            ExecutorService readers, WritePath path) {
        this.readers = readers;
        this.path = path;
        this.recorded = recorded;
        this.commitRows = commitRows;
        this.commitBytes = commitBytes;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.fetchSize = fetchSize;
        this.spares = new SpareRows((int) Math.min(maxBytes + (maxBytes >> 3), 64 << 20));
    }

    /**
     * Copies {@code chunk} on {@code target} (a session without auto-commit), committed every {@code commitRows} rows or
     * {@code commitBytes} and at its end (a commit per {@code INSERT} would make the target flush its log for every one of
     * them). With {@code replace}, the rows the target holds in the chunk's range are deleted first, in its first
     * transaction. When the seed keeps a {@link SeedLedger}, the chunk is marked done in its last transaction.
     */
    Copied copy(Chunk chunk, Connection source, Connection target, SeedPace pace, boolean replace)
            throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                // A failed attempt may have committed part of the chunk: the next one deletes its range first.
                return copyOnce(chunk, source, target, pace, replace || attempt > 1);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !lockConflict(e)) {
                    throw e;
                }
                LOG.warnf("copying %s: %s (attempt %d of %d); the transaction was rolled back and the chunk is copied again",
                        chunk, e.getMessage(), attempt, ATTEMPTS);
            }
        }
    }

    /** A deadlock or lock wait timeout: the target rolled the transaction back; the chunk may be copied again. */
    private static boolean lockConflict(SQLException e) {
        return e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || "40001".equals(e.getSQLState());
    }

    private Copied copyOnce(Chunk chunk, Connection source, Connection target, SeedPace pace, boolean replace)
            throws SQLException, InterruptedException {
        try {
            if (replace) {
                // Only where it holds rows: a DELETE of an empty range takes gap locks over the table's empty stretch, on
                // which the other workers copying chunks of the same table then deadlock (a table created anew is empty).
                // A plain read sees every committed row: the seed's own sessions alone write the table.
                boolean holdsRows;
                try (Statement read = target.createStatement(); ResultSet any = read.executeQuery(chunk.anyRow())) {
                    holdsRows = any.next();
                }
                if (holdsRows) {
                    try (Statement delete = target.createStatement()) {
                        delete.executeUpdate(chunk.delete());
                    }
                }
            }
            Copied copied = copyRows(chunk, source, target, pace);
            if (recorded) {
                SeedLedger.markDone(target, chunk);
            }
            target.commit();
            return copied;
        } catch (SQLException | InterruptedException | RuntimeException e) {
            try {
                target.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /**
     * Streams the chunk's rows from {@code source} on a reader thread while this thread writes the batches it hands over
     * to {@code target}: the source reads the next batch while the target inserts the last one.
     */
    private Copied copyRows(Chunk chunk, Connection source, Connection target, SeedPace pace)
            throws SQLException, InterruptedException {
        SeedTable table = chunk.table();
        BlockingQueue<Batch> handed = new ArrayBlockingQueue<>(HANDED_BATCHES);
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<?> reading = readers.submit(() -> read(chunk, source, handed, abandoned));
        Map<Integer, PreparedStatement> inserts = new HashMap<>();
        String loadData = path == WritePath.LOAD_DATA ? LoadDataRows.statement(table) : null;
        Statement load = null;
        long rows = 0;
        long bytes = 0;
        long uncommittedRows = 0;
        long uncommittedBytes = 0;
        boolean finished = false;
        try {
            for (Batch batch = handed.take(); !batch.end(); batch = handed.take()) {
                if (batch.failure() != null) {
                    throw batch.failure();
                }
                switch (path) {
                    case LOAD_DATA -> {
                        if (load == null) {
                            load = target.createStatement();
                        }
                        LocalInfile.load(load, loadData, batch.text(), chunk);
                        spares.giveBack(batch.text());
                    }
                    case PREPARED_INSERTS -> writeOnServer(table, batch.values(), inserts, target);
                    case BULK_INSERTS -> writeInBulk(table, batch.values(), inserts, target);
                }
                pace.rowsWritten(batch.rows());
                rows += batch.rows();
                bytes += batch.bytes();
                uncommittedRows += batch.rows();
                uncommittedBytes += batch.bytes();
                if (uncommittedRows >= commitRows || uncommittedBytes >= commitBytes) {
                    target.commit();
                    uncommittedRows = 0;
                    uncommittedBytes = 0;
                }
            }
            finished = true;
        } finally {
            if (!finished) {
                abandoned.set(true);
                handed.clear();
            }
            awaitReader(reading);
            for (PreparedStatement insert : inserts.values()) {
                insert.close();
            }
            if (load != null) {
                load.close();
            }
        }
        return new Copied(rows, bytes);
    }

    /**
     * The reader thread: hands the chunk's rows over in batches of up to {@code maxRows} rows or about {@code maxBytes},
     * then the end, or a failure; stops handing over once the writer {@code abandoned} the chunk.
     */
    private void read(Chunk chunk, Connection source, BlockingQueue<Batch> handed, AtomicBoolean abandoned) {
        List<SeedTable.Column> columns = chunk.table().columns();
        int width = columns.size();
        try (Statement read = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            read.setFetchSize(fetchSize);
            try (ResultSet row = read.executeQuery(chunk.select())) {
                Filling batch = new Filling(path, spares);
                while (!abandoned.get() && row.next()) {
                    for (int column = 0; column < width; column++) {
                        batch.value(row.getBytes(column + 1), columns.get(column), column, width);
                    }
                    batch.endRow();
                    if (batch.rows() >= maxRows || batch.bytes() >= maxBytes) {
                        if (!hand(handed, batch.filled(), abandoned)) {
                            return;
                        }
                        batch = new Filling(path, spares);
                    }
                }
                if (batch.rows() > 0 && !hand(handed, batch.filled(), abandoned)) {
                    return;
                }
            }
            hand(handed, Batch.END, abandoned);
        } catch (SQLException e) {
            hand(handed, Batch.failed(e), abandoned);
        } catch (RuntimeException e) {
            hand(handed, Batch.failed(new SQLException("reading " + chunk + " failed: " + e, e)), abandoned);
        }
    }

    /** Puts {@code batch} on {@code handed}, waiting while it is full; false once the writer abandoned the chunk. */
    private static boolean hand(BlockingQueue<Batch> handed, Batch batch, AtomicBoolean abandoned) {
        try {
            while (!handed.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (abandoned.get()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the reader thread let go of the source session (it reads each chunk's result to its end). */
    private static void awaitReader(Future<?> reading) throws InterruptedException {
        try {
            reading.get();
        } catch (ExecutionException e) {
            LOG.warnf("a seed reader ended with %s", e.getCause());
        }
    }

    /**
     * What the reader hands the writer: rows and the bytes of their values, as {@code LOAD DATA} text ({@code text}) or
     * as values to bind ({@code values}: binary strings, and text as {@link String}s); or the reader's failure; or the
     * end of the chunk.
     */
    private record Batch(int rows, long bytes, List<Object[]> values, LoadDataRows text, SQLException failure, boolean end) {
        static final Batch END = new Batch(0, 0, List.of(), null, null, true);

        static Batch failed(SQLException failure) {
            return new Batch(0, 0, List.of(), null, failure, false);
        }
    }

    /** A batch the reader is filling, in the form the write path takes. */
    private static final class Filling {
        private final LoadDataRows text;
        private final List<Object[]> values;
        private Object[] row;
        private int rows;
        private long bytes;

        Filling(WritePath path, SpareRows spares) {
            boolean loadData = path == WritePath.LOAD_DATA;
            text = loadData ? spares.take() : null;
            values = loadData ? null : new ArrayList<>();
        }

        void value(byte[] value, SeedTable.Column column, int at, int width) {
            bytes += value == null ? 4 : value.length + 4;
            if (text != null) {
                text.value(value);
                return;
            }
            if (at == 0) {
                row = new Object[width];
            }
            row[at] = value == null || column.bytes() ? value : new String(value, StandardCharsets.UTF_8);
        }

        void endRow() {
            if (text != null) {
                text.endRow();
            } else {
                values.add(row);
            }
            rows++;
        }

        int rows() {
            return rows;
        }

        long bytes() {
            return bytes;
        }

        Batch filled() {
            return new Batch(rows, bytes, values, text, null, false);
        }
    }

    /** MySQL: multi-row {@code INSERT}s prepared on the server ({@link #insertOf}), at most 65,535 placeholders each. */
    private void writeOnServer(SeedTable table, List<Object[]> batch, Map<Integer, PreparedStatement> inserts,
            Connection target) throws SQLException {
        int most = Math.max(1, MAX_PLACEHOLDERS / table.columns().size());
        for (int from = 0; from < batch.size(); from += most) {
            writeAtOnce(table, batch.subList(from, Math.min(batch.size(), from + most)), inserts, target);
        }
    }

    private void writeAtOnce(SeedTable table, List<Object[]> batch, Map<Integer, PreparedStatement> inserts, Connection target)
            throws SQLException {
        PreparedStatement insert = inserts.get(batch.size());
        if (insert == null) {
            String sql = insertOf(table, batch.size());
            insert = target.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).serverPrepareStatement(sql);
            inserts.put(batch.size(), insert);
        }
        int at = 1;
        for (Object[] values : batch) {
            at = bind(insert, at, values);
        }
        insert.executeUpdate();
    }

    /**
     * MariaDB: one single-row {@code INSERT} prepared once per chunk and executed for the whole batch, which MariaDB
     * Connector/J sends as one bulk command ({@code COM_STMT_BULK_EXECUTE}, its {@code useBulkStmtsForInserts}, on by
     * default): the statement is parsed once, every value travels in the binary protocol as the bytes it is, and
     * nothing is escaped into SQL text. Binary values are cast as on MySQL ({@link #insertOf}).
     */
    private void writeInBulk(SeedTable table, List<Object[]> batch, Map<Integer, PreparedStatement> inserts, Connection target)
            throws SQLException {
        PreparedStatement insert = inserts.get(BULK);
        if (insert == null) {
            insert = target.prepareStatement(insertOf(table, 1));
            inserts.put(BULK, insert);
        }
        for (Object[] values : batch) {
            bind(insert, 1, values);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** The key of the bulk statement among a chunk's prepared statements, which are otherwise keyed by their rows. */
    private static final int BULK = 0;

    /** Binds one row's values from placeholder {@code at} on; returns the next placeholder. */
    private static int bind(PreparedStatement insert, int at, Object[] values) throws SQLException {
        for (Object value : values) {
            if (value == null) {
                insert.setNull(at++, Types.NULL);
            } else if (value instanceof byte[] bytes) {
                insert.setBytes(at++, bytes);
            } else {
                insert.setString(at++, (String) value);
            }
        }
        return at;
    }

    /**
     * The multi-row {@code INSERT} of {@code rows} rows, prepared on the server (by Connector/J, or as MariaDB's bulk
     * command): their values then travel in the binary protocol as the bytes they are, where a statement
     * Connector/J prepares itself sends every binary value as a hexadecimal literal (twice its size, encoded byte by
     * byte: most of the seed's CPU time, measured with JFR). The server takes a parameter's bytes in the connection's
     * character set, so each value of a character, binary, BIT or spatial column is cast to a binary string: stored as
     * it came, in a column of any character set, as a binary literal is. Into MariaDB the single-row statement of
     * {@link #writeInBulk} is cast the same way.
     */
    private static String insertOf(SeedTable table, int rows) {
        String row = "(" + table.columns().stream().map(column -> column.bytes() ? "CAST(? AS BINARY)" : "?")
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
        StringBuilder sql = new StringBuilder(32 + rows * (row.length() + 2)).append("INSERT INTO ").append(table.qualified())
                .append(" (").append(table.columnList()).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append(row);
        }
        return sql.toString();
    }
}
