package io.handoff.cutover.rds;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.cluster.Secret;
import io.handoff.cutover.config.RdsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rds.model.RdsException;

/** The pure parts of the RDS side: settings checks, snapshot identifiers, failure classification. */
class RdsSettingsTest {

    @Test
    void aClusterWithoutSettingsOrWithTheRestrictedGroupAmongItsNormalOnesCannotBeSwapped() {
        ManagedClusters managed = new ManagedClusters(config(Map.of(
                "aurora", cluster("aurora-main", List.of("sg-apps"), "sg-restricted"),
                "odd", cluster("odd-main", List.of("sg-apps", "sg-restricted"), "sg-restricted"))), null);

        assertThat(managed.swapProblem("aurora")).isEmpty();
        assertThat(managed.swapProblem("onprem")).get().asString().contains("handoff.rds.clusters.onprem.cluster-id",
                "handoff.rds.clusters.onprem.restricted-security-group");
        assertThat(managed.swapProblem("odd")).get().asString().contains("sg-restricted", "would not fence");
    }

    @Test
    void snapshotIdentifiersFollowRdsRulesAndDependOnlyOnPlanStepAndCluster() {
        String id = ClusterSnapshots.identifier("plan-3F2A_x", "7-SNAPSHOT", "aurora_main");

        assertThat(id).isEqualTo("handoff-plan-3f2a-x-7-snapshot-aurora-main");
        assertThat(id).isEqualTo(ClusterSnapshots.identifier("plan-3F2A_x", "7-SNAPSHOT", "aurora_main"));
        String longId = ClusterSnapshots.identifier("p".repeat(300), "1-SNAPSHOT--", "c-");
        assertThat(longId).hasSizeLessThanOrEqualTo(255).matches("[a-z][a-z0-9-]*").doesNotContain("--").doesNotEndWith("-");
    }

    @Test
    void throttlingServerErrorsBusyClustersAndLostConnectionsAreRetryableMissingClustersAndBadInputAreNot() {
        assertThat(RdsFailures.retryable(error("Throttling", 400))).isTrue();
        assertThat(RdsFailures.retryable(error("InternalFailure", 500))).isTrue();
        assertThat(RdsFailures.retryable(error("InvalidDBClusterStateFault", 400))).isTrue();
        assertThat(RdsFailures.retryable(SdkClientException.create("connection refused"))).isTrue();
        assertThat(RdsFailures.retryable(error("DBClusterNotFoundFault", 404))).isFalse();
        assertThat(RdsFailures.retryable(error("InvalidParameterValue", 400))).isFalse();
        assertThat(RdsFailures.retryable(error("AccessDenied", 403))).isFalse();
    }

    @Test
    void anEndpointOverrideWithoutKeysSendsUnsignedRequests() {
        assertThat(RdsClients.credentials(config(Map.of()))).isInstanceOf(AnonymousCredentialsProvider.class);
    }

    private static RdsException error(String code, int status) {
        return (RdsException) RdsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    private static RdsConfig.Cluster cluster(String id, List<String> groups, String restricted) {
        return new RdsConfig.Cluster() {
            @Override
            public String clusterId() {
                return id;
            }

            @Override
            public List<String> securityGroups() {
                return groups;
            }

            @Override
            public String restrictedSecurityGroup() {
                return restricted;
            }

            @Override
            public Optional<String> region() {
                return Optional.empty();
            }
        };
    }

    private static RdsConfig config(Map<String, RdsConfig.Cluster> clusters) {
        return new RdsConfig() {
            @Override
            public Optional<URI> endpointOverride() {
                return Optional.of(URI.create("http://127.0.0.1:1"));
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public Optional<String> accessKeyId() {
                return Optional.empty();
            }

            @Override
            public Optional<Secret> secretAccessKey() {
                return Optional.empty();
            }

            @Override
            public Duration pollInitial() {
                return Duration.ofMillis(10);
            }

            @Override
            public Duration pollMax() {
                return Duration.ofMillis(100);
            }

            @Override
            public Map<String, Cluster> clusters() {
                return clusters;
            }
        };
    }
}
