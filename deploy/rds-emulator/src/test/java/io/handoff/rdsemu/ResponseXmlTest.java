package io.handoff.rdsemu;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.awsemu.ErrorResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseXmlTest {
    private static final Instant CREATED = Instant.parse("2026-11-25T01:00:00Z");
    private static final String NS = "xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"";

    private static ClusterView cluster(String status, List<GroupMembership> groups) {
        return new ClusterView("handoff-target", "arn:aws:rds:us-east-1:123456789012:cluster:handoff-target", "cluster-ABC",
                "aurora-mysql", "8.0.mysql_aurora.3.08.0", status, groups, "127.0.0.1", 41000, CREATED);
    }

    @Test
    void describeClustersWrapsEachClusterInTheModelsMemberNamesWithTheSecurityGroupsAndTheirStatus() {
        String xml = new String(ResponseXml.describeClusters(List.of(cluster("modifying", List.of(
                new GroupMembership("sg-restricted", "adding"), new GroupMembership("sg-apps", "removing")))), "req-1"),
                StandardCharsets.UTF_8);

        assertThat(xml).contains("<DescribeDBClustersResponse " + NS + ">", "<DescribeDBClustersResult><DBClusters><DBCluster>",
                "<DBClusterIdentifier>handoff-target</DBClusterIdentifier>", "<Status>modifying</Status>",
                "<VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-restricted</VpcSecurityGroupId>"
                        + "<Status>adding</Status></VpcSecurityGroupMembership><VpcSecurityGroupMembership>"
                        + "<VpcSecurityGroupId>sg-apps</VpcSecurityGroupId><Status>removing</Status>"
                        + "</VpcSecurityGroupMembership></VpcSecurityGroups>",
                "<Endpoint>127.0.0.1</Endpoint>", "<Port>41000</Port>", "<ClusterCreateTime>2026-11-25T01:00:00Z</ClusterCreateTime>",
                "</DBCluster></DBClusters></DescribeDBClustersResult><ResponseMetadata><RequestId>req-1</RequestId>"
                        + "</ResponseMetadata></DescribeDBClustersResponse>");
    }

    @Test
    void modifyClusterAnswersTheClusterDirectlyUnderItsResult() {
        String xml = new String(ResponseXml.modifyCluster(cluster("available", List.of(new GroupMembership("sg-apps", "active"))),
                "req-2"), StandardCharsets.UTF_8);

        assertThat(xml).contains("<ModifyDBClusterResponse " + NS + "><ModifyDBClusterResult><DBCluster>",
                "</DBCluster></ModifyDBClusterResult><ResponseMetadata>");
    }

    @Test
    void snapshotsCarryIdentifierArnStatusAndProgress() {
        SnapshotView snapshot = new SnapshotView("handoff-plan-1-snapshot", "handoff-target",
                "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:handoff-plan-1-snapshot", "aurora-mysql", "8.0", "creating", 0,
                CREATED, CREATED, 41000);

        String created = new String(ResponseXml.createSnapshot(snapshot, "r"), StandardCharsets.UTF_8);
        String described = new String(ResponseXml.describeSnapshots(List.of(snapshot), "r"), StandardCharsets.UTF_8);

        assertThat(created).contains("<CreateDBClusterSnapshotResult><DBClusterSnapshot>",
                "<DBClusterSnapshotIdentifier>handoff-plan-1-snapshot</DBClusterSnapshotIdentifier>",
                "<DBClusterSnapshotArn>arn:aws:rds:us-east-1:123456789012:cluster-snapshot:handoff-plan-1-snapshot</DBClusterSnapshotArn>",
                "<Status>creating</Status>", "<PercentProgress>0</PercentProgress>", "<SnapshotType>manual</SnapshotType>");
        assertThat(described).contains("<DescribeDBClusterSnapshotsResult><DBClusterSnapshots><DBClusterSnapshot>",
                "</DBClusterSnapshot></DBClusterSnapshots></DescribeDBClusterSnapshotsResult>");
    }

    @Test
    void errorsAreAnErrorResponseWithTypeCodeMessageAndRequestId() {
        String xml = new String(ErrorResponse.write(ResponseXml.NAMESPACE, RdsError.clusterNotFound("nope"), "req-3"), StandardCharsets.UTF_8);

        assertThat(xml).contains("<ErrorResponse " + NS + "><Error><Type>Sender</Type><Code>DBClusterNotFoundFault</Code>"
                + "<Message>DBCluster nope not found.</Message></Error><RequestId>req-3</RequestId></ErrorResponse>");
        assertThat(RdsError.clusterNotFound("x").httpStatus()).isEqualTo(404);
        assertThat(new RdsError("InternalFailure", 500, "x").type()).isEqualTo("Receiver");
    }
}
