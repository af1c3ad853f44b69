package io.handoff.demo;

import io.handoff.localstack.db.StackFlavor;
import java.util.List;

/**
 * A MariaDB server cannot replicate into MySQL (MariaDB's GTIDs and binlog events are not MySQL's): a real
 * MariaDB source and a real MySQL 9.7 target are refused at PRECHECK by the {@code flavors} check.
 */
class MariaDbToMySqlRefusedIT extends RefusedPairContract {
    MariaDbToMySqlRefusedIT() {
        super(List.of(StackFlavor.MARIADB, StackFlavor.MYSQL), "flavors", List.of("MariaDB", "MySQL"));
    }
}
