package io.handoff.localstack.workload;

import java.io.IOException;

/** Resolves a database name to one address with its TTL. */
@FunctionalInterface
interface NameResolver {

    /** @throws java.net.UnknownHostException if the name has no address; other IOExceptions on timeouts */
    ResolvedAddress resolve(String name) throws IOException;
}
