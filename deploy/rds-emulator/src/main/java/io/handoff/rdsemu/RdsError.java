package io.handoff.rdsemu;

/**
 * An RDS API error: the error code, HTTP status and message the HTTP layer writes as an RDS
 * {@code ErrorResponse}. Thrown by the store and the request reader; never escapes the HTTP handler.
 * The codes and statuses are those of the RDS API model, which the SDK maps to its exception classes
 * (for example {@code DBClusterNotFoundFault}, 404, to {@code DbClusterNotFoundException}).
 */
final class RdsError extends RuntimeException {

    private final String code;
    private final int httpStatus;

    RdsError(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** {@code Sender} for 4xx statuses, {@code Receiver} otherwise, as in RDS's error body. */
    String type() {
        return httpStatus < 500 ? "Sender" : "Receiver";
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

    static RdsError throttling() {
        return new RdsError("Throttling", 400, "Rate exceeded");
    }
}
