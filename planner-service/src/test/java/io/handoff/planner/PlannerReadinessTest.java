package io.handoff.planner;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.localstack.testing.ServiceReadinessContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class PlannerReadinessTest extends ServiceReadinessContract {

    @TestHTTPResource("/")
    URL root;

    @Override
    protected URI serviceUri() {
        return URI.create(root.toString());
    }

    @Override
    protected Set<String> clusters() {
        return Set.of();
    }
}
