package io.handoff.planner.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The dashboard's signed-in sessions, in this planner's memory only: a restart (or a second planner) signs
 * everybody out. A session carries the user name and roles its sign-in found, so a request with its cookie
 * acts with exactly the identity of that sign-in. It ends after {@code handoff.dashboard.session.idle-timeout}
 * without use, {@code max-age} after the sign-in, or at sign-out.
 * <p>
 * Thread-safety: called from the HTTP event loops concurrently; each session is replaced atomically.
 */
@ApplicationScoped
public class DashboardSessions {
    /** 32 bytes: a session id has 256 random bits. */
    private static final int ID_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentMap<String, DashboardSession> sessions = new ConcurrentHashMap<>();
    private final DashboardConfig.Session config;
    private final DashboardClock clock;

    public DashboardSessions(DashboardConfig config, DashboardClock clock) {
        this.config = config.session();
        this.clock = clock;
    }

    /** One sign-in's session; {@code id} is the cookie's value and must never be logged. */
    public record DashboardSession(String id, String user, Set<String> roles, Instant signedInAt, Instant lastUsedAt) {
        @Override
        public String toString() {
            return "DashboardSession[user=" + user + ", roles=" + roles + ", signedInAt=" + signedInAt + "]";
        }
    }

    /** Starts a session for {@code user} with {@code roles}; also forgets the sessions that have ended. */
    public DashboardSession open(String user, Set<String> roles) {
        Instant now = clock.now();
        sessions.values().removeIf(session -> ended(session, now));
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        DashboardSession session = new DashboardSession(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                user, Set.copyOf(roles), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of this id, now marked used; empty (and forgotten) when it has ended or never existed. */
    public Optional<DashboardSession> use(String id) {
        Instant now = clock.now();
        return Optional.ofNullable(sessions.computeIfPresent(id, (key, session) -> ended(session, now) ? null
                : new DashboardSession(session.id(), session.user(), session.roles(), session.signedInAt(), now)));
    }

    /** Ends the session of this id, if any. */
    public void close(String id) {
        sessions.remove(id);
    }

    /** How long a cookie of a new session should live. */
    public Duration maxAge() {
        return config.maxAge();
    }

    private boolean ended(DashboardSession session, Instant now) {
        return !now.isBefore(session.lastUsedAt().plus(config.idleTimeout()))
                || !now.isBefore(session.signedInAt().plus(config.maxAge()));
    }
}
