package io.handoff.route53emu;

import java.security.SecureRandom;
import java.util.Random;

/** Generates Route 53-style ids: a prefix letter followed by upper-case letters and digits. */
final class Ids {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final Random RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new hosted zone id such as {@code Z04219582Q7SD0EXAMPLE} (21 characters, starting with Z). */
    static String zoneId() {
        return "Z" + random(20);
    }

    /** A new change id such as {@code C2682N5HXP0BZ4} (starting with C). */
    static String changeId() {
        return "C" + random(20);
    }

    private static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
