package io.handoff.localstack.testing;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: starts the JVM's {@link SharedLocalStack} (once, whatever the number of test
 * classes) and hands its coordinates to the application as configuration, with the Kafka settings of the principal
 * named by {@link #KAFKA_PRINCIPAL} when the stack's broker is secured. The stack outlives each
 * Quarkus test application and stops with the JVM.
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {
    /** Init argument: {@code "false"} leaves the cluster registry out (a service without databases). */
    public static final String WITH_CLUSTERS = "clusters";

    /**
     * Init argument: the service's Kafka principal ({@code HandoffAcls.PLANNER}, {@code CUTOVER}, ...). Needed with a
     * secured broker ({@code -Dhandoff.stack.secure-kafka=true}); without it such a stack refuses to configure the
     * service. Ignored by a plaintext broker.
     */
    public static final String KAFKA_PRINCIPAL = "kafka-principal";

    private LocalStack stack;
    private boolean withClusters = true;
    private String principal;

    @Override
    public void init(Map<String, String> initArgs) {
        withClusters = !"false".equals(initArgs.get(WITH_CLUSTERS));
        principal = initArgs.get(KAFKA_PRINCIPAL);
    }

    @Override
    public Map<String, String> start() {
        stack = SharedLocalStack.get();
        Map<String, String> properties = new HashMap<>(principal == null ? stack.coordinates().toProperties()
                : stack.coordinates().toProperties(principal));
        if (!withClusters) {
            properties.keySet().removeIf(key -> key.startsWith("handoff.clusters."));
        }
        return properties;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.MatchesType(LocalStack.class));
    }

    @Override
    public void stop() {
        // The stack is shared by every test class of this JVM; SharedLocalStack stops it at exit.
    }
}
