package io.handoff.kit.ledger;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something a command acts on that fencing epochs are kept for: a cluster (by its registry name) or,
 * for DNS commands, which name no cluster, an application (its records). The fencing rule of
 * {@link AppliedEpochs} holds per scope.
 *
 * <p>Which params name scopes: {@link StepParams#CLUSTER}, {@link StepParams#SOURCE_CLUSTER} and
 * {@link StepParams#TARGET_CLUSTER} (every cluster a command reads from or writes to: a stale plan must
 * not even read a cluster a newer plan owns, since what it reads feeds its next steps), and
 * {@link StepParams#APPLICATION} (SWITCH_DNS, FLIP_BACK, LOWER_TTL, RESTORE_TTL). Clusters and
 * applications live in separate name spaces, so a cluster and an application with the same name do
 * not fence each other. Cluster names alone would fence names, not servers (two registry names for one
 * server would be two scopes), so an executor that can identify servers ({@link ServerIdentities}) adds a
 * {@link #SERVER} scope per cluster param, keyed by the server's identity: every name of one server shares it.
 *
 * @param kind {@link #CLUSTER}, {@link #SERVER} or {@link #APPLICATION}
 * @param name the cluster's or application's name as the command's params spell it, or the server's identity
 */
public record FenceScope(String kind, String name) {
    /** Kind of a cluster scope. */
    public static final String CLUSTER = "cluster";
    /** Kind of a server scope: the identity of the server behind a cluster name ({@link ServerIdentities}). */
    public static final String SERVER = "server";
    /** Kind of an application scope (DNS commands). */
    public static final String APPLICATION = "application";

    private static final List<String> CLUSTER_PARAMS = List.of(StepParams.CLUSTER, StepParams.SOURCE_CLUSTER,
            StepParams.TARGET_CLUSTER);

    public FenceScope {
        if (!CLUSTER.equals(kind) && !SERVER.equals(kind) && !APPLICATION.equals(kind)) {
            throw new IllegalArgumentException("FenceScope.kind must be cluster, server or application, not " + kind);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("FenceScope.name must not be blank");
        }
    }

    /** The scopes {@code command} touches, without duplicates, in param order; empty when it names none. */
    public static List<FenceScope> of(StepCommand command) {
        List<FenceScope> scopes = new ArrayList<>();
        for (String param : CLUSTER_PARAMS) {
            add(scopes, CLUSTER, command.params().get(param));
        }
        add(scopes, APPLICATION, command.params().get(StepParams.APPLICATION));
        return List.copyOf(scopes);
    }

    /**
     * The scopes of {@link #of(StepCommand)} plus, for each cluster param whose server {@code identities} identifies,
     * that server's scope.
     */
    public static List<FenceScope> of(StepCommand command, ServerIdentities identities)
            throws ServerIdentities.IdentityUnavailableException {
        List<FenceScope> scopes = new ArrayList<>(of(command));
        for (String param : CLUSTER_PARAMS) {
            if (command.params().get(param) instanceof String cluster && !cluster.isBlank()) {
                Optional<String> identity = identities.identify(cluster.trim());
                if (identity.isPresent()) {
                    add(scopes, SERVER, identity.get());
                }
            }
        }
        return List.copyOf(scopes);
    }

    private static void add(List<FenceScope> scopes, String kind, Object value) {
        if (value instanceof String text && !text.isBlank()) {
            FenceScope scope = new FenceScope(kind, text.trim());
            if (!scopes.contains(scope)) {
                scopes.add(scope);
            }
        }
    }

    /** The scope as stored in an event's facts: {@code kind:name}. */
    public String key() {
        return kind + ':' + name;
    }

    /** The inverse of {@link #key()}. */
    public static FenceScope parse(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a fence scope: " + key);
        }
        return new FenceScope(key.substring(0, colon), key.substring(colon + 1));
    }

    /** For people: {@code cluster source}, {@code application storefront}. */
    @Override
    public String toString() {
        return kind + ' ' + name;
    }
}
