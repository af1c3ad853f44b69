package io.handoff.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement of a {@link FollowingConnection}. Each execution asks the connection first (the hold and the
 * replacement of its physical connection); after a replacement the statement is made again on the new physical
 * connection, with the settings and parameters the application gave it. A statement the server refused as
 * read-only before it ran, outside a transaction, runs once more on the master once a fence ended (see
 * {@link HandoffDataSource}).
 */
final class FollowingStatement implements InvocationHandler {
    private final FollowingConnection connection;
    private final Method factory;
    private final Object[] factoryArgs;
    /** Settings (by name) and parameters (by index or name), as the application last gave them. */
    private final Map<String, Object[]> given = new LinkedHashMap<>();
    private final List<Object> batch = new ArrayList<>();
    private Statement physical;
    private long swapsSeen;

    FollowingStatement(FollowingConnection connection, Method factory, Object[] factoryArgs, Statement physical) {
        this.connection = connection;
        this.factory = factory;
        this.factoryArgs = factoryArgs;
        this.physical = physical;
        this.swapsSeen = connection.swaps();
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "HandoffStatement[" + physical + "]";
            case "getConnection":
                return connection.proxy();
            case "addBatch":
                batch.add(args == null || args.length == 0 ? new LinkedHashMap<>(parameters()) : args[0]);
                return Invocations.call(physical, method, args);
            case "clearBatch":
                batch.clear();
                return Invocations.call(physical, method, args);
            case "clearParameters":
                given.keySet().removeIf(key -> key.startsWith("p:"));
                return Invocations.call(physical, method, args);
            default:
                break;
        }
        if (name.startsWith("execute")) {
            return execute(method, args);
        }
        if (name.startsWith("set") && args != null && args.length > 0) {
            given.put(key(method, args), new Object[] {method, args});
        }
        return Invocations.call(physical, method, args);
    }

    private Object execute(Method method, Object[] args) throws Throwable {
        long settled = connection.beforeStatement();
        refresh();
        boolean inTransaction = connection.inTransaction();
        try {
            return ran(method, args);
        } catch (SQLException refused) {
            if (inTransaction || !Invocations.refusedAsReadOnly(refused)) {
                throw refused;
            }
            MasterRoute.Snapshot master = connection.owner().route().refusedAsReadOnly(settled);
            if (master == null) {
                refused.addSuppressed(new SQLException("handoff: no fence ended within "
                        + connection.owner().route().budget().toMillis() + " ms after this read-only refusal: not retried"));
                throw refused;
            }
            connection.replaceWith(master);
            refresh();
            connection.owner().retried();
            return ran(method, args);
        }
    }

    private Object ran(Method method, Object[] args) throws Throwable {
        Object result = Invocations.call(physical, method, args);
        connection.afterStatement();
        if (method.getName().startsWith("executeBatch") || method.getName().startsWith("executeLargeBatch")) {
            batch.clear();
        }
        return result;
    }

    /** After the connection's physical connection was replaced: the same statement, made again on the new one. */
    private void refresh() throws Throwable {
        if (swapsSeen == connection.swaps()) {
            return;
        }
        Statement fresh = (Statement) Invocations.call(connection.physical(), factory, factoryArgs);
        try {
            for (Map.Entry<String, Object[]> setting : given.entrySet()) {
                if (!setting.getKey().startsWith("p:")) {
                    Invocations.call(fresh, (Method) setting.getValue()[0], (Object[]) setting.getValue()[1]);
                }
            }
            for (Object entry : batch) {
                if (entry instanceof Map<?, ?> parameters) {
                    for (Object call : parameters.values()) {
                        Invocations.call(fresh, (Method) ((Object[]) call)[0], (Object[]) ((Object[]) call)[1]);
                    }
                    ((PreparedStatement) fresh).addBatch();
                } else {
                    fresh.addBatch((String) entry);
                }
            }
            for (Object[] call : parameters().values()) {
                Invocations.call(fresh, (Method) call[0], (Object[]) call[1]);
            }
        } catch (Throwable e) {
            Invocations.closeQuietly(fresh);
            throw e;
        }
        Invocations.closeQuietly(physical);
        physical = fresh;
        swapsSeen = connection.swaps();
    }

    private Map<String, Object[]> parameters() {
        Map<String, Object[]> parameters = new LinkedHashMap<>();
        given.forEach((key, call) -> {
            if (key.startsWith("p:")) {
                parameters.put(key, call);
            }
        });
        return parameters;
    }

    /** A parameter's setter is keyed by the parameter (index or name), a statement setting by its name. */
    private static String key(Method method, Object[] args) {
        Class<?> declaring = method.getDeclaringClass();
        boolean parameter = (declaring == PreparedStatement.class || declaring == CallableStatement.class)
                && (args[0] instanceof Integer || args[0] instanceof String);
        return parameter ? "p:" + args[0] : method.getName();
    }
}
