package io.handoff.cutover.seed;

import io.handoff.common.cluster.ServerFlavor;
import io.handoff.cutover.cluster.ClusterSession;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the dump programs' families (MariaDB's {@code mariadb-dump}, Oracle MySQL's
 * {@code mysqldump}) when a consistent dump seeds a replica: the options that write the dump's GTID
 * position into it, where and how it is written, which targets can take it, and what the target needs
 * before and after the load for replication to start right after the dump. Chosen by the source's flavor
 * ({@link #of(ServerFlavor)}); callers never ask which family they hold.
 */
public sealed interface DumpFormat permits MariaDbDumpFormat, MySqlDumpFormat {

    /** The family whose dump program reads a server of {@code source}'s flavor (Aurora MySQL: MySQL's). */
    static DumpFormat of(ServerFlavor source) {
        return switch (source) {
            case MARIADB -> MariaDbDumpFormat.INSTANCE;
            case MYSQL_8, AURORA_MYSQL -> MySqlDumpFormat.INSTANCE;
        };
    }

    /**
     * The dump program's options for one consistent transaction whose GTID position is written into the
     * dump as a comment (nothing that changes the loading server's GTID state runs uncommented).
     */
    List<String> positionOptions();

    /** Options both programs of the family need to log in over TCP (MySQL: the RSA key when there is no TLS). */
    List<String> loginOptions();

    /**
     * The GTID position in a dump's first or last bytes, normalised (no blanks or line breaks); empty when
     * neither holds one, {@code ""} when the source had written no GTID.
     */
    Optional<String> position(String head, String tail);

    /**
     * Why a dump in this format cannot seed a target of {@code target}'s flavor for replication from its
     * source; empty when it can. Decided from the flavors alone, before anything is read or changed.
     */
    Optional<String> refusal(ServerFlavor target);

    /**
     * Checks, before anything is changed, that the target can take the dump without creating GTIDs of its
     * own and can record the dump's position; reads the source's GTID state where needed.
     *
     * @throws Refused naming what is missing; nothing was changed
     */
    void checkTarget(ClusterSession source, ClusterSession target) throws Refused, SQLException;

    /**
     * Makes the loaded target's GTID state start replication right after the dump at {@code position}
     * (the position {@link #position} read). Run only after a complete load; safe to repeat.
     *
     * @throws Refused when the target's GTID state shows transactions its source never wrote
     */
    void completeTarget(ClusterSession target, String position) throws Refused, SQLException;

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
