package io.handoff.cutover.durability;

import io.handoff.localstack.db.DatabaseServer;

/**
 * Registers the MariaDB JDBC driver as loaded by the local stack's class loader. When a
 * {@code @QuarkusTest} shares the test JVM, {@code DriverManager} may first discover the driver through
 * a Quarkus class loader, and then refuses that copy to {@link DatabaseServer#connect} ("No suitable
 * driver"); loading the class here registers the copy the stack's code can use.
 */
final class JdbcDriver {
    private JdbcDriver() {
    }

    static void register() {
        try {
            Class.forName("org.mariadb.jdbc.Driver", true, DatabaseServer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the MariaDB JDBC driver is not on the test class path", e);
        }
    }
}
