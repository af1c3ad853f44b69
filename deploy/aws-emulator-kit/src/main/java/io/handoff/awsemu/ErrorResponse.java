package io.handoff.awsemu;

/**
 * Writes the error document Route 53 and RDS both answer with, in the API's namespace:
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. The SDKs map
 * it to their exception classes by the {@code Code}.
 */
public final class ErrorResponse {

    private ErrorResponse() {
    }

    /** The UTF-8 error document for {@code error}, in {@code namespace}, naming {@code requestId}. */
    public static byte[] write(String namespace, ApiError error, String requestId) {
        return XmlOut.document(namespace, "ErrorResponse")
                .start("Error")
                .leaf("Type", error.type())
                .leaf("Code", error.code())
                .leaf("Message", error.getMessage())
                .end()
                .leaf("RequestId", requestId)
                .finish();
    }
}
