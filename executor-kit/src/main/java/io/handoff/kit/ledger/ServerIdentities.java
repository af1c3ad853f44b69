package io.handoff.kit.ledger;

import java.util.Optional;

/**
 * What a registry name stands for, for fencing: the identity of the server behind a cluster name, so that
 * fencing epochs hold per server and not per name (issue 16, point 4). Two registry names for one server then
 * share its {@link FenceScope#SERVER server scope}, and the epochs applied there are written to
 * {@code handoff.step-events} with the command's other scopes ({@link LedgerFacts#FENCED_SCOPES}), so a
 * restarted executor rebuilds them too.
 *
 * <p>Optional: an executor without such a bean (DNS, monitor) fences by name only. Called on the command worker
 * thread, once per cluster param of each command, before the command is admitted.
 */
public interface ServerIdentities {

    /**
     * The identity of the server that {@code cluster} names, stable across restarts of the server and of the
     * executor; empty when the name is not one of this executor's clusters (the handler then refuses the command).
     *
     * @throws IdentityUnavailableException when the server cannot be asked (the command is refused, retryable, and
     *                                      changes nothing: a stale command must not pass for want of an identity)
     */
    Optional<String> identify(String cluster) throws IdentityUnavailableException;

    /** The server behind a cluster name could not be identified; the message names the cluster, never a password. */
    final class IdentityUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public IdentityUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
