package io.handoff.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The application's view of one connection: a physical connection from the current master's pool, replaced by a
 * fresh one between two statements when a flip moved the master (or ended a fence, which may have killed the
 * session) and no transaction is open on it. Inside a transaction nothing is replaced and nothing is held: the
 * application sees what it would without the library. Used by one thread at a time, as JDBC connections are.
 */
final class FollowingConnection implements InvocationHandler {
    /** Connection settings an application may make, applied again to a replacement connection, in order. */
    private static final Set<String> SETTINGS = Set.of("setAutoCommit", "setTransactionIsolation", "setCatalog",
            "setSchema", "setReadOnly", "setHoldability", "setClientInfo", "setTypeMap");

    /** While a fence is announced, each autocommit statement first pings its session, for at most this long. */
    private static final int VALIDATION_SECONDS = 1;

    private final HandoffDataSource owner;
    private final List<Object[]> settings = new ArrayList<>();
    private Connection physical;
    private Endpoint at;
    /** Fences ended when the physical connection was taken. */
    private long settledAtBorrow;
    /** Replacements so far: statements re-create theirs when it changed. */
    private long swaps;
    private boolean inTransaction;
    private boolean closed;
    private HandoffConnection proxy;

    private FollowingConnection(HandoffDataSource owner, Connection physical, MasterRoute.Snapshot at) {
        this.owner = owner;
        this.physical = physical;
        this.at = at.endpoint();
        this.settledAtBorrow = at.settled();
    }

    static HandoffConnection wrap(HandoffDataSource owner, Connection physical, MasterRoute.Snapshot at) {
        FollowingConnection handler = new FollowingConnection(owner, physical, at);
        handler.proxy = (HandoffConnection) Proxy.newProxyInstance(HandoffConnection.class.getClassLoader(),
                new Class<?>[] {HandoffConnection.class}, handler);
        return handler.proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "endpoint":
                return at;
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "HandoffConnection[" + owner.application() + " at " + at + "]";
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(self) ? self : physical.unwrap((Class<?>) args[0]);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(self) || physical.isWrapperFor((Class<?>) args[0]);
            case "close":
                close();
                return null;
            case "isClosed":
                return closed || physical.isClosed();
            case "createStatement":
            case "prepareStatement":
            case "prepareCall":
                return statement(method, args);
            case "commit":
            case "rollback":
                Object ended = Invocations.call(physical, method, args);
                if (args == null || args.length == 0) {
                    inTransaction = false;
                }
                return ended;
            default:
                break;
        }
        if (SETTINGS.contains(name)) {
            settings.add(new Object[] {method, args});
            Object result = Invocations.call(physical, method, args);
            if (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0])) {
                inTransaction = false;
            }
            return result;
        }
        return Invocations.call(physical, method, args);
    }

    private Object statement(Method factory, Object[] args) throws Throwable {
        Statement created = (Statement) Invocations.call(physical, factory, args);
        Class<?> type = factory.getReturnType();
        FollowingStatement handler = new FollowingStatement(this, factory, args, created);
        Class<?>[] interfaces = type == CallableStatement.class ? new Class<?>[] {CallableStatement.class}
                : type == PreparedStatement.class ? new Class<?>[] {PreparedStatement.class} : new Class<?>[] {Statement.class};
        return Proxy.newProxyInstance(HandoffConnection.class.getClassLoader(), interfaces, handler);
    }

    /**
     * Before a statement runs: outside a transaction, holds while a fence holds it (bounded: {@link MasterRoute#awaitOpen})
     * and takes a fresh physical connection when the master moved or a fence ended since this one was taken. Returns
     * the fences ended then.
     */
    long beforeStatement() throws SQLException {
        if (inTransaction) {
            return owner.route().now().settled();
        }
        boolean autoCommit = physical.getAutoCommit();
        if (autoCommit && owner.route().armed() && !physical.isValid(VALIDATION_SECONDS)) {
            // The fence's kill ended this session: the fence reached the old master, hold until it ends.
            owner.route().fencedByServer();
        }
        MasterRoute.Snapshot open = owner.route().awaitOpen(!autoCommit);
        if (open.settled() != settledAtBorrow || !open.endpoint().equals(at)) {
            replaceWith(open);
        }
        return open.settled();
    }

    /** After a statement ran: with autocommit off, a transaction is open until commit or rollback. */
    void afterStatement() throws SQLException {
        if (!physical.getAutoCommit()) {
            inTransaction = true;
        }
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /** Replaces the physical connection with a fresh one at {@code to}, with the application's settings. */
    void replaceWith(MasterRoute.Snapshot to) throws SQLException {
        Connection fresh = owner.pools().borrow(to.endpoint());
        try {
            for (Object[] setting : settings) {
                Invocations.call(fresh, (Method) setting[0], (Object[]) setting[1]);
            }
        } catch (Throwable e) {
            Invocations.closeQuietly(fresh);
            owner.pools().release(to.endpoint());
            throw e instanceof SQLException sql ? sql : new SQLException("handoff: cannot set up a connection to "
                    + to.endpoint() + ": " + e, e);
        }
        Connection old = physical;
        Endpoint oldAt = at;
        physical = fresh;
        at = to.endpoint();
        settledAtBorrow = to.settled();
        swaps++;
        owner.swapped();
        Invocations.closeQuietly(old);
        owner.pools().release(oldAt);
    }

    Connection physical() {
        return physical;
    }

    long swaps() {
        return swaps;
    }

    Connection proxy() {
        return proxy;
    }

    HandoffDataSource owner() {
        return owner;
    }

    private void close() {
        if (!closed) {
            closed = true;
            Invocations.closeQuietly(physical);
            owner.pools().release(at);
        }
    }
}
