package io.handoff.rdsemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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
        rds = client(emulator);
    }

    private static RdsClient client(RdsEmulator emulator) {
        return RdsClient.builder()
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
        assertThat(emulator.callsByOperation()).containsKeys("DescribeDBClusters", "ModifyDBCluster");
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

    @Test
    void endpointsBoundAtChosenAddressesOnOnePortRelayToTheirOwnBackendAndRefuseOnceTheirClusterLeftTheApplicationGroup()
            throws IOException {
        try (ServerSocket sourceServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket targetServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            greet(sourceServer, "source");
            greet(targetServer, "target");
            int port = portFreeOn("127.0.1.2", "127.0.1.3");
            InetSocketAddress sourceEndpoint = new InetSocketAddress("127.0.1.2", port);
            InetSocketAddress targetEndpoint = new InetSocketAddress("127.0.1.3", port);
            try (RdsEmulator chosen = RdsEmulator.start(RdsEmulatorConfig.builder()
                            .transitionDelay(Duration.ofMillis(200))
                            .securityGroup("sg-apps", true).securityGroup("sg-restricted", false)
                            .cluster(ClusterDefinition.auroraMysql("handoff-source", (InetSocketAddress) sourceServer.getLocalSocketAddress(),
                                    List.of("sg-apps")).withEndpoint(sourceEndpoint))
                            .cluster(ClusterDefinition.auroraMysql("handoff-target", (InetSocketAddress) targetServer.getLocalSocketAddress(),
                                    List.of("sg-apps")).withEndpoint(targetEndpoint))
                            .build());
                    RdsClient api = client(chosen)) {
                assertThat(chosen.applicationEndpoint("handoff-source")).isEqualTo(sourceEndpoint);
                assertThat(chosen.applicationEndpoint("handoff-target")).isEqualTo(targetEndpoint);
                DBCluster described = api.describeDBClusters(b -> b.dbClusterIdentifier("handoff-source")).dbClusters().get(0);
                assertThat(described.endpoint()).isEqualTo("127.0.1.2");
                assertThat(described.port()).isEqualTo(port);
                assertThat(greeting(sourceEndpoint)).isEqualTo("source");
                assertThat(greeting(targetEndpoint)).isEqualTo("target");

                api.modifyDBCluster(b -> b.dbClusterIdentifier("handoff-source").vpcSecurityGroupIds("sg-restricted").applyImmediately(true));
                await().atMost(Duration.ofSeconds(5)).until(() -> !chosen.admitsApplications("handoff-source"));

                assertThat(greeting(sourceEndpoint)).as("a new connection to the restricted cluster's endpoint").isNull();
                assertThat(greeting(targetEndpoint)).as("the other cluster's endpoint on the same port").isEqualTo("target");
            }
        }
    }

    /** A port that was free on every one of {@code hosts} a moment ago. */
    private static int portFreeOn(String... hosts) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(hosts[0]))) {
                int port = first.getLocalPort();
                if (java.util.Arrays.stream(hosts).skip(1).allMatch(host -> bindable(host, port))) {
                    return port;
                }
            }
        }
        throw new IOException("no port free on all of " + List.of(hosts));
    }

    private static boolean bindable(String host, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The line a new connection to {@code endpoint} is greeted with, or null when it is refused or closed at once. */
    private static String greeting(InetSocketAddress endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(endpoint, 2_000);
            socket.setSoTimeout(2_000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return c < 0 ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** A backend that greets every connection with {@code name} on a line, as a database server greets first. */
    private static void greet(ServerSocket server, String name) {
        Thread greeter = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the peer went, or the backend is closing
                }
            }
        }, "greeter-" + name);
        greeter.setDaemon(true);
        greeter.start();
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
