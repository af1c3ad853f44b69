package io.handoff.rdsemu;

import io.handoff.awsemu.ApiError;

/**
 * An RDS API error: the error code, HTTP status and message the HTTP layer writes as an RDS
 * {@code ErrorResponse}. Thrown by the store and the request reader; never escapes the HTTP handler.
 * The codes and statuses are those of the RDS API model, which the SDK maps to its exception classes
 * (for example {@code DBClusterNotFoundFault}, 404, to {@code DbClusterNotFoundException}).
 */
final class RdsError extends ApiError {

    RdsError(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    static RdsError clusterNotFound(String id) {
        return new RdsError("DBClusterNotFoundFault", 404, "DBCluster " + id + " not found.");
    }

    static RdsError snapshotNotFound(String id) {
        return new RdsError("DBClusterSnapshotNotFoundFault", 404, "DBClusterSnapshot " + id + " not found.");
    }

    static RdsError snapshotAlreadyExists(String id) {
        return new RdsError("DBClusterSnapshotAlreadyExistsFault", 400, "Cannot create the cluster snapshot because one with"
                + " the identifier " + id + " already exists.");
    }

    static RdsError invalidClusterState(String id, String status) {
        return new RdsError("InvalidDBClusterStateFault", 400, "DBCluster " + id + " is not in the available state (it is "
                + status + ").");
    }

    static RdsError invalidParameter(String message) {
        return new RdsError("InvalidParameterValue", 400, message);
    }

    static RdsError missingParameter(String name) {
        return new RdsError("MissingParameter", 400, "The request must contain the parameter " + name + ".");
    }

    static RdsError unknownAction(String action) {
        return new RdsError("InvalidAction", 400, "The action " + action + " is not valid for this web service or is not"
                + " emulated (emulated: DescribeDBClusters, ModifyDBCluster, CreateDBClusterSnapshot,"
                + " DescribeDBClusterSnapshots).");
    }
}
