package io.handoff.client;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The application's pools, one per endpoint, made by its factory when first needed. A pool the master moved away
 * from is retired: closed (when it is {@link AutoCloseable}) once the last connection borrowed from it is given
 * back, so that no application transaction is cut short by the library. Thread-safe.
 */
final class Pools implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Pools.class.getName());

    private static final class Pool {
        final DataSource source;
        int borrowed;
        boolean retired;

        Pool(DataSource source) {
            this.source = source;
        }
    }

    private final Function<Endpoint, DataSource> factory;
    private final Map<Endpoint, Pool> pools = new HashMap<>();
    private boolean closed;

    Pools(Function<Endpoint, DataSource> factory) {
        this.factory = factory;
    }

    /** Makes the pool of {@code endpoint} now (a pool may start opening connections), before a statement needs it. */
    synchronized void prepare(Endpoint endpoint) {
        if (!closed) {
            pool(endpoint).retired = false;
        }
    }

    /** A physical connection to {@code endpoint}; give it back with {@link #release}. */
    Connection borrow(Endpoint endpoint) throws SQLException {
        Pool pool;
        synchronized (this) {
            if (closed) {
                throw new SQLException("handoff: the data source is closed");
            }
            pool = pool(endpoint);
            pool.retired = false;
            pool.borrowed++;
        }
        try {
            return pool.source.getConnection();
        } catch (SQLException | RuntimeException e) {
            release(endpoint);
            throw e;
        }
    }

    /** A connection of {@code endpoint}'s pool was closed (given back). */
    void release(Endpoint endpoint) {
        AutoCloseable retire = null;
        synchronized (this) {
            Pool pool = pools.get(endpoint);
            if (pool == null) {
                return;
            }
            pool.borrowed--;
            if (pool.retired && pool.borrowed <= 0) {
                pools.remove(endpoint);
                retire = closable(pool);
            }
        }
        closeQuietly(endpoint, retire);
    }

    /** Retires every pool but {@code master}'s. */
    void retireAllBut(Endpoint master) {
        Map<Endpoint, AutoCloseable> retire = new HashMap<>();
        synchronized (this) {
            for (Map.Entry<Endpoint, Pool> entry : new ArrayList<>(pools.entrySet())) {
                if (entry.getKey().equals(master)) {
                    continue;
                }
                entry.getValue().retired = true;
                if (entry.getValue().borrowed <= 0) {
                    pools.remove(entry.getKey());
                    retire.put(entry.getKey(), closable(entry.getValue()));
                }
            }
        }
        retire.forEach(Pools::closeQuietly);
    }

    private Pool pool(Endpoint endpoint) {
        return pools.computeIfAbsent(endpoint, e -> new Pool(factory.apply(e)));
    }

    private static AutoCloseable closable(Pool pool) {
        return pool.source instanceof AutoCloseable closable ? closable : null;
    }

    private static void closeQuietly(Endpoint endpoint, AutoCloseable pool) {
        if (pool == null) {
            return;
        }
        try {
            pool.close();
            LOG.log(Level.DEBUG, "handoff: closed the pool of {0}", endpoint);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "handoff: closing the pool of {0} failed: {1}", endpoint, e.toString());
        }
    }

    @Override
    public void close() {
        List<Map.Entry<Endpoint, Pool>> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(pools.entrySet());
            pools.clear();
        }
        all.forEach(entry -> closeQuietly(entry.getKey(), closable(entry.getValue())));
    }
}
