package io.handoff.dns.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.localstack.testing.StepCommandBus;
import io.handoff.dns.route53.Route53Fixture;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Kafka probe and Route 53 fixture for tests that drive dns-service through its commands. */
abstract class DnsStepsTestBase {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "handoff.route53.dns-server")
    String dnsServer;

    StepCommandBus kafka;
    Route53Fixture route53;

    @BeforeEach
    void connect() {
        kafka = new StepCommandBus(bootstrapServers);
        route53 = new Route53Fixture(dnsServer);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
        route53.close();
    }

    /** Sends {@code command} and returns its report. */
    StepEvent run(StepCommand command) {
        kafka.send(command);
        return kafka.outcome(command.commandId());
    }

    /** Sends {@code command}, asserts it succeeded and returns its facts. */
    Map<String, Object> succeeded(StepCommand command) {
        StepEvent outcome = run(command);
        assertThat(outcome.kind()).as("%s", outcome.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        return outcome.facts();
    }
}
