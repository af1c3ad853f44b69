package io.handoff.rdsemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * Drives the emulator with the unchanged AWS SDK v2 {@code RdsClient} and checks what its application
 * endpoint admits, in front of a line-echo server standing for the database.
 */
class RdsEmulatorIT {
    private static final String CLUSTER = "handoff-target";

    private ServerSocket backend;
    private RdsEmulator emulator;
    private RdsClient rds;

    @BeforeEach
    void start() throws IOException {
        backend = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread echo = new Thread(this::echo, "echo-backend");
        echo.setDaemon(true);
        echo.start();
        emulator = RdsEmulator.start(RdsEmulatorConfig.builder()
                .transitionDelay(Duration.ofMillis(400))
                .securityGroup("sg-apps", true).securityGroup("sg-restricted", false)
                .cluster(ClusterDefinition.auroraMysql(CLUSTER, (InetSocketAddress) backend.getLocalSocketAddress(), List.of("sg-apps")))
                .build());
        rds = RdsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() throws IOException {
        rds.close();
        emulator.close();
        backend.close();
    }

    @Test
    void swappingToTheRestrictedGroupIsModifyingThenActiveAndThenTheEndpointRefusesNewConnectionsButKeepsOldOnes()
            throws IOException {
        DBCluster before = describe();
        assertThat(before.status()).isEqualTo("available");
        assertThat(before.endpoint()).isEqualTo("127.0.0.1");
        assertThat(before.port()).isEqualTo(emulator.applicationEndpoint(CLUSTER).getPort());
        assertThat(before.dbClusterArn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:cluster:" + CLUSTER);
        assertThat(before.vpcSecurityGroups()).extracting(VpcSecurityGroupMembership::vpcSecurityGroupId, VpcSecurityGroupMembership::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sg-apps", "active"));

        try (Socket established = new Socket()) {
            established.connect(emulator.applicationEndpoint(CLUSTER), 2_000);
            assertThat(roundTrip(established, "before")).isEqualTo("before");

            DBCluster accepted = rds.modifyDBCluster(b -> b.dbClusterIdentifier(CLUSTER).vpcSecurityGroupIds("sg-restricted")
                    .applyImmediately(true)).dbCluster();

            assertThat(accepted.status()).isEqualTo("modifying");
            assertThat(accepted.vpcSecurityGroups()).extracting(VpcSecurityGroupMembership::status).containsExactly("adding", "removing");
            assertThatThrownBy(() -> rds.modifyDBCluster(b -> b.dbClusterIdentifier(CLUSTER).vpcSecurityGroupIds("sg-apps")))
                    .isInstanceOf(InvalidDbClusterStateException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> describe().status().equals("available"));
            assertThat(describe().vpcSecurityGroups()).extracting(VpcSecurityGroupMembership::vpcSecurityGroupId,
                    VpcSecurityGroupMembership::status).containsExactly(org.assertj.core.groups.Tuple.tuple("sg-restricted", "active"));

            assertThat(connects()).as("a new application connection while restricted").isFalse();
            assertThat(roundTrip(established, "still")).as("an established connection survives").isEqualTo("still");
        }

        rds.modifyDBCluster(b -> b.dbClusterIdentifier(CLUSTER).vpcSecurityGroupIds("sg-apps").applyImmediately(true));
        await().atMost(Duration.ofSeconds(5)).until(() -> describe().status().equals("available"));
        assertThat(connects()).isTrue();
        assertThat(emulator.callsByAction()).containsKeys("DescribeDBClusters", "ModifyDBCluster");
    }

    @Test
    void aClusterSnapshotIsCreatingThenAvailableAndItsIdentifierIsTaken() {
        DBClusterSnapshot created = rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier(CLUSTER)
                .dbClusterSnapshotIdentifier("handoff-plan-1-4-snapshot")).dbClusterSnapshot();

        assertThat(created.status()).isEqualTo("creating");
        assertThat(created.dbClusterSnapshotArn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:handoff-plan-1-4-snapshot");
        await().atMost(Duration.ofSeconds(5)).until(() -> rds.describeDBClusterSnapshots(b -> b
                .dbClusterSnapshotIdentifier("handoff-plan-1-4-snapshot")).dbClusterSnapshots().get(0).status().equals("available"));
        DBClusterSnapshot listed = rds.describeDBClusterSnapshots(b -> b.dbClusterIdentifier(CLUSTER)).dbClusterSnapshots().get(0);
        assertThat(listed.dbClusterIdentifier()).isEqualTo(CLUSTER);
        assertThat(listed.percentProgress()).isEqualTo(100);
        assertThat(listed.snapshotCreateTime()).isNotNull();
        assertThatThrownBy(() -> rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier(CLUSTER)
                .dbClusterSnapshotIdentifier("handoff-plan-1-4-snapshot"))).isInstanceOf(DbClusterSnapshotAlreadyExistsException.class);
        assertThatThrownBy(() -> rds.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier("none")))
                .isInstanceOf(DbClusterSnapshotNotFoundException.class);
    }

    @Test
    void errorsReachTheSdkAsTheirModelledExceptions() {
        assertThatThrownBy(() -> rds.describeDBClusters(b -> b.dbClusterIdentifier("nope")))
                .isInstanceOf(DbClusterNotFoundException.class)
                .satisfies(e -> assertThat(((DbClusterNotFoundException) e).statusCode()).isEqualTo(404))
                .satisfies(e -> assertThat(((DbClusterNotFoundException) e).awsErrorDetails().errorCode())
                        .isEqualTo("DBClusterNotFoundFault"));
        emulator.throttleNextCalls(2);
        assertThat(describe().status()).as("the SDK retries throttling").isEqualTo("available");
    }

    private DBCluster describe() {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(CLUSTER)).dbClusters().get(0);
    }

    /** Whether a new connection through the endpoint is relayed (an echo comes back). */
    private boolean connects() {
        try (Socket socket = new Socket()) {
            socket.connect(emulator.applicationEndpoint(CLUSTER), 2_000);
            socket.setSoTimeout(2_000);
            return "ping".equals(roundTrip(socket, "ping"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String roundTrip(Socket socket, String line) throws IOException {
        socket.setSoTimeout(2_000);
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            answer.append((char) c);
        }
        if (c < 0) {
            throw new IOException("closed");
        }
        return answer.toString();
    }

    private void echo() {
        while (!backend.isClosed()) {
            try {
                Socket s = backend.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // peer gone
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
