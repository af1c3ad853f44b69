package io.handoff.rdsemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryRequestTest {

    @Test
    void decodesTheFormBodyAndOrdersFlattenedListMembersByIndex() {
        QueryRequest request = QueryRequest.parse("Action=ModifyDBCluster&Version=2014-10-31&DBClusterIdentifier=handoff-target"
                + "&VpcSecurityGroupIds.VpcSecurityGroupId.2=sg-b&VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-a"
                + "&ApplyImmediately=true&Note=a%20b%2Bc");

        assertThat(request.action()).isEqualTo("ModifyDBCluster");
        assertThat(request.required("DBClusterIdentifier")).isEqualTo("handoff-target");
        assertThat(request.list("VpcSecurityGroupIds")).containsExactly("sg-a", "sg-b");
        assertThat(request.bool("ApplyImmediately", false)).isTrue();
        assertThat(request.param("Note")).isEqualTo("a b+c");
        assertThat(request.list("Absent")).isEmpty();
    }

    @Test
    void refusesMissingActionMissingParametersAndParametersNotEmulated() {
        assertThatThrownBy(() -> QueryRequest.parse("Version=2014-10-31").action()).isInstanceOf(RdsError.class)
                .hasMessageContaining("Action");
        QueryRequest request = QueryRequest.parse("Action=ModifyDBCluster&DBClusterIdentifier=x&MasterUserPassword=secret");
        assertThatThrownBy(() -> request.required("VpcSecurityGroupIds")).isInstanceOf(RdsError.class)
                .extracting(e -> ((RdsError) e).code()).isEqualTo("MissingParameter");
        assertThatThrownBy(() -> request.onlyKnown(Set.of("DBClusterIdentifier"), Set.of("VpcSecurityGroupIds")))
                .isInstanceOf(RdsError.class).hasMessageContaining("MasterUserPassword");
    }
}
