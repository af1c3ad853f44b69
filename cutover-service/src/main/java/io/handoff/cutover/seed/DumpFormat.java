package io.handoff.cutover.seed;

import io.handoff.common.sql.SqlDialect;
import io.handoff.cutover.cluster.ClusterSession;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the dump programs' families (MariaDB's {@code mariadb-dump}, Oracle MySQL's
 * {@code mysqldump}) when a consistent dump seeds a replica: the options that write the dump's GTID
 * position into it, where and how it is written, which targets can take it, and what the target needs
 * before and after the load for replication to start right after the dump. Chosen by the source's dialect
 * ({@link #of(SqlDialect)}); callers never ask which family they hold.
 */
public sealed interface DumpFormat permits MariaDbDumpFormat, MySqlDumpFormat {

    /** The family whose dump program reads a server of {@code source}'s dialect: its GTIDs decide (Aurora MySQL: MySQL's). */
    static DumpFormat of(SqlDialect source) {
        return source.domainGtids() ? MariaDbDumpFormat.INSTANCE : MySqlDumpFormat.INSTANCE;
    }

    /**
     * The dump program's options for one consistent transaction whose GTID position is written into the
     * dump as a comment (nothing that changes the loading server's GTID state runs uncommented).
     */
    List<String> positionOptions();

    /** The dump program's options that keep every GTID statement and comment out of a dump (definitions alone). */
    List<String> withoutPositionOptions();

    /**
     * The query that reads the server's GTID position, normalised by {@link #normalisedPosition}: run while the
     * server's commits are blocked ({@code FLUSH TABLES WITH READ LOCK}), it is the position of every consistent
     * snapshot opened under the same lock (MariaDB: {@code @@gtid_binlog_pos}; MySQL: {@code @@gtid_executed}).
     */
    String positionQuery();

    /** What {@link #positionQuery} answered, as {@link #position} gives a dump's position (no blanks or line breaks). */
    default String normalisedPosition(String answer) {
        return answer == null ? "" : answer.replaceAll("\\s+", "");
    }

    /** Options both programs of the family need to log in over TCP (MySQL: the RSA key when there is no TLS). */
    List<String> loginOptions();

    /**
     * The GTID position in a dump's first or last bytes, normalised (no blanks or line breaks); empty when
     * neither holds one, {@code ""} when the source had written no GTID.
     */
    Optional<String> position(String head, String tail);

    /**
     * Why a dump in this format cannot seed a target of {@code target}'s dialect for replication from its
     * source; empty when it can: when the target's GTIDs are of this format's family. Decided from the dialects
     * alone, before anything is read or changed.
     */
    default Optional<String> refusal(SqlDialect target) {
        return of(target) == this ? Optional.empty() : Optional.of(whyNot(target));
    }

    /** Why a dump in this format cannot seed {@code target}, a server of the other family. */
    String whyNot(SqlDialect target);

    /**
     * How the target takes the dump, decided by {@link #checkTarget} before anything is changed.
     *
     * @param binlogged            the load is written to the target's binlog, with GTIDs of the target's own
     *                             (its account may not switch binlogging off: Aurora MySQL's master user);
     *                             {@link #completeTarget} then reconciles both servers' GTID history
     * @param targetExecutedBefore the target's {@code gtid_executed} before the load, normalised ("" when not binlogged)
     * @param targetUuid           the target's {@code server_uuid}, whose GTIDs the load creates ("" when not binlogged)
     */
    record Load(boolean binlogged, String targetExecutedBefore, String targetUuid) {
        /** Loaded with binlogging off: no GTID of the target's own. */
        public static final Load UNLOGGED = new Load(false, "", "");
    }

    /**
     * Checks, before anything is changed, that the target can take the dump and record its position, and
     * decides how ({@link Load}); reads the source's GTID state where needed, and checks what the source's
     * account must be allowed to do afterwards.
     *
     * @throws Refused naming what is missing; nothing was changed
     */
    Load checkTarget(ClusterSession source, ClusterSession target, Collection<String> schemas) throws Refused, SQLException;

    /**
     * The loader's input for a load of this kind: what must not reach the loader is left out of the dump (a
     * binlogged MySQL load: the dump's own {@code SET @@SESSION.SQL_LOG_BIN}, which the account may not run).
     */
    default OutputStream loaderInput(Load load, OutputStream loader) {
        return loader;
    }

    /**
     * Makes the loaded target's GTID state start replication right after the dump at {@code position}
     * (the position {@link #position} read), and, for a {@linkplain Load#binlogged() binlogged} load, makes
     * both servers agree on the GTIDs the load created. Run only after a complete load; safe to repeat.
     *
     * @return the GTIDs of the target's own that the load created, normalised ("" when it created none)
     * @throws Refused when the target's GTID state shows transactions its source never wrote
     */
    String completeTarget(ClusterSession source, ClusterSession target, String position, Load load) throws Refused, SQLException;

    /** The target cannot be seeded this way; the message says why and what to do instead. Nothing was changed. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String next;

        public Refused(String message, String next) {
            super(message);
            this.next = next;
        }

        /** What the operator can do instead. */
        public String next() {
            return next;
        }
    }
}
