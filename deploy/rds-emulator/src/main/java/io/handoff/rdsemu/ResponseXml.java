package io.handoff.rdsemu;

import io.handoff.awsemu.XmlOut;
import java.time.Instant;
import java.util.List;

/**
 * Writes the RDS Query protocol answers: {@code <ActionResponse><ActionResult>...</ActionResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>} in the RDS namespace, list members
 * under the member names of the RDS model ({@code DBCluster}, {@code VpcSecurityGroupMembership},
 * {@code DBClusterSnapshot}). Timestamps are ISO-8601 in UTC. Errors are the kit's
 * {@link io.handoff.awsemu.ErrorResponse} in {@link #NAMESPACE}.
 */
final class ResponseXml {
    /** RDS's XML namespace (API version 2014-10-31). */
    static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";


    private ResponseXml() {
    }

    static byte[] describeClusters(List<ClusterView> clusters, String requestId) {
        XmlOut xml = XmlOut.document(NAMESPACE, "DescribeDBClustersResponse").start("DescribeDBClustersResult").start("DBClusters");
        clusters.forEach(cluster -> cluster(xml, cluster));
        xml.end().end();
        return metadata(xml, requestId);
    }

    static byte[] modifyCluster(ClusterView cluster, String requestId) {
        XmlOut xml = XmlOut.document(NAMESPACE, "ModifyDBClusterResponse").start("ModifyDBClusterResult");
        cluster(xml, cluster);
        xml.end();
        return metadata(xml, requestId);
    }

    static byte[] createSnapshot(SnapshotView snapshot, String requestId) {
        XmlOut xml = XmlOut.document(NAMESPACE, "CreateDBClusterSnapshotResponse").start("CreateDBClusterSnapshotResult");
        snapshot(xml, snapshot);
        xml.end();
        return metadata(xml, requestId);
    }

    static byte[] describeSnapshots(List<SnapshotView> snapshots, String requestId) {
        XmlOut xml = XmlOut.document(NAMESPACE, "DescribeDBClusterSnapshotsResponse").start("DescribeDBClusterSnapshotsResult")
                .start("DBClusterSnapshots");
        snapshots.forEach(snapshot -> snapshot(xml, snapshot));
        xml.end().end();
        return metadata(xml, requestId);
    }

    private static void cluster(XmlOut xml, ClusterView cluster) {
        xml.start("DBCluster")
                .leaf("DBClusterIdentifier", cluster.identifier())
                .leaf("DBClusterArn", cluster.arn())
                .leaf("DbClusterResourceId", cluster.resourceId())
                .leaf("Status", cluster.status())
                .leaf("Engine", cluster.engine())
                .leaf("EngineVersion", cluster.engineVersion())
                .leaf("EngineMode", "provisioned")
                .leaf("Endpoint", cluster.endpointHost())
                .leaf("ReaderEndpoint", cluster.endpointHost())
                .leaf("Port", cluster.endpointPort())
                .leaf("MultiAZ", false)
                .leaf("StorageEncrypted", true)
                .leaf("ClusterCreateTime", iso(cluster.createdAt()))
                .start("VpcSecurityGroups");
        for (GroupMembership group : cluster.groups()) {
            xml.start("VpcSecurityGroupMembership").leaf("VpcSecurityGroupId", group.groupId()).leaf("Status", group.status()).end();
        }
        xml.end().end();
    }

    private static void snapshot(XmlOut xml, SnapshotView snapshot) {
        xml.start("DBClusterSnapshot")
                .leaf("DBClusterSnapshotIdentifier", snapshot.identifier())
                .leaf("DBClusterIdentifier", snapshot.clusterIdentifier())
                .leaf("DBClusterSnapshotArn", snapshot.arn())
                .leaf("SnapshotCreateTime", iso(snapshot.createdAt()))
                .leaf("Engine", snapshot.engine())
                .leaf("EngineVersion", snapshot.engineVersion())
                .leaf("EngineMode", "provisioned")
                .leaf("Status", snapshot.status())
                .leaf("Port", snapshot.port())
                .leaf("ClusterCreateTime", iso(snapshot.clusterCreatedAt()))
                .leaf("SnapshotType", "manual")
                .leaf("PercentProgress", snapshot.percentProgress())
                .leaf("StorageEncrypted", true)
                .end();
    }

    private static byte[] metadata(XmlOut xml, String requestId) {
        return xml.start("ResponseMetadata").leaf("RequestId", requestId).end().finish();
    }

    private static String iso(Instant instant) {
        return instant.toString();
    }
}
