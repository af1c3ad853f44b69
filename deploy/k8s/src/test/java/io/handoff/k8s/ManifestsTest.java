package io.handoff.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an operator relies on when applying {@code deploy/k8s/manifests}. */
class ManifestsTest {
    private static final Path DIR = Path.of("manifests");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|ACCESS_KEY|TOKEN).*");
    private static final Set<String> DOCUMENTED_SECRETS = Set.of("handoff-db-credentials", "handoff-planner-users", "handoff-aws",
            "handoff-kafka-planner", "handoff-kafka-cutover", "handoff-kafka-dns", "handoff-kafka-monitor", "handoff-kafka-admin",
            "handoff-kafka-ca");
    /** Each service's Kafka principal (HandoffAcls' components). */
    static final Map<String, String> PRINCIPALS = Map.of("planner-service", "planner", "cutover-service", "cutover",
            "dns-service", "dns", "replication-monitor", "monitor");

    private static final List<JsonNode> DOCS = new ArrayList<>();

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        for (Path file : manifestFiles()) {
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                yaml.readValues(parser, JsonNode.class).readAll().stream()
                        .filter(doc -> doc != null && !doc.isNull() && !doc.isMissingNode())
                        .forEach(DOCS::add);
            }
        }
    }

    @Test
    void kustomizationListsEveryManifestInTheFolder() throws IOException {
        JsonNode kustomization = new YAMLMapper().readTree(DIR.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        for (Path file : manifestFiles()) {
            present.add(file.getFileName().toString());
        }
        present.remove("kustomization.yaml");
        assertThat(listed).isEqualTo(present);
    }

    @ParameterizedTest
    @ValueSource(strings = {"planner-service", "replication-monitor", "cutover-service", "dns-service"})
    void everyServiceHasHealthProbesOnItsHttpPort(String service) {
        JsonNode container = container(service);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/image").asText()).startsWith("handoff/" + service + ":");
        assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"planner-service", "replication-monitor", "cutover-service", "dns-service"})
    void everyServiceRunsOneReplicaWithoutOverlapAndIsReachable(String service) {
        JsonNode deployment = find("Deployment", service);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(deployment.at("/spec/selector/matchLabels"))
                .isEqualTo(subset(deployment.at("/spec/template/metadata/labels"), deployment.at("/spec/selector/matchLabels")));
        JsonNode svc = find("Service", service);
        assertThat(svc.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    }

    @Test
    void databaseServicesTakeEveryPasswordFromTheDocumentedSecret() {
        for (String service : List.of("replication-monitor", "cutover-service")) {
            Set<String> fromSecret = new TreeSet<>();
            container(service).path("env").forEach(env -> {
                if (env.at("/valueFrom/secretKeyRef/name").asText().equals("handoff-db-credentials")) {
                    fromSecret.add(env.path("name").asText());
                }
            });
            assertThat(fromSecret).as(service).containsExactly(
                    "HANDOFF_CLUSTERS_SOURCE_PASSWORD", "HANDOFF_CLUSTERS_TARGET_PASSWORD");
        }
    }

    @Test
    void noSecretValueIsWrittenInAnyManifest() {
        for (JsonNode doc : DOCS) {
            assertThat(doc.path("kind").asText()).as("Secrets are created by the operator, not shipped").isNotEqualTo("Secret");
            forEachEnv(doc, env -> {
                if (SECRET_NAME.matcher(env.path("name").asText()).matches()) {
                    assertThat(env.has("value")).as(env.path("name").asText() + " must come from a Secret").isFalse();
                    assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isIn(DOCUMENTED_SECRETS);
                }
            });
            if (doc.path("kind").asText().equals("ConfigMap")) {
                doc.path("data").fieldNames().forEachRemaining(key ->
                        assertThat(key).as("ConfigMap key").doesNotMatch(SECRET_NAME));
            }
        }
    }

    @Test
    void everyReferencedSecretIsDocumentedAndEveryConfigMapIsShipped() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> shippedConfigMaps = new TreeSet<>();
        DOCS.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .forEach(d -> shippedConfigMaps.add(d.at("/metadata/name").asText()));
        for (JsonNode doc : DOCS) {
            doc.findValues("secretKeyRef").forEach(ref -> assertThat(readme).contains("`" + ref.path("name").asText() + "`"));
            doc.findValues("secretName").forEach(name -> assertThat(readme).contains("`" + name.asText() + "`"));
            doc.findValues("configMapRef").forEach(ref -> assertThat(shippedConfigMaps).contains(ref.path("name").asText()));
        }
    }

    @Test
    void plannerReadsItsUsersFromASecretMountedWhereQuarkusLooksForConfiguration() {
        JsonNode deployment = find("Deployment", "planner-service");
        JsonNode mount = container("planner-service").at("/volumeMounts/0");
        assertThat(mount.path("mountPath").asText()).isEqualTo("/deployments/config");
        JsonNode volume = deployment.at("/spec/template/spec/volumes/0");
        assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
        assertThat(volume.at("/secret/secretName").asText()).isEqualTo("handoff-planner-users");
    }

    /** Issue 22: the topics exist with their required settings before any service runs. */
    @Test
    void aJobCreatesTheTopicsWithTheConfiguredReplicationFactorAndFixesNothingUnasked() {
        JsonNode job = find("Job", "handoff-topics");
        assertThat(job.at("/spec/template/spec/restartPolicy").asText()).isIn("OnFailure", "Never");
        JsonNode containers = job.at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        JsonNode topics = containers.get(0);
        assertThat(topics.at("/image").asText()).startsWith("handoff/cli:");
        assertThat(args(topics)).containsExactly("topics", "--acls", "--bootstrap-servers", "$(KAFKA_BOOTSTRAP_SERVERS)",
                "--replication-factor", "$(HANDOFF_TOPICS_REPLICATION_FACTOR)");
        assertThat(topics.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("handoff-config");
        assertThat(topics.at("/resources/limits/memory").asText()).isNotBlank();
        JsonNode config = find("ConfigMap", "handoff-config").path("data");
        assertThat(config.path("HANDOFF_TOPICS_REPLICATION_FACTOR").asInt()).as("production replication factor").isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"planner-service", "replication-monitor", "cutover-service", "dns-service"})
    void everyServiceWaitsUntilTheTopicsAreSafe(String service) {
        JsonNode initContainers = find("Deployment", service).at("/spec/template/spec/initContainers");
        assertThat(initContainers.size()).as(service + " init containers").isEqualTo(1);
        JsonNode check = initContainers.get(0);
        assertThat(check.at("/image").asText()).isEqualTo(find("Job", "handoff-topics")
                .at("/spec/template/spec/containers/0/image").asText());
        assertThat(args(check)).containsExactly("topics", "--check", "--bootstrap-servers", "$(KAFKA_BOOTSTRAP_SERVERS)",
                "--replication-factor", "$(HANDOFF_TOPICS_REPLICATION_FACTOR)");
        assertThat(check.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("handoff-config");
    }

    /** Issue 22: Kafka over SASL_SSL, each service (and its init container) as its own principal, the Job as admin. */
    @ParameterizedTest
    @ValueSource(strings = {"planner-service", "replication-monitor", "cutover-service", "dns-service"})
    void everyServiceAndItsInitContainerConnectToKafkaAsTheServicesOwnPrincipal(String service) {
        JsonNode deployment = find("Deployment", service);
        String secret = "handoff-kafka-" + PRINCIPALS.get(service);
        assertConnectsAs(container(service), deployment, secret);
        assertConnectsAs(deployment.at("/spec/template/spec/initContainers/0"), deployment, secret);
    }

    @Test
    void theTopicsJobConnectsAsTheAdminAndTheConfigMapAsksForSaslSsl() {
        assertConnectsAs(find("Job", "handoff-topics").at("/spec/template/spec/containers/0"), find("Job", "handoff-topics"),
                "handoff-kafka-admin");
        JsonNode config = find("ConfigMap", "handoff-config").path("data");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PKCS12");
        assertThat(PRINCIPALS.values()).as("one principal per service").doesNotHaveDuplicates();
    }

    private static void assertConnectsAs(JsonNode container, JsonNode workload, String secret) {
        String name = container.path("name").asText();
        assertThat(secretOf(container, "KAFKA_SASL_JAAS_CONFIG")).as(name).isEqualTo(secret + "/sasl.jaas.config");
        assertThat(secretOf(container, "KAFKA_SSL_TRUSTSTORE_PASSWORD")).as(name).isEqualTo("handoff-kafka-ca/truststore.password");
        assertThat(container.at("/envFrom/0/configMapRef/name").asText()).as(name).isEqualTo("handoff-config");
        String truststore = find("ConfigMap", "handoff-config").at("/data/KAFKA_SSL_TRUSTSTORE_LOCATION").asText();
        JsonNode mount = null;
        for (JsonNode candidate : container.path("volumeMounts")) {
            if (truststore.startsWith(candidate.path("mountPath").asText() + "/")) {
                mount = candidate;
            }
        }
        assertThat(mount).as(name + " mounts the truststore " + truststore).isNotNull();
        String volumeName = mount.path("name").asText();
        JsonNode volume = null;
        for (JsonNode candidate : workload.at("/spec/template/spec/volumes")) {
            if (candidate.path("name").asText().equals(volumeName)) {
                volume = candidate;
            }
        }
        assertThat(volume).as(name + " volume " + volumeName).isNotNull();
        assertThat(volume.at("/secret/secretName").asText()).isEqualTo("handoff-kafka-ca");
        assertThat(volume.at("/secret/items/0/path").asText()).isEqualTo(truststore.substring(truststore.lastIndexOf('/') + 1));
    }

    private static String secretOf(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable)) {
                return env.at("/valueFrom/secretKeyRef/name").asText() + "/" + env.at("/valueFrom/secretKeyRef/key").asText();
            }
        }
        return null;
    }

    private static List<String> args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(arg -> args.add(arg.asText()));
        return args;
    }

    private static JsonNode container(String service) {
        JsonNode containers = find("Deployment", service).at("/spec/template/spec/containers");
        assertThat(containers.size()).as(service + " containers").isEqualTo(1);
        return containers.get(0);
    }

    private static JsonNode find(String kind, String name) {
        return DOCS.stream()
                .filter(d -> d.path("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + DIR));
    }

    private static JsonNode subset(JsonNode labels, JsonNode keysOf) {
        var out = JsonMapper.builder().build().createObjectNode();
        keysOf.fieldNames().forEachRemaining(key -> out.set(key, labels.path(key)));
        return out;
    }

    private static void forEachEnv(JsonNode doc, java.util.function.Consumer<JsonNode> action) {
        doc.findValues("env").forEach(list -> list.forEach(action));
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
