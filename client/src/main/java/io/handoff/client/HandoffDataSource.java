package io.handoff.client;

import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that follows its application's master by the planner's events instead of waiting for DNS.
 *
 * <p>It starts at the application's usual endpoint (normally its DNS name) and follows
 * {@code GET {planner}/applications/{application}/events}:
 * <ul>
 *   <li>{@code FENCE_STARTED}: what would start a transaction (a statement with autocommit off and no transaction open)
 *       is <em>held</em> at once, since the fence's kill would cut the transaction short. Autocommit statements go on
 *       (each first pings its session) until the old master shows the fence reached it: it refuses a statement as
 *       read-only, or its session was killed; from then on every statement and {@link #getConnection()} is held. A
 *       hold lasts at most the hold budget (default 5 s) after the fence started; a statement still held then fails
 *       with {@link HeldTooLongException}, and was not sent. The new master's pool is made at once.</li>
 *   <li>{@code MASTER_WRITABLE}: new connections go to the new master's endpoint named in the event (not DNS), held
 *       statements are released there, and the old master's pool is closed once its last borrowed connection is
 *       given back.</li>
 *   <li>{@code ROLLED_BACK}: held statements are released to the old master, which is writable again.</li>
 * </ul>
 * Events are applied in {@code (fencingEpoch, kind)} order: one not newer than the last applied (replayed, duplicated,
 * late) changes nothing. A FENCE_STARTED older than the budget holds nothing.
 *
 * <p>A connection from here is the application's for as long as it keeps it; between two of its statements the library
 * replaces the physical connection under it with a fresh one from the current master's pool when a flip moved the
 * master or ended a fence (the fence may have killed its session), provided no transaction is open on it (autocommit
 * on, or off with no statement since the last commit or rollback). The application's connection settings and its
 * statements' settings and parameters are applied again to the new ones.
 *
 * <p><b>What is retried, exactly</b>: one case only, once. A statement that the server refused with the read-only
 * error (1290 ER_OPTION_PREVENTS_STATEMENT, 1836 ER_READ_ONLY_MODE), sent outside a transaction (autocommit on, or the
 * first statement of a transaction): the server refused it before it ran, so it changed nothing. It is run again on
 * a fresh connection to the master once a fence ended (MASTER_WRITABLE or ROLLED_BACK), waiting at most the hold
 * budget; without such an event in time the refusal surfaces as the server sent it. Everything else surfaces to
 * the application untouched, as it would without the library: a connection that broke during a statement (its
 * outcome is unknown), a killed session, any error inside a transaction, any other error.
 *
 * <p><b>Without the planner</b> (unreachable, refusing the login, the stream ended): the data source goes on as a
 * plain data source at the endpoint it last followed (its DNS name before any event), logs why once per outage, tries
 * again in the background, and never holds a statement longer than the budget.
 *
 * <p>Thread-safe. Its connections, like any JDBC connection, are used by one thread at a time.
 */
public final class HandoffDataSource implements DataSource, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HandoffDataSource.class.getName());
    /** How long a statement is held while a fence runs, when the builder does not say. */
    public static final Duration DEFAULT_HOLD_BUDGET = Duration.ofSeconds(5);

    private final String application;
    private final MasterRoute route;
    private final Pools pools;
    private final EventFollower follower;
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong swapped = new AtomicLong();

    private HandoffDataSource(Builder builder) {
        this.application = builder.application;
        this.route = new MasterRoute(builder.application, builder.initial, builder.holdBudget);
        this.pools = new Pools(builder.pools);
        this.follower = new EventFollower(builder.planner, builder.application, builder.authorization, this::apply,
                () -> route.now().endpoint().toString());
    }

    public static Builder builder() {
        return new Builder();
    }

    private void apply(MasterEvent event) {
        java.time.Instant now = Clock.systemUTC().instant();
        if (!route.apply(event, now)) {
            return;
        }
        LOG.log(Level.INFO, "handoff: application {0}: {1} of plan {2} (epoch {3}, {4} ms after it happened): {5}",
                application, event.kind(), event.planId(), event.fencingEpoch(),
                Long.toString(java.time.Duration.between(event.occurredAt(), now).toMillis()), switch (event.kind()) {
                    case FENCE_STARTED -> "holding writes while " + event.source() + " is fenced; new master "
                            + event.target();
                    case MASTER_WRITABLE -> "writes go to " + event.target();
                    case ROLLED_BACK -> "writes go to " + event.source() + " again";
                });
        if (event.kind() == MasterEvent.Kind.FENCE_STARTED) {
            pools.prepare(event.target());
        } else {
            pools.retireAllBut(event.master());
        }
    }

    /**
     * A connection to the current master, after any fence in progress ended (held at most the budget).
     *
     * @throws HeldTooLongException when a fence held the request longer than the budget (nothing was sent)
     */
    @Override
    public Connection getConnection() throws SQLException {
        MasterRoute.Snapshot at = route.awaitOpen(false);
        Connection physical;
        try {
            physical = pools.borrow(at.endpoint());
        } catch (SQLException e) {
            // Opening a connection sends no statement: once more after the fence in progress (an account-lock fence
            // refuses logins) or the move that came meanwhile, never twice.
            MasterRoute.Snapshot now = route.fenceInProgress() ? route.awaitSettled(at.settled()) : route.now();
            if (now == null || now.settled() == at.settled()) {
                throw e;
            }
            at = now;
            physical = pools.borrow(at.endpoint());
        }
        return FollowingConnection.wrap(this, physical, at);
    }

    /** Not offered: the pools the factory makes log in with their own credentials. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("handoff: the pools log in with their own credentials");
    }

    /** What it did so far. */
    public Stats stats() {
        return route.stats(retried.get(), swapped.get(), follower.connected());
    }

    /** Stops following the events and closes every pool. */
    @Override
    public void close() {
        follower.close();
        pools.close();
    }

    String application() {
        return application;
    }

    MasterRoute route() {
        return route;
    }

    Pools pools() {
        return pools;
    }

    void retried() {
        retried.incrementAndGet();
    }

    void swapped() {
        swapped.incrementAndGet();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // The pools the factory makes have their own.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The pools the factory makes have their own.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("handoff: not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "HandoffDataSource[" + application + " at " + route.now().endpoint() + "]";
    }

    /** Builds a {@link HandoffDataSource}; {@link #build()} starts following the events. */
    public static final class Builder {
        private URI planner;
        private String application;
        private Endpoint initial;
        private Function<Endpoint, DataSource> pools;
        private Duration holdBudget = DEFAULT_HOLD_BUDGET;
        private Supplier<String> authorization = () -> null;

        private Builder() {
        }

        /** The planner's base URI, e.g. {@code http://planner:8080}. */
        public Builder planner(URI uri) {
            this.planner = Objects.requireNonNull(uri, "planner");
            return this;
        }

        /** The application's name, as plans name it. */
        public Builder application(String name) {
            this.application = Objects.requireNonNull(name, "application");
            return this;
        }

        /** Where the application connects before any event (normally its DNS name and port). */
        public Builder initial(Endpoint endpoint) {
            this.initial = Objects.requireNonNull(endpoint, "initial");
            return this;
        }

        /** Makes the pool (or plain data source) for an endpoint: e.g. a HikariDataSource with that host and port. */
        public Builder pools(Function<Endpoint, DataSource> factory) {
            this.pools = Objects.requireNonNull(factory, "pools");
            return this;
        }

        /** How long a statement may be held while a fence runs (default 5 s). */
        public Builder holdBudget(Duration budget) {
            if (budget == null || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("holdBudget must be positive");
            }
            this.holdBudget = budget;
            return this;
        }

        /** HTTP basic authentication at the planner (a user with the role {@code application}). */
        public Builder basicAuth(String user, String password) {
            String header = "Basic " + Base64.getEncoder().encodeToString((Objects.requireNonNull(user, "user") + ":"
                    + Objects.requireNonNull(password, "password")).getBytes(StandardCharsets.UTF_8));
            this.authorization = () -> header;
            return this;
        }

        /** A bearer token at the planner, asked for at each (re)connection. */
        public Builder bearerToken(Supplier<String> token) {
            Objects.requireNonNull(token, "token");
            this.authorization = () -> "Bearer " + token.get();
            return this;
        }

        /** @throws IllegalStateException naming what is missing */
        public HandoffDataSource build() {
            if (planner == null || application == null || initial == null || pools == null) {
                throw new IllegalStateException("planner, application, initial and pools are required");
            }
            HandoffDataSource source = new HandoffDataSource(this);
            source.follower.start();
            return source;
        }
    }
}
