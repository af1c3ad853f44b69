package io.handoff.rdsemu;

import io.handoff.awsemu.ApiCall;
import io.handoff.awsemu.ApiResponse;
import io.handoff.awsemu.ApiService;
import io.handoff.awsemu.RawRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The emulated operations, by {@code Action}: a Query protocol request is a {@code POST} of form parameters
 * to {@code /}; reads its parameters, calls the store and writes the answer. Parameters an operation does
 * not emulate are refused ({@code InvalidParameterValue}) rather than ignored.
 */
final class RdsApi implements ApiService {

    private final ClusterStore store;

    RdsApi(ClusterStore store) {
        this.store = store;
    }

    /** Reads the form body; {@code InvalidAction} for another method, {@code MissingParameter} without an {@code Action}. */
    @Override
    public ApiCall resolve(RawRequest raw) {
        if (!raw.method().equals("POST")) {
            throw RdsError.unknownAction(raw.method() + " " + raw.rawPath());
        }
        QueryRequest request = QueryRequest.parse(new String(raw.body(), StandardCharsets.UTF_8));
        return new ApiCall(request.action(), null, requestId -> ApiResponse.ok(handle(request, requestId)));
    }

    /** Serves one request; returns the XML body of a 200 answer or throws the {@link RdsError} to answer. */
    private byte[] handle(QueryRequest request, String requestId) {
        String version = request.param("Version");
        if (version != null && !version.equals(QueryRequest.VERSION)) {
            throw RdsError.invalidParameter("Unsupported API version " + version + " (the emulator speaks "
                    + QueryRequest.VERSION + ")");
        }
        return switch (request.action()) {
            case "DescribeDBClusters" -> {
                request.onlyKnown(Set.of("DBClusterIdentifier", "MaxRecords", "Marker", "IncludeShared"), Set.of());
                yield ResponseXml.describeClusters(store.describeClusters(request.param("DBClusterIdentifier")), requestId);
            }
            case "ModifyDBCluster" -> {
                request.onlyKnown(Set.of("DBClusterIdentifier", "ApplyImmediately"), Set.of("VpcSecurityGroupIds"));
                // Security groups change at once whatever ApplyImmediately says (as on RDS); it is read only to be checked.
                request.bool("ApplyImmediately", false);
                yield ResponseXml.modifyCluster(store.modifySecurityGroups(request.required("DBClusterIdentifier"),
                        request.list("VpcSecurityGroupIds")), requestId);
            }
            case "CreateDBClusterSnapshot" -> {
                request.onlyKnown(Set.of("DBClusterSnapshotIdentifier", "DBClusterIdentifier"), Set.of("Tags"));
                yield ResponseXml.createSnapshot(store.createSnapshot(request.required("DBClusterSnapshotIdentifier"),
                        request.required("DBClusterIdentifier")), requestId);
            }
            case "DescribeDBClusterSnapshots" -> {
                request.onlyKnown(Set.of("DBClusterSnapshotIdentifier", "DBClusterIdentifier", "SnapshotType", "MaxRecords",
                        "Marker", "IncludeShared", "IncludePublic"), Set.of());
                yield ResponseXml.describeSnapshots(store.describeSnapshots(request.param("DBClusterSnapshotIdentifier"),
                        request.param("DBClusterIdentifier")), requestId);
            }
            default -> throw RdsError.unknownAction(request.action());
        };
    }
}
