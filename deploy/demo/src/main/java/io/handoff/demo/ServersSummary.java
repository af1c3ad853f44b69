package io.handoff.demo;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary's {@code servers}: per side, the flavour asked for and what the server itself says it is
 * ({@code SELECT VERSION()}, {@code @@version_comment}), read at run time as the account handoff used
 * there, with that account's grants (so an Aurora-like target shows a master user without SUPER).
 */
final class ServersSummary {
    private ServersSummary() {
    }

    static Map<String, Object> of(LocalStack stack) {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("source", of(stack.source()));
        servers.put("target", of(stack.target()));
        return servers;
    }

    private static Map<String, Object> of(DatabaseServer server) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("flavor", server.flavor().optionName());
        side.put("account", server.clusterAccount().user());
        try (Connection admin = server.connect(server.clusterAccount()); Statement sql = admin.createStatement()) {
            try (ResultSet row = sql.executeQuery("SELECT VERSION(), @@version_comment")) {
                row.next();
                side.put("version", row.getString(1));
                side.put("versionComment", row.getString(2));
            }
            List<String> grants = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SHOW GRANTS")) {
                while (rows.next()) {
                    grants.add(rows.getString(1).replaceAll("IDENTIFIED BY PASSWORD '[^']*'", "IDENTIFIED BY PASSWORD '****'"));
                }
            }
            side.put("grants", grants);
        } catch (SQLException e) {
            side.put("error", e.getMessage());
        }
        return side;
    }
}
