package io.handoff.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcLogoutTest {

    @Test
    void noSessionIsNothingToClose() {
        assertThat(JdbcLogout.quietly(null)).isEmpty();
    }

    @Test
    void aSessionThatCannotBeClosedIsReportedNotThrown() {
        SQLException broken = new SQLException("connection reset", "08S01");
        Connection session = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    throw "close".equals(method.getName()) ? broken : new UnsupportedOperationException(method.getName());
                });

        assertThat(JdbcLogout.quietly(session)).containsSame(broken);
    }
}
