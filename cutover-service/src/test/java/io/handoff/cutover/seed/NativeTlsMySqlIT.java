package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.NativeSession;
import com.mysql.cj.jdbc.JdbcConnection;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.cluster.Secret;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The seed's sessions on the stack's Oracle MySQL (issue 20) run TLS in BoringSSL (Conscrypt), which the server sees as
 * TLS, and the JVM's other TLS stays with JSSE.
 */
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "mysql")
class NativeTlsMySqlIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final LocalStack stack = SharedLocalStack.get();
    private final DbAccount admin = stack.accounts().admin();

    /** Connector/J as loaded by the stack's class loader (see {@link LocalInfileMySqlIT}). */
    @BeforeAll
    static void registerTheDriver() throws ClassNotFoundException {
        Class.forName("com.mysql.cj.jdbc.Driver", true, DatabaseServer.class.getClassLoader());
    }

    @Test
    void aSeedSessionRunsTlsInConscryptAndTheServerSeesTls() throws Exception {
        ClusterSpec target = cluster(stack.target());
        try (Connection session = JdbcLogin.admin(target, TIMEOUT, TIMEOUT,
                NativeTls.driverProperties(target, LocalInfile.DRIVER_PROPERTIES))) {
            assertThat(socket(session).getClass().getName()).as("the session's socket").startsWith("org.conscrypt.");
            assertThat(sessionStatus(session, "Ssl_version")).as("the protocol the server negotiated").startsWith("TLSv1.");
            assertThat(sessionStatus(session, "Ssl_cipher")).as("the cipher the server negotiated").isNotBlank();
            try (Statement sql = session.createStatement(); ResultSet row = sql.executeQuery("SELECT @@local_infile")) {
                assertThat(row.next()).isTrue();
            }
        }
        assertThat(SSLContext.getDefault().getProvider().getName()).as("the JVM's default TLS").isEqualTo("SunJSSE");
    }

    @Test
    void anyOtherSessionKeepsTheJvmsTls() throws Exception {
        ClusterSpec target = cluster(stack.target());
        NativeTls.driverProperties(target, Map.of());
        try (Connection session = JdbcLogin.admin(target, TIMEOUT, TIMEOUT)) {
            assertThat(socket(session).getClass().getName()).as("the session's socket").startsWith("sun.security.ssl.");
            assertThat(sessionStatus(session, "Ssl_version")).startsWith("TLSv1.");
        }
    }

    private ClusterSpec cluster(DatabaseServer server) {
        return new ClusterSpec("target", server.host(), server.port(), server.flavor().serverFlavor(), admin.user(),
                Secret.of(admin.password()));
    }

    private static Socket socket(Connection session) throws Exception {
        NativeSession nativeSession = (NativeSession) session.unwrap(JdbcConnection.class).getSession();
        return nativeSession.getProtocol().getSocketConnection().getMysqlSocket();
    }

    private static String sessionStatus(Connection session, String name) throws SQLException {
        try (Statement sql = session.createStatement();
                ResultSet row = sql.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            return row.next() ? row.getString(2) : "";
        }
    }
}
