package io.handoff.cutover.support;

import io.handoff.localstack.ClusterRegistration;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.StackRds;
import io.handoff.localstack.mariadb.StackAccounts;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The target server registered a second time, as cluster {@value #AURORA}: flavor Aurora MySQL and the
 * stack's {@code master} account, which lacks SUPER, CONNECTION ADMIN and READ_ONLY ADMIN like Aurora's
 * master user. The service also holds the {@code app} account's password on both clusters, for the
 * per-user kill strategy, and the RDS settings of {@value #AURORA} (the RDS emulator's cluster in front
 * of the target server), while {@code target}'s name an RDS cluster that does not exist. The server
 * itself needs the {@code mysql.rds_*} procedures ({@link RdsProcedures}).
 */
public final class AuroraTargetProfile implements QuarkusTestProfile {
    /** Registry name of the target server seen as Aurora. */
    public static final String AURORA = "aurora";
    /** The RDS cluster identifier the profile gives cluster {@code target}: one the emulator does not have. */
    public static final String UNKNOWN_RDS_CLUSTER = "no-such-cluster";

    @Override
    public Map<String, String> getConfigOverrides() {
        LocalStack stack = SharedLocalStack.get();
        StackAccounts accounts = stack.accounts();
        Map<String, String> config = new LinkedHashMap<>(ClusterRegistration.of(AURORA, stack.target(), "aurora",
                accounts.master(), stack));
        config.put("handoff.cutover.kill-accounts." + AURORA + "." + accounts.app().user(), accounts.app().password());
        // The RDS side of the Aurora-flavored target: the emulator's cluster fronting the target server.
        String rds = "handoff.rds.clusters." + AURORA + ".";
        config.put(rds + "cluster-id", StackRds.TARGET_CLUSTER_ID);
        config.put(rds + "security-groups", StackRds.APPLICATION_GROUP);
        config.put(rds + "restricted-security-group", StackRds.RESTRICTED_GROUP);
        // 'target' names a cluster the RDS API does not know, for PRECHECK's finding (the stack registers the right one).
        config.put("handoff.rds.clusters." + Servers.B + ".cluster-id", UNKNOWN_RDS_CLUSTER);
        config.put("handoff.cutover.kill-accounts." + Servers.A + "." + accounts.app().user(), accounts.app().password());
        return config;
    }
}
