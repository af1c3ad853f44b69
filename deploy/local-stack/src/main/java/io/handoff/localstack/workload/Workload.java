package io.handoff.localstack.workload;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo and test workload of docs/DESIGN.md: applications that keep writing to their database (inserts,
 * updates and deletes of their rows, transfers between balances: {@link Operation}), found through DNS the
 * way real clients find it, while a flip moves it.
 *
 * <p>Each {@link WorkloadApplication} gets its own writer threads (see {@link WriterThread}): each thread
 * resolves the application's database name through {@link WorkloadSettings#dnsServer()} and caches the
 * answer for its TTL, keeps one connection to the server that answer names, and inserts rows with ids
 * unique across the whole workload into {@code <schema>.handoff_writes}, updates and deletes them, and moves
 * amounts between the rows of {@code handoff_accounts}, paced to the application's rate. Every attempt and its
 * outcome (acknowledged, failed before commit, in doubt), and every error, is recorded; {@link #report()}
 * snapshots them from any thread, and {@link WorkloadReconciliation} compares them with a server's rows.
 *
 * <p>Lifecycle: {@link #prepare()} (optional, before the data is seeded or replicated elsewhere),
 * {@link #start()} once, {@link #stop()} or {@link #close()}. After {@code stop()} returns, no thread writes
 * and the report is final.
 */
public final class Workload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workload.class);

    private final WorkloadSettings settings;
    private final List<WorkloadApplication> applications;
    private final Clock clock = Clock.systemUTC();
    private final DatabaseConnector connector;
    private final WorkloadRecorder recorder;
    private final AtomicLong ids = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private boolean started;

    public Workload(WorkloadSettings settings, List<WorkloadApplication> applications) {
        if (applications.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one application");
        }
        Map<String, String> schemas = new LinkedHashMap<>();
        for (WorkloadApplication application : applications) {
            if (schemas.put(application.name(), application.schema()) != null) {
                throw new IllegalArgumentException("two applications named " + application.name());
            }
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.applications = List.copyOf(applications);
        this.connector = new DatabaseConnector(settings);
        this.recorder = new WorkloadRecorder(schemas);
    }

    /**
     * Creates each application's schema and {@link WritesTable} on the server its database name resolves to
     * now, with the application's account, on the calling thread. Returns the server address per
     * application.
     */
    public Map<String, String> prepare() throws IOException, SQLException {
        Map<String, String> prepared = new LinkedHashMap<>();
        for (WorkloadApplication application : applications) {
            ResolvedAddress resolved = newResolver().resolve(application.databaseName());
            try (Connection connection = connector.open(resolved.address(), application)) {
                WritesTable.create(connection, application.schema());
            }
            prepared.put(application.name(), resolved.server());
        }
        return prepared;
    }

    /** Starts every application's writer threads (daemon threads named {@code workload-<application>-<n>}). */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("a workload starts only once");
        }
        started = true;
        running = true;
        WriterThread.Shared shared = new WriterThread.Shared(connector, ids::incrementAndGet, recorder,
                () -> running, clock);
        for (WorkloadApplication application : applications) {
            Pacer pacer = Pacer.of(application.writesPerSecond(), System::nanoTime);
            for (int number = 1; number <= application.threads(); number++) {
                WriterThread writer = new WriterThread(application, number,
                        new CachedAddress(application.databaseName(), newResolver(), clock), pacer,
                        new Backoff(settings.initialBackoff(), settings.maxBackoff()), shared);
                Thread thread = new Thread(writer, "workload-" + application.name() + "-" + number);
                thread.setDaemon(true);
                threads.add(thread);
            }
        }
        threads.forEach(Thread::start);
        LOG.info("workload started: {} threads for {}", threads.size(),
                applications.stream().map(WorkloadApplication::name).toList());
    }

    /**
     * Stops the writer threads and waits for them: a thread inside a connect or an insert finishes it (and
     * records its outcome) first, bounded by the JDBC timeouts. Idempotent.
     */
    public synchronized void stop() {
        running = false;
        threads.forEach(LockSupport::unpark);
        long deadline = System.nanoTime() + settings.longestBlockingCall().plusSeconds(5).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.warn("workload: {} did not stop in time", thread.getName());
            }
        }
        if (threads.stream().noneMatch(Thread::isAlive)) {
            recorder.stopped();
        }
        if (!threads.isEmpty()) {
            LOG.info("workload stopped: {}", report().summary());
        }
        threads.clear();
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public boolean isRunning() {
        return running;
    }

    /** A snapshot of everything recorded so far; callable from any thread, at any time. */
    public WorkloadReport report() {
        return recorder.snapshot();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private NameResolver newResolver() {
        return DnsNameResolver.udp(settings.dnsServer(), settings.dnsTimeout(), clock);
    }
}
