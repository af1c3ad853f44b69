package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.route53emu.ApiRouter.Operation;
import io.handoff.route53emu.ApiRouter.Route;
import org.junit.jupiter.api.Test;

class ApiRouterTest {

    @Test
    void routesEveryOperation() {
        assertThat(ApiRouter.route("POST", "/2013-04-01/hostedzone")).isEqualTo(new Route(Operation.CreateHostedZone, null));
        assertThat(ApiRouter.route("GET", "/2013-04-01/hostedzone")).isEqualTo(new Route(Operation.ListHostedZones, null));
        assertThat(ApiRouter.route("GET", "/2013-04-01/hostedzonesbyname"))
                .isEqualTo(new Route(Operation.ListHostedZonesByName, null));
        assertThat(ApiRouter.route("GET", "/2013-04-01/hostedzone/Z1")).isEqualTo(new Route(Operation.GetHostedZone, "Z1"));
        assertThat(ApiRouter.route("DELETE", "/2013-04-01/hostedzone/Z1"))
                .isEqualTo(new Route(Operation.DeleteHostedZone, "Z1"));
        assertThat(ApiRouter.route("POST", "/2013-04-01/hostedzone/Z1/rrset/"))
                .isEqualTo(new Route(Operation.ChangeResourceRecordSets, "Z1"));
        assertThat(ApiRouter.route("POST", "/2013-04-01/hostedzone/Z1/rrset"))
                .isEqualTo(new Route(Operation.ChangeResourceRecordSets, "Z1"));
        assertThat(ApiRouter.route("GET", "/2013-04-01/hostedzone/Z1/rrset"))
                .isEqualTo(new Route(Operation.ListResourceRecordSets, "Z1"));
        assertThat(ApiRouter.route("GET", "/2013-04-01/change/C1")).isEqualTo(new Route(Operation.GetChange, "C1"));
    }

    @Test
    void acceptsIdsWithTheirResourcePrefixEncodedOrNot() {
        assertThat(ApiRouter.route("GET", "/2013-04-01/hostedzone/%2Fhostedzone%2FZ1/rrset").id()).isEqualTo("Z1");
        assertThat(ApiRouter.route("GET", "/2013-04-01/hostedzone//hostedzone/Z1").id()).isEqualTo("Z1");
        assertThat(ApiRouter.route("GET", "/2013-04-01/change/%2Fchange%2FC1").id()).isEqualTo("C1");
    }

    @Test
    void unknownPathsAreInvalidAction() {
        assertThatThrownBy(() -> ApiRouter.route("GET", "/2013-04-01/healthcheck"))
                .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.code()).isEqualTo("InvalidAction"));
        assertThatThrownBy(() -> ApiRouter.route("PUT", "/2013-04-01/hostedzone/Z1"))
                .isInstanceOf(Route53Error.class);
        assertThatThrownBy(() -> ApiRouter.route("GET", "/2012-01-01/hostedzone")).isInstanceOf(Route53Error.class);
    }
}
