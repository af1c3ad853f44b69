package io.handoff.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.topic.HandoffAcls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an operator relies on when running {@code docker compose up} (issue 22): every service connects to the
 * authenticated broker as its own principal, the topics and ACLs are provisioned as {@code admin}, the broker knows
 * every principal, each service listens where Compose publishes and probes it, the clusters name flavours the services
 * accept, and no secret is written in the file. CI also validates the file with {@code docker-compose config}.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("../..");
    private static final Pattern JAAS = Pattern.compile(
            "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required username=\"([a-z]+)\" password=\"(.*)\";");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|ACCESS_KEY|TOKEN|JAAS).*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    private static JsonNode services;
    private static String text;

    @BeforeAll
    static void parse() throws IOException {
        text = Files.readString(ROOT.resolve("docker-compose.yml"));
        services = new YAMLMapper().readTree(text).path("services");
    }

    @ParameterizedTest
    @ValueSource(strings = {"planner-service", "cutover-service", "dns-service", "replication-monitor"})
    void everyServiceConnectsToKafkaAsItsOwnPrincipalOverSaslSsl(String service) {
        assertKafkaClient(service, ManifestsTest.PRINCIPALS.get(service));
        assertThat(dependsOn(service)).contains("topics-init");
    }

    @Test
    void topicsInitCreatesTheTopicsAndTheAclMatrixAsAdmin() {
        List<String> command = new ArrayList<>();
        services.path("topics-init").path("command").forEach(arg -> command.add(arg.asText()));
        assertThat(command).startsWith("topics").contains("--acls", "--bootstrap-servers", "kafka:9092");
        assertKafkaClient("topics-init", HandoffAcls.ADMIN);
    }

    @Test
    void theBrokerAddsEveryPrincipalOfTheMatrixWithItsPasswordFromTheEnvironment() throws IOException {
        String broker = Files.readString(ROOT.resolve("deploy/compose/kafka-broker.sh"));
        Matcher users = Pattern.compile("for user in ([a-z ]+); do").matcher(broker);
        assertThat(users.find()).as("kafka-broker.sh's SCRAM users").isTrue();
        assertThat(List.of(users.group(1).trim().split(" "))).containsAll(HandoffAcls.principals()).contains("broker");
        assertThat(broker).contains("allow.everyone.if.no.acl.found=false",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "listener.security.protocol.map=CLIENT:SASL_SSL,CONTROLLER:SSL", "super.users=User:admin;");
        JsonNode environment = services.path("kafka").path("environment");
        for (String user : users.group(1).trim().split(" ")) {
            String variable = "KAFKA_" + user.toUpperCase() + "_PASSWORD";
            assertThat(environment.path(variable).asText()).as(variable).startsWith("${" + variable + ":?");
        }
        assertThat(volumes("kafka")).contains("./deploy/compose/kafka-broker.sh:/handoff/kafka-broker.sh:ro",
                "kafka-security:/etc/kafka/secrets:ro");
        assertThat(dependsOn("kafka")).contains("kafka-certs");
        assertThat(volumes("kafka-certs")).contains("./deploy/compose/kafka-certs.sh:/handoff/kafka-certs.sh:ro");
        assertThat(Files.isRegularFile(ROOT.resolve("deploy/compose/kafka-certs.sh"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"planner-service", "cutover-service", "dns-service", "replication-monitor"})
    void eachServiceListensWhereComposePublishesAndProbesIt(String service) throws IOException {
        JsonNode spec = services.path(service);
        String port = spec.path("environment").path("QUARKUS_HTTP_PORT").asText();
        assertThat(port).as(service + " QUARKUS_HTTP_PORT (else application.properties' port)").isEqualTo("8080");
        String published = spec.path("ports").get(0).asText();
        assertThat(published).endsWith(":" + port);
        assertThat(published).as("the host port is the one README and application.properties give the service")
                .isEqualTo(applicationPort(service) + ":" + port);
        assertThat(spec.path("healthcheck").path("test").toString()).contains("http://localhost:" + port + "/q/health/ready");
    }

    @Test
    void everyClusterNamesAFlavourTheServicesAccept() {
        Set<String> flavours = new TreeSet<>();
        services.fields().forEachRemaining(service -> service.getValue().path("environment").fields().forEachRemaining(variable -> {
            if (variable.getKey().matches("HANDOFF_CLUSTERS_[A-Z0-9]+_FLAVOR")) {
                flavours.add(variable.getValue().asText());
            }
        }));
        assertThat(flavours).isNotEmpty();
        flavours.forEach(ServerFlavor::parse);
    }

    @Test
    void noSecretIsWrittenInTheFileAndEveryVariableItNeedsIsInEnvExample() throws IOException {
        List<String> written = new ArrayList<>();
        services.fields().forEachRemaining(service -> service.getValue().path("environment").fields().forEachRemaining(variable -> {
            String value = variable.getValue().asText();
            if (SECRET_NAME.matcher(variable.getKey()).matches() && !isReference(variable.getKey(), value)) {
                written.add(service.getKey() + " " + variable.getKey());
            }
        }));
        assertThat(written).as("secrets written in docker-compose.yml").isEmpty();

        Properties example = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve(".env.example"))) {
            example.load(in);
        }
        Set<String> needed = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(text);
        while (variable.find()) {
            if (text.startsWith(":?", variable.end())) {
                needed.add(variable.group(1));
            }
        }
        assertThat(needed).isNotEmpty();
        assertThat(example.stringPropertyNames()).containsAll(needed);
    }

    /** A secret's value in the file: a reference to the environment, or a JAAS line whose password is one. */
    private static boolean isReference(String name, String value) {
        if (value.startsWith("${")) {
            return true;
        }
        Matcher jaas = JAAS.matcher(value);
        return name.endsWith("JAAS_CONFIG") && jaas.matches() && jaas.group(2).startsWith("${");
    }

    private static void assertKafkaClient(String service, String principal) {
        JsonNode environment = services.path(service).path("environment");
        assertThat(environment.path("KAFKA_BOOTSTRAP_SERVERS").asText()).as(service).isEqualTo("kafka:9092");
        assertThat(environment.path("KAFKA_SECURITY_PROTOCOL").asText()).as(service).isEqualTo("SASL_SSL");
        assertThat(environment.path("KAFKA_SASL_MECHANISM").asText()).as(service).isEqualTo("SCRAM-SHA-512");
        Matcher jaas = JAAS.matcher(environment.path("KAFKA_SASL_JAAS_CONFIG").asText());
        assertThat(jaas.matches()).as(service + " KAFKA_SASL_JAAS_CONFIG").isTrue();
        assertThat(jaas.group(1)).as(service + "'s principal").isEqualTo(principal);
        String password = "KAFKA_" + principal.toUpperCase() + "_PASSWORD";
        assertThat(jaas.group(2)).as(service + "'s password").startsWith("${" + password + ":?");
        String truststore = environment.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText();
        assertThat(truststore).as(service).isEqualTo("/etc/handoff/kafka-ca/truststore.p12");
        assertThat(environment.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PKCS12");
        assertThat(environment.path("KAFKA_SSL_TRUSTSTORE_PASSWORD").asText()).startsWith("${KAFKA_SSL_TRUSTSTORE_PASSWORD:?");
        assertThat(volumes(service)).as(service + ": the CA's volume, read-only, and not the broker's keys")
                .contains("kafka-ca:/etc/handoff/kafka-ca:ro").noneMatch(volume -> volume.startsWith("kafka-security"));
    }

    private static List<String> volumes(String service) {
        List<String> volumes = new ArrayList<>();
        services.path(service).path("volumes").forEach(volume -> volumes.add(volume.asText()));
        return volumes;
    }

    private static List<String> dependsOn(String service) {
        List<String> names = new ArrayList<>();
        services.path(service).path("depends_on").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String applicationPort(String service) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties.getProperty("quarkus.http.port");
    }
}
