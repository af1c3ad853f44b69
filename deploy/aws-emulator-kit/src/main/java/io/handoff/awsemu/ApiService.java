package io.handoff.awsemu;

/**
 * An emulated API as its {@link ApiHttpFront} calls it: first to resolve a request to an operation, then,
 * unless an injected fault answers instead, to serve it. Called from the front's threads concurrently.
 */
@FunctionalInterface
public interface ApiService {

    /**
     * Which operation {@code request} calls. The front resolves before it applies an injected fault, so
     * that a call answered by a fault is counted and logged under its operation.
     *
     * @throws ApiError if the request names no emulated operation or cannot be read; the call is then
     *                  counted and logged as {@code METHOD path}
     */
    ApiCall resolve(RawRequest request);
}
