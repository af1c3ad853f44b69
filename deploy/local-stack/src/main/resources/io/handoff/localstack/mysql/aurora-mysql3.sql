-- Aurora MySQL version 3's mysql.rds_* procedures on a real MySQL 8.0+ server (tried on MySQL 9.7.4),
-- so that an administrative account without SUPER, SYSTEM_VARIABLES_ADMIN, CONNECTION_ADMIN,
-- REPLICATION_SLAVE_ADMIN (Aurora's master user) controls replication, kills and read-only through them,
-- as on Aurora. Signatures and behaviour as AWS documents them for version 3:
--   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-replicating.html
--     rds_set_external_source, rds_set_external_source_with_auto_position, rds_reset_external_source,
--     rds_set_source_auto_position, rds_set_binlog_source_ssl, rds_next_source_log, rds_set_read_only
--     (3.06+), rds_start_replication, rds_stop_replication, rds_skip_repl_error
--   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-ending.html (rds_kill, rds_kill_query)
--   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-configuring.html (rds_set_configuration)
--   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-gtid.html (rds_gtid_purged, 3.04+)
--
-- Run as root through the mysql client (DELIMITER), after the account 'master'@'%' exists. Per server,
-- never replicated: everything runs with sql_log_bin=0. Safe to run again (CREATE ... IF NOT EXISTS,
-- DROP PROCEDURE IF EXISTS).
--
-- What AWS documents and this copies: every procedure is SQL SECURITY DEFINER, owned by a locked
-- 'rdsadmin'@'localhost'; ssl_encryption of rds_set_external_source_with_auto_position "isn't currently
-- implemented" (ignored here too: rds_set_binlog_source_ssl encrypts); SOURCE_SSL_VERIFY_SERVER_CERT is
-- not supported and always 0 (encrypted, certificate not verified); the procedures do not set
-- GET_SOURCE_PUBLIC_KEY, so a caching_sha2_password replication account needs SOURCE_SSL=1 (as AWS says
-- for RDS for MySQL 8.4); rds_set_read_only changes read_only only (not super_read_only), at run time.
--
-- What MySQL refuses and how this works around it (SIGNAL's MESSAGE_TEXT holds at most 128 characters):
-- - CHANGE REPLICATION SOURCE TO takes literals only (no procedure variables): built as text and run with
--   PREPARE/EXECUTE (MySQL allows CHANGE REPLICATION SOURCE, START/STOP/RESET REPLICA, KILL in prepared
--   statements); values quoted with QUOTE().
-- - SHOW REPLICA STATUS cannot be read into variables in a procedure, and performance_schema may be off:
--   rds_next_source_log reads the receiver's file from mysql.slave_master_info (the connection metadata
--   repository, a table by default since 8.0).
-- - sql_replica_skip_counter is refused with GTID_MODE=ON (error 1858), and SET gtid_next is refused inside
--   stored procedures: rds_skip_repl_error says so and names the way out (an empty transaction with the
--   failing GTID, by root), as Aurora's mysql.rds_skip_transaction_with_gtid would do.
SET SESSION sql_log_bin = 0;

CREATE USER IF NOT EXISTS 'rdsadmin'@'localhost' IDENTIFIED WITH caching_sha2_password ACCOUNT LOCK;
GRANT ALL PRIVILEGES ON *.* TO 'rdsadmin'@'localhost' WITH GRANT OPTION;

CREATE TABLE IF NOT EXISTS mysql.rds_configuration (
  name VARCHAR(100) NOT NULL PRIMARY KEY,
  value VARCHAR(100) NULL,
  description VARCHAR(300) NOT NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO mysql.rds_configuration VALUES
  ('binlog retention hours', NULL, 'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.');

-- The DB cluster parameter group of a cluster that keeps a binlog (binlog_format set, as replication back to the
-- old source needs) and takes triggers or stored routines from its master user: that account has no SUPER, so
-- MySQL refuses CREATE TRIGGER/FUNCTION/PROCEDURE while binlogging (error 1419) unless this is 1. Aurora sets it
-- in the parameter group; here it is persisted, as a parameter group survives reboots.
SET PERSIST log_bin_trust_function_creators = ON;

DROP PROCEDURE IF EXISTS mysql.rds_kill;
DROP PROCEDURE IF EXISTS mysql.rds_kill_query;
DROP PROCEDURE IF EXISTS mysql.rds_start_replication;
DROP PROCEDURE IF EXISTS mysql.rds_stop_replication;
DROP PROCEDURE IF EXISTS mysql.rds_reset_external_source;
DROP PROCEDURE IF EXISTS mysql.rds_set_external_source;
DROP PROCEDURE IF EXISTS mysql.rds_set_external_source_with_auto_position;
DROP PROCEDURE IF EXISTS mysql.rds_set_source_auto_position;
DROP PROCEDURE IF EXISTS mysql.rds_set_binlog_source_ssl;
DROP PROCEDURE IF EXISTS mysql.rds_next_source_log;
DROP PROCEDURE IF EXISTS mysql.rds_set_read_only;
DROP PROCEDURE IF EXISTS mysql.rds_set_configuration;
DROP PROCEDURE IF EXISTS mysql.rds_skip_repl_error;
DROP PROCEDURE IF EXISTS mysql.rds_gtid_purged;

DELIMITER ;;

-- Ends a session of any account (the master user may not KILL another account's session).
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_kill(IN thread BIGINT UNSIGNED)
SQL SECURITY DEFINER
BEGIN
  KILL CONNECTION thread;
END;;

-- Ends the statement a session runs, leaving the session.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_kill_query(IN thread BIGINT UNSIGNED)
SQL SECURITY DEFINER
BEGIN
  KILL QUERY thread;
END;;

CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_start_replication()
SQL SECURITY DEFINER
BEGIN
  START REPLICA;
END;;

CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_stop_replication()
SQL SECURITY DEFINER
BEGIN
  STOP REPLICA;
END;;

-- No longer a replica: stopped, and the replication configuration forgotten.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_reset_external_source()
SQL SECURITY DEFINER
BEGIN
  STOP REPLICA;
  RESET REPLICA ALL;
END;;

-- Replicates from host:port by binlog coordinates; ssl_encryption 1 encrypts (certificate not verified).
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_set_external_source(
  IN host_name VARCHAR(255), IN host_port INT, IN replication_user_name VARCHAR(32),
  IN replication_user_password VARCHAR(128), IN mysql_binary_log_file_name VARCHAR(255),
  IN mysql_binary_log_file_location BIGINT UNSIGNED, IN ssl_encryption INT)
SQL SECURITY DEFINER
BEGIN
  SET @rds_change = CONCAT('CHANGE REPLICATION SOURCE TO SOURCE_HOST=', QUOTE(host_name),
      ', SOURCE_PORT=', host_port, ', SOURCE_USER=', QUOTE(replication_user_name),
      ', SOURCE_PASSWORD=', QUOTE(replication_user_password),
      ', SOURCE_LOG_FILE=', QUOTE(mysql_binary_log_file_name), ', SOURCE_LOG_POS=', mysql_binary_log_file_location,
      ', SOURCE_AUTO_POSITION=0, SOURCE_SSL=', IF(ssl_encryption = 1, 1, 0), ', SOURCE_SSL_VERIFY_SERVER_CERT=0');
  PREPARE rds_change FROM @rds_change;
  SET @rds_change = NULL;
  EXECUTE rds_change;
  DEALLOCATE PREPARE rds_change;
END;;

-- Replicates from host:port with GTID auto-positioning. ssl_encryption is accepted and ignored, as AWS
-- documents ("isn't currently implemented"): call rds_set_binlog_source_ssl(1) to encrypt.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_set_external_source_with_auto_position(
  IN host_name VARCHAR(255), IN host_port INT, IN replication_user_name VARCHAR(32),
  IN replication_user_password VARCHAR(128), IN ssl_encryption INT)
SQL SECURITY DEFINER
BEGIN
  SET @rds_change = CONCAT('CHANGE REPLICATION SOURCE TO SOURCE_HOST=', QUOTE(host_name),
      ', SOURCE_PORT=', host_port, ', SOURCE_USER=', QUOTE(replication_user_name),
      ', SOURCE_PASSWORD=', QUOTE(replication_user_password), ', SOURCE_AUTO_POSITION=1');
  PREPARE rds_change FROM @rds_change;
  SET @rds_change = NULL;
  EXECUTE rds_change;
  DEALLOCATE PREPARE rds_change;
END;;

-- 0: binlog file positions, 1: GTID auto-positioning.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_set_source_auto_position(IN auto_position_mode INT)
SQL SECURITY DEFINER
BEGIN
  IF auto_position_mode = 1 THEN
    CHANGE REPLICATION SOURCE TO SOURCE_AUTO_POSITION = 1;
  ELSE
    CHANGE REPLICATION SOURCE TO SOURCE_AUTO_POSITION = 0;
  END IF;
END;;

-- 0: plain, 1: SOURCE_SSL encryption (the certificate is not verified).
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_set_binlog_source_ssl(IN mode INT)
SQL SECURITY DEFINER
BEGIN
  IF mode = 1 THEN
    CHANGE REPLICATION SOURCE TO SOURCE_SSL = 1, SOURCE_SSL_VERIFY_SERVER_CERT = 0;
  ELSE
    CHANGE REPLICATION SOURCE TO SOURCE_SSL = 0;
  END IF;
END;;

-- After I/O error 1236: skips the rest of the source's binlog file number curr_source_log (the index in
-- e.g. mysql-bin-changelog.012345) and goes on from the start (position 4) of the next one.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_next_source_log(IN curr_source_log INT UNSIGNED)
SQL SECURITY DEFINER
BEGIN
  DECLARE current_file VARCHAR(255);
  DECLARE next_file VARCHAR(255);
  SELECT Master_log_name INTO current_file FROM mysql.slave_master_info WHERE Channel_name = '' LIMIT 1;
  IF current_file IS NULL OR current_file NOT LIKE '%.%'
     OR CAST(SUBSTRING_INDEX(current_file, '.', -1) AS UNSIGNED) <> curr_source_log THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'rds_next_source_log: curr_source_log is not the index of the file the replica reads';
  END IF;
  SET next_file = CONCAT(SUBSTRING_INDEX(current_file, '.', 1), '.',
      LPAD(curr_source_log + 1, CHAR_LENGTH(SUBSTRING_INDEX(current_file, '.', -1)), '0'));
  STOP REPLICA;
  SET @rds_change = CONCAT('CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE=', QUOTE(next_file), ', SOURCE_LOG_POS=4');
  PREPARE rds_change FROM @rds_change;
  SET @rds_change = NULL;
  EXECUTE rds_change;
  DEALLOCATE PREPARE rds_change;
  START REPLICA;
END;;

-- 1: read_only ON, 0: OFF, at run time only (Aurora MySQL 3.06+). super_read_only is not touched: the
-- master user, without SUPER or CONNECTION_ADMIN, cannot write past read_only anyway.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_set_read_only(IN mode INT)
SQL SECURITY DEFINER
BEGIN
  IF mode = 1 THEN
    SET GLOBAL read_only = ON;
  ELSE
    SET GLOBAL read_only = OFF;
  END IF;
END;;

-- 'binlog retention hours' (NULL: purged as soon as no replica needs them; here: the server's own
-- binlog_expire_logs_seconds is left as it is) is also applied to binlog_expire_logs_seconds.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_set_configuration(IN config_name VARCHAR(100), IN config_value VARCHAR(100))
SQL SECURITY DEFINER
BEGIN
  DECLARE logged INT DEFAULT @@SESSION.sql_log_bin;
  IF NOT EXISTS (SELECT 1 FROM mysql.rds_configuration c WHERE c.name = config_name) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mysql.rds_set_configuration: unknown configuration name';
  END IF;
  -- A per-server setting: kept out of the binlog, and the caller's sql_log_bin given back.
  SET SESSION sql_log_bin = 0;
  UPDATE mysql.rds_configuration c SET c.value = config_value WHERE c.name = config_name;
  SET SESSION sql_log_bin = logged;
  IF config_name = 'binlog retention hours' AND config_value IS NOT NULL THEN
    SET GLOBAL binlog_expire_logs_seconds = CAST(config_value AS UNSIGNED) * 3600;
  END IF;
END;;

-- Skips the replica's failing event and restarts the applier (file-position replication). With
-- GTID_MODE=ON MySQL refuses the skip counter: the error says how to skip the failing GTID instead.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_skip_repl_error()
SQL SECURITY DEFINER
BEGIN
  IF @@GLOBAL.gtid_mode = 'ON' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'rds_skip_repl_error: GTID_MODE is ON; commit an empty transaction with the failing GTID instead';
  END IF;
  STOP REPLICA SQL_THREAD;
  SET GLOBAL sql_replica_skip_counter = 1;
  START REPLICA SQL_THREAD;
END;;

-- Sets gtid_purged (Aurora MySQL 3.04+), as AWS documents it in "Replicating transactions using GTIDs":
-- CALL mysql.rds_gtid_purged(gtid_set) replaces the value, CALL mysql.rds_gtid_purged('+gtid_set')
-- appends to it. gtid_set must be a superset of the current gtid_purged, must not intersect
-- GTID_SUBTRACT(gtid_executed, gtid_purged) and must not name a GTID in gtid_owned: the server's own
-- checks of SET GLOBAL gtid_purged, which refuse anything else with its error (e.g. 3546). Not binlogged
-- (setting gtid_purged writes no event); the master user has no SYSTEM_VARIABLES_ADMIN to do it directly.
CREATE DEFINER='rdsadmin'@'localhost' PROCEDURE mysql.rds_gtid_purged(IN gtid_set LONGTEXT)
SQL SECURITY DEFINER
BEGIN
  SET GLOBAL gtid_purged = gtid_set;
END;;

DELIMITER ;

GRANT EXECUTE ON PROCEDURE mysql.rds_kill TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_kill_query TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_start_replication TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_stop_replication TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_reset_external_source TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_set_external_source TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_set_external_source_with_auto_position TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_set_source_auto_position TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_set_binlog_source_ssl TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_next_source_log TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_set_read_only TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_set_configuration TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_skip_repl_error TO 'master'@'%';
GRANT EXECUTE ON PROCEDURE mysql.rds_gtid_purged TO 'master'@'%';

SET SESSION sql_log_bin = 1;
