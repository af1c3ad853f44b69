package io.handoff.localstack.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WriteLoopTest {
    private static final WriteLoop.Pacing PACING = new WriteLoop.Pacing(Duration.ofMillis(1), Duration.ofMillis(1));

    /** A JDBC session that only knows whether it is closed: the loop's writes here do not touch it. */
    private record Session(Connection connection, AtomicBoolean closed) {
        static Session open() {
            AtomicBoolean closed = new AtomicBoolean();
            Connection connection = (Connection) Proxy.newProxyInstance(WriteLoopTest.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> {
                            closed.set(true);
                            yield null;
                        }
                        case "isClosed" -> closed.get();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return new Session(connection, closed);
        }
    }

    private record Ended(long attempt, boolean acknowledged) {
    }

    @Test
    void numbersEveryAttemptAndLogsInAgainAfterAFailure() throws Exception {
        List<Session> sessions = new CopyOnWriteArrayList<>();
        List<Ended> ended = new CopyOnWriteArrayList<>();
        WriteLoop loop = WriteLoop.start("write-loop-test", () -> {
            Session session = Session.open();
            sessions.add(session);
            return session.connection();
        }, (connection, attempt) -> {
            if (attempt == 3) {
                throw new SQLException("killed");
            }
        }, (attempt, startedAt, acknowledged) -> ended.add(new Ended(attempt, acknowledged)), PACING);
        try (loop) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ended.size() >= 5);
        }

        assertThat(ended.subList(0, 5)).containsExactly(new Ended(1, true), new Ended(2, true), new Ended(3, false),
                new Ended(4, true), new Ended(5, true));
        assertThat(sessions).hasSize(2).allMatch(session -> session.closed().get());
    }

    @Test
    void aFailedLoginIsAFailedAttempt() throws Exception {
        List<Ended> ended = new CopyOnWriteArrayList<>();
        WriteLoop loop = WriteLoop.start("write-loop-test", () -> {
            throw new SQLException("refused");
        }, (connection, attempt) -> {
        }, (attempt, startedAt, acknowledged) -> ended.add(new Ended(attempt, acknowledged)), PACING);
        try (loop) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ended.size() >= 2);
        }

        assertThat(ended.subList(0, 2)).containsExactly(new Ended(1, false), new Ended(2, false));
    }
}
