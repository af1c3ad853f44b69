package io.handoff.cutover;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.localstack.testing.ServiceReadinessContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class CutoverReadinessTest extends ServiceReadinessContract {

    @TestHTTPResource("/")
    URL root;

    @Override
    protected URI serviceUri() {
        return URI.create(root.toString());
    }

    @Override
    protected Set<String> clusters() {
        return Set.of("source", "target");
    }
}
