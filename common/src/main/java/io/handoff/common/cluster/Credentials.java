package io.handoff.common.cluster;

import io.handoff.common.Require;

/**
 * An account and its password; the password never appears in {@link #toString()}.
 *
 * @param user     account name
 * @param password its password
 */
public record Credentials(String user, Secret password) {

    /** Validates both components. */
    public Credentials {
        Require.nonBlank(user, "Credentials.user");
        Require.nonNull(password, "Credentials.password");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + Secret.MASK + "]";
    }
}
