package io.handoff.localstack.dialect;

import io.handoff.localstack.db.StackFlavor;
import org.junit.jupiter.api.Nested;

/** Every dialect contract on Oracle MySQL 9.7: MySQL source, MySQL target administered with every privilege. */
class MySqlDialectIT {

    static FlavourPair pair() {
        return FlavourPair.of(StackFlavor.MYSQL, StackFlavor.MYSQL);
    }

    @Nested
    class Replication extends ReplicationContract {
        @Override
        protected FlavourPair pair() {
            return MySqlDialectIT.pair();
        }
    }

    @Nested
    class ReadOnly extends ReadOnlyContract {
        @Override
        protected FlavourPair pair() {
            return MySqlDialectIT.pair();
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
            return MySqlDialectIT.pair();
        }
    }

    @Nested
    class Binlog extends BinlogContract {
        @Override
        protected FlavourPair pair() {
            return MySqlDialectIT.pair();
        }
    }

    @Nested
    class Accounts extends AccountsContract {
        @Override
        protected FlavourPair pair() {
            return MySqlDialectIT.pair();
        }

        @Override
        protected boolean clusterAccountCanSwitchBinlogOff() {
            return true;
        }
    }
}
