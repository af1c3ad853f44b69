package io.handoff.cutover.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error codes in the messages of the client programs: {@code mariadb-dump: Error 2013: Lost
 * connection ...}, {@code mariadb-dump: Got error: 2002: "Can't connect ..."}, {@code Couldn't execute
 * '...': Server shutdown in progress (1053)}, {@code ERROR 1064 (42000) at line 12: ...}. Pure.
 */
final class ErrorCodes {
    private static final Pattern CODE = Pattern.compile("(?i)(?:\\berror:? |\\()(\\d{4})\\b");

    private ErrorCodes() {
    }

    /** The codes in {@code messages}, in order of appearance. */
    static List<Integer> in(String messages) {
        Matcher matcher = CODE.matcher(messages == null ? "" : messages);
        List<Integer> codes = new ArrayList<>();
        while (matcher.find()) {
            codes.add(Integer.parseInt(matcher.group(1)));
        }
        return List.copyOf(codes);
    }
}
