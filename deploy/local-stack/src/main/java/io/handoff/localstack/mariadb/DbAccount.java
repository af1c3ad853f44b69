package io.handoff.localstack.mariadb;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * An account the local stack creates on both servers. Its password is random per stack and is
 * never printed: {@link #toString()} leaves it out.
 */
public record DbAccount(String user, String password) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public DbAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** An account with a fresh random password. */
    public static DbAccount withRandomPassword(String user) {
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new DbAccount(user, password.toString());
    }

    @Override
    public String toString() {
        return "DbAccount[user=" + user + ", password=****]";
    }
}
