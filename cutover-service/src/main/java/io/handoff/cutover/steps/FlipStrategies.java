package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.steps.StepFailedException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a flip makes a server refuse application writes and ends application sessions, as the command's
 * {@link StepParams#STRATEGIES} map {readOnly, kill} names them; {@code global} and {@code kill} when
 * absent (servers where the administrative account has SUPER).
 *
 * @param readOnly how writes are refused
 * @param kill     how sessions are ended
 */
record FlipStrategies(ReadOnly readOnly, Kill kill) {
    static final FlipStrategies DEFAULT = new FlipStrategies(ReadOnly.GLOBAL, Kill.KILL);

    /** The read-only strategies. */
    enum ReadOnly {
        /** {@code SET GLOBAL read_only} (with {@code super_read_only} on MySQL 8). */
        GLOBAL("global"),
        /**
         * {@code ALTER USER ... ACCOUNT LOCK} of every application account, then their sessions killed
         * with the kill strategy ({@link AccountLock}).
         */
        ACCOUNT_LOCK("account-lock"),
        /**
         * Swap the cluster's VPC security groups to its restricted group through the RDS API, then kill the
         * open sessions with the kill strategy ({@link io.handoff.cutover.rds.SecurityGroupSwap}).
         */
        SECURITY_GROUP_SWAP("security-group-swap"),
        /**
         * {@code CALL mysql.rds_set_read_only(1)} (Aurora MySQL 3.06+): {@code read_only} set through the procedure,
         * for an administrative account that may neither set it nor write past it; no account is locked and no
         * session killed by it ({@link ReadOnlySwitch}).
         */
        RDS_READ_ONLY("rds-read-only"),
        /**
         * The server's own read-only switch by the means its administrative account has: {@link #RDS_READ_ONLY}
         * where the dialect has {@code mysql.rds_set_read_only} (Aurora MySQL 3.06+), else {@link #GLOBAL}. What a
         * MySQL -> Aurora plan uses, since one plan fences both kinds of server (the old master on the way, the
         * new master on the way back).
         */
        AUTO("auto");

        final String name;

        ReadOnly(String name) {
            this.name = name;
        }

        /** The strategy this one stands for on a server of {@code dialect}: itself, except {@link #AUTO}. */
        ReadOnly on(io.handoff.common.sql.SqlDialect dialect) {
            if (this != AUTO) {
                return this;
            }
            return dialect.readOnlyProcedure().isPresent() ? RDS_READ_ONLY : GLOBAL;
        }
    }

    /** The kill strategies. */
    enum Kill {
        /** {@code KILL CONNECTION} as the administrative account (the flavor's kill: {@code mysql.rds_kill} on Aurora). */
        KILL("kill"),
        /**
         * {@code CALL mysql.rds_kill(id)} on Aurora/RDS, where the master user may not KILL another account's
         * session; on a self-managed flavor, which has no {@code mysql.rds_kill}, the plain {@code KILL CONNECTION}.
         */
        RDS_KILL("rds-kill"),
        /** As each user whose sessions must end, from a session of its own ({@link SessionKiller}). */
        PER_USER("per-user");

        final String name;

        Kill(String name) {
            this.name = name;
        }
    }

    /** The names PRECHECK reports. */
    static List<String> readOnlyNames() {
        return Arrays.stream(ReadOnly.values()).map(strategy -> strategy.name).toList();
    }

    static List<String> killNames() {
        return Arrays.stream(Kill.values()).map(strategy -> strategy.name).toList();
    }

    /** The strategies of the command, checked; an unknown name is a terminal failure that changed nothing. */
    static FlipStrategies of(StepArguments args) throws StepFailedException {
        StepParameters.Strategies given = args.strategies();
        String readOnly = given == null || given.readOnly() == null ? DEFAULT.readOnly.name : given.readOnly();
        String kill = given == null || given.kill() == null ? DEFAULT.kill.name : given.kill();
        ReadOnly r = Arrays.stream(ReadOnly.values()).filter(s -> s.name.equals(readOnly)).findFirst()
                .orElseThrow(() -> args.invalid(StepParams.STRATEGIES, "naming an unknown read-only strategy '" + readOnly
                        + "' (one of " + readOnlyNames() + ")"));
        Kill k = Arrays.stream(Kill.values()).filter(s -> s.name.equals(kill)).findFirst()
                .orElseThrow(() -> args.invalid(StepParams.STRATEGIES, "naming an unknown kill strategy '" + kill
                        + "' (one of " + killNames() + ")"));
        return new FlipStrategies(r, k);
    }
}
