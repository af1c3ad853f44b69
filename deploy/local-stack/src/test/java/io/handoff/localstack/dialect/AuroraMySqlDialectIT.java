package io.handoff.localstack.dialect;

import io.handoff.localstack.db.StackFlavor;
import org.junit.jupiter.api.Nested;

/** Every dialect contract on an Aurora-like target: Oracle MySQL 9.7 set up as Aurora MySQL 3 (master user without SUPER, the mysql.rds_* procedures), replicating from a MySQL source. */
class AuroraMySqlDialectIT {

    static FlavourPair pair() {
        return FlavourPair.of(StackFlavor.MYSQL, StackFlavor.AURORA_MYSQL);
    }

    @Nested
    class Replication extends ReplicationContract {
        @Override
        protected FlavourPair pair() {
            return AuroraMySqlDialectIT.pair();
        }
    }

    @Nested
    class ReadOnly extends ReadOnlyContract {
        @Override
        protected FlavourPair pair() {
            return AuroraMySqlDialectIT.pair();
        }

        @Override
        protected boolean globalReadOnlyAllowed() {
            return false;
        }
    }

    @Nested
    class Kill extends KillContract {
        @Override
        protected FlavourPair pair() {
            return AuroraMySqlDialectIT.pair();
        }
    }

    @Nested
    class Binlog extends BinlogContract {
        @Override
        protected FlavourPair pair() {
            return AuroraMySqlDialectIT.pair();
        }
    }

    @Nested
    class Accounts extends AccountsContract {
        @Override
        protected FlavourPair pair() {
            return AuroraMySqlDialectIT.pair();
        }

        @Override
        protected boolean clusterAccountCanSwitchBinlogOff() {
            return false;
        }
    }
}
