package io.handoff.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.testing.LocalStackExtension;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack's application endpoints: where they listen and which server each leads to. */
@ExtendWith(LocalStackExtension.class)
class StackRdsIT {

    @Test
    void eachClustersEndpointListensOnItsOwnAddressOnOneSharedPortAndLeadsToItsServer(LocalStack stack) throws SQLException {
        InetSocketAddress source = stack.rds().applicationEndpoint(StackRds.SOURCE_CLUSTER_ID);
        InetSocketAddress target = stack.rds().applicationEndpoint(StackRds.TARGET_CLUSTER_ID);

        assertThat(source.getAddress().getHostAddress()).isEqualTo(StackRds.SOURCE_ENDPOINT_HOST);
        assertThat(target.getAddress().getHostAddress()).isEqualTo(StackRds.TARGET_ENDPOINT_HOST);
        assertThat(source.getPort()).isEqualTo(target.getPort());
        assertThat(stack.coordinates().source().endpointHost()).isEqualTo(StackRds.SOURCE_ENDPOINT_HOST);
        assertThat(stack.coordinates().target().endpointPort()).isEqualTo(target.getPort());
        assertThat(serverIdThrough(source, stack.accounts().app())).isEqualTo(serverId(stack.source()));
        assertThat(serverIdThrough(target, stack.accounts().app())).isEqualTo(serverId(stack.target()));
    }

    private static long serverIdThrough(InetSocketAddress endpoint, DbAccount account) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", account.user());
        properties.setProperty("password", account.password());
        properties.setProperty("allowPublicKeyRetrieval", "true");
        properties.setProperty("connectTimeout", "5000");
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + endpoint.getAddress().getHostAddress() + ":"
                + endpoint.getPort() + "/", properties)) {
            return serverId(connection);
        }
    }

    private static long serverId(DatabaseServer server) throws SQLException {
        try (Connection connection = server.connect(SharedLocalStack.get().accounts().admin())) {
            return serverId(connection);
        }
    }

    private static long serverId(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("SELECT @@server_id")) {
            row.next();
            return row.getLong(1);
        }
    }
}
