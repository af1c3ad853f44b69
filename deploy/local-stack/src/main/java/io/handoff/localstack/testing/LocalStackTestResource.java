package io.handoff.localstack.testing;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Quarkus test resource: starts the JVM's {@link SharedLocalStack} (once, whatever the number of test
 * classes) and hands its coordinates to the application as configuration, with the Kafka settings of the service's
 * principal when the stack's broker is secured: the one named by {@link #KAFKA_PRINCIPAL}, else the one of the
 * application's {@code quarkus.application.name} ({@link #PRINCIPALS}). Quarkus starts every test resource of a module
 * for every test class, whatever class names it: the principal must not depend on which class declares it. The stack
 * outlives each Quarkus test application and stops with the JVM.
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {
    /** Init argument: {@code "false"} leaves the cluster registry out (a service without databases). */
    public static final String WITH_CLUSTERS = "clusters";

    /**
     * Init argument: the service's Kafka principal ({@code HandoffAcls.PLANNER}, {@code CUTOVER}, ...) with a secured
     * broker ({@code -Dhandoff.stack.secure-kafka=true}), when it is not the one of {@link #PRINCIPALS}. Ignored by a
     * plaintext broker.
     */
    public static final String KAFKA_PRINCIPAL = "kafka-principal";
    /** Each service's principal by its {@code quarkus.application.name}. */
    public static final Map<String, String> PRINCIPALS = Map.of(
            "planner-service", HandoffAcls.PLANNER,
            "cutover-service", HandoffAcls.CUTOVER,
            "dns-service", HandoffAcls.DNS,
            "replication-monitor", HandoffAcls.MONITOR);

    private LocalStack stack;
    private boolean withClusters = true;
    private String principal;

    @Override
    public void init(Map<String, String> initArgs) {
        withClusters = !"false".equals(initArgs.get(WITH_CLUSTERS));
        principal = initArgs.containsKey(KAFKA_PRINCIPAL) ? initArgs.get(KAFKA_PRINCIPAL) : applicationPrincipal();
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

    /** The principal of the application under test, by the {@code quarkus.application.name} of its properties. */
    private static String applicationPrincipal() {
        Properties application = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                return null;
            }
            application.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        return PRINCIPALS.get(application.getProperty("quarkus.application.name"));
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
