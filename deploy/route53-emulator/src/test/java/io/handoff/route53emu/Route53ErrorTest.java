package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Route53ErrorTest {

    @Test
    void wellKnownCodesHaveRoute53sStatusAndOthers400() {
        assertThat(Route53Error.statusOf("NoSuchHostedZone")).isEqualTo(404);
        assertThat(Route53Error.statusOf("HostedZoneAlreadyExists")).isEqualTo(409);
        assertThat(Route53Error.statusOf("InternalFailure")).isEqualTo(500);
        assertThat(Route53Error.statusOf("ServiceUnavailable")).isEqualTo(503);
        assertThat(Route53Error.statusOf("SomethingElse")).isEqualTo(400);
    }
}
