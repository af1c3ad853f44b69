package io.handoff.localstack.workload;

import io.handoff.localstack.mariadb.DbAccount;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One application of a {@link Workload}: where its database is (a DNS name, resolved by the workload
 * through the configured DNS server, and a port), which account it writes with, into which schema, with
 * how many writer threads and at which rate.
 *
 * @param name           the application's name, written into every row (at most 64 characters)
 * @param databaseName   the DNS name of its database, e.g. {@code db.storefront.internal.example.}; a name
 *                       without trailing dot is taken as absolute
 * @param port           the database port (the local servers share one port; DNS alone picks the server)
 * @param account        the application account; its password is never logged
 * @param schema         the schema holding {@link WritesTable#NAME}; a plain identifier
 * @param threads        writer threads, at least 1
 * @param writesPerSecond target rate of the application (all its threads together); 0 = as fast as possible
 * @param mix            which writes it makes
 * @param connections    where its threads take connections from instead of resolving {@code databaseName} themselves
 *                       (e.g. the handoff client library, which follows the planner's events), or null: DNS only. Each
 *                       thread keeps the connection it took until a write on it fails; acknowledgements name the server
 *                       the connection's URL names at the end of the write.
 */
public record WorkloadApplication(String name, String databaseName, int port, DbAccount account, String schema,
        int threads, double writesPerSecond, Mix mix, DataSource connections) {

    /** Which writes the application makes. */
    public enum Mix {
        /** INSERTs, UPDATEs, DELETEs and transfers ({@link ThreadRows}): the default. */
        MIXED,
        /** INSERTs only, e.g. against servers that do not replicate to each other. */
        INSERTS
    }

    /** Threads of {@link #of}. */
    public static final int DEFAULT_THREADS = 2;

    public WorkloadApplication {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(account, "account");
        WritesTable.requireValidSchema(schema);
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("name must have 1 to 64 characters: " + name);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        Objects.requireNonNull(mix, "mix");
        if (!(writesPerSecond >= 0) || Double.isInfinite(writesPerSecond)) {
            throw new IllegalArgumentException("writesPerSecond must be 0 (unlimited) or positive: " + writesPerSecond);
        }
    }

    /** An application with {@value #DEFAULT_THREADS} threads making {@link Mix#MIXED} writes as fast as they can. */
    public static WorkloadApplication of(String name, String databaseName, int port, DbAccount account, String schema) {
        return new WorkloadApplication(name, databaseName, port, account, schema, DEFAULT_THREADS, 0, Mix.MIXED, null);
    }

    public WorkloadApplication withThreads(int count) {
        return new WorkloadApplication(name, databaseName, port, account, schema, count, writesPerSecond, mix, connections);
    }

    public WorkloadApplication withWritesPerSecond(double rate) {
        return new WorkloadApplication(name, databaseName, port, account, schema, threads, rate, mix, connections);
    }

    public WorkloadApplication withMix(Mix writes) {
        return new WorkloadApplication(name, databaseName, port, account, schema, threads, writesPerSecond, writes, connections);
    }

    /** The same application taking its connections from {@code source} (see {@link #connections()}). */
    public WorkloadApplication withConnections(DataSource source) {
        return new WorkloadApplication(name, databaseName, port, account, schema, threads, writesPerSecond, mix,
                Objects.requireNonNull(source, "source"));
    }

    /** Whether its threads take connections from {@link #connections()} rather than from DNS. */
    public boolean followsItsOwnSource() {
        return connections != null;
    }
}
