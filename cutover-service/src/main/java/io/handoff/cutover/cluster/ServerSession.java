package io.handoff.cutover.cluster;

/**
 * One session of a server's process list.
 *
 * @param id      connection id, what a kill takes
 * @param user    account name; {@code null} for some background threads
 * @param host    client address
 * @param command what the session does ({@code Query}, {@code Sleep}, {@code Binlog Dump}, ...)
 */
public record ServerSession(long id, String user, String host, String command) {
}
