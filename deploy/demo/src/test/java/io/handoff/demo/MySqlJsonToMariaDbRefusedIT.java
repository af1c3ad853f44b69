package io.handoff.demo;

import io.handoff.localstack.db.StackFlavor;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * MySQL logs JSON columns in its binary format, which MariaDB (JSON as LONGTEXT) cannot apply: a real MySQL 9.7
 * source with a JSON column and a real MariaDB target are refused at PRECHECK by the {@code json_columns} check,
 * which names the table and column.
 */
class MySqlJsonToMariaDbRefusedIT extends RefusedPairContract {
    MySqlJsonToMariaDbRefusedIT() {
        super(List.of(StackFlavor.MYSQL, StackFlavor.MARIADB), "json_columns", List.of("shop_storefront.documents (body)", "MariaDB"));
    }

    @Override
    protected void prepareSource(Statement admin) throws SQLException {
        admin.execute("CREATE TABLE shop_storefront.documents (id BIGINT PRIMARY KEY, body JSON NOT NULL)");
        admin.execute("INSERT INTO shop_storefront.documents VALUES (1, JSON_OBJECT('sku', 'a-1', 'qty', 3))");
    }
}
