package io.handoff.common.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's version number as {@code SELECT VERSION()} reports it, reduced to major, minor and
 * patch: {@code 8.4.3}, {@code 11.4.5-MariaDB-log}, {@code 8.0.mysql_aurora.3.05.2} (patch 0).
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version, 0 when not given
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {

    private static final Pattern LEADING = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Validates that no part is negative. */
    public ServerVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("ServerVersion parts must not be negative: " + major + "." + minor + "." + patch);
        }
    }

    /** Parses the leading {@code major.minor[.patch]} of a version string. */
    public static ServerVersion parse(String version) {
        Matcher m = LEADING.matcher(version == null ? "" : version.strip());
        if (!m.find()) {
            throw new IllegalArgumentException("Not a server version: '" + version + "' (expected e.g. 8.0.39 or 11.4.5-MariaDB)");
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** {@code true} when this version is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return compareTo(new ServerVersion(major, minor, 0)) >= 0;
    }

    @Override
    public int compareTo(ServerVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
