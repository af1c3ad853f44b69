-- Aurora MySQL's mysql.rds_* procedures, emulated on a local MariaDB server so that a non-SUPER
-- master account can do, through them, what Aurora lets its master user do. Each is SQL SECURITY
-- DEFINER, created by root (run as root over the unix socket), and does the real thing.
-- Per server, never replicated: installed with sql_log_bin=0. These are Aurora MySQL version 2's names
-- (AuroraMySqlDialect.ON_MARIADB); ssl_encryption=1 encrypts without verifying the certificate, as AWS
-- documents for Aurora.
SET sql_log_bin=0;

CREATE TABLE IF NOT EXISTS mysql.rds_configuration (
  name VARCHAR(100) NOT NULL PRIMARY KEY,
  value VARCHAR(100) NULL,
  description VARCHAR(300) NOT NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO mysql.rds_configuration VALUES
  ('binlog retention hours', NULL, 'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.');

DELIMITER ;;

CREATE OR REPLACE DEFINER='root'@'localhost' PROCEDURE mysql.rds_kill(IN thread BIGINT)
SQL SECURITY DEFINER
BEGIN
  KILL CONNECTION thread;
END;;

CREATE OR REPLACE DEFINER='root'@'localhost' PROCEDURE mysql.rds_stop_replication()
SQL SECURITY DEFINER
BEGIN
  STOP SLAVE;
END;;

CREATE OR REPLACE DEFINER='root'@'localhost' PROCEDURE mysql.rds_start_replication()
SQL SECURITY DEFINER
BEGIN
  START SLAVE;
END;;

CREATE OR REPLACE DEFINER='root'@'localhost' PROCEDURE mysql.rds_reset_external_master()
SQL SECURITY DEFINER
BEGIN
  STOP SLAVE;
  RESET SLAVE ALL;
END;;

CREATE OR REPLACE DEFINER='root'@'localhost' PROCEDURE mysql.rds_set_external_master(
  IN host VARCHAR(255), IN port INT, IN user_name VARCHAR(128), IN user_password VARCHAR(128),
  IN log_name VARCHAR(255), IN log_pos BIGINT, IN ssl_encryption INT)
SQL SECURITY DEFINER
BEGIN
  SET @rds_change = CONCAT('CHANGE MASTER TO MASTER_HOST=', QUOTE(host), ', MASTER_PORT=', port,
      ', MASTER_USER=', QUOTE(user_name), ', MASTER_PASSWORD=', QUOTE(user_password),
      ', MASTER_LOG_FILE=', QUOTE(log_name), ', MASTER_LOG_POS=', log_pos, ', MASTER_USE_GTID=no',
      IF(ssl_encryption = 1, ', MASTER_SSL=1, MASTER_SSL_VERIFY_SERVER_CERT=0', ', MASTER_SSL=0'));
  PREPARE rds_change FROM @rds_change;
  EXECUTE rds_change;
  DEALLOCATE PREPARE rds_change;
  SET @rds_change = NULL;
END;;

-- Aurora starts from the replica's own GTID state; MariaDB's closest form is gtid_slave_pos, which
-- the caller sets first (AuroraMySqlDialect over a MariaDB server).
CREATE OR REPLACE DEFINER='root'@'localhost' PROCEDURE mysql.rds_set_external_master_with_auto_position(
  IN host VARCHAR(255), IN port INT, IN user_name VARCHAR(128), IN user_password VARCHAR(128),
  IN ssl_encryption INT, IN delay INT)
SQL SECURITY DEFINER
BEGIN
  SET @rds_change = CONCAT('CHANGE MASTER TO MASTER_HOST=', QUOTE(host), ', MASTER_PORT=', port,
      ', MASTER_USER=', QUOTE(user_name), ', MASTER_PASSWORD=', QUOTE(user_password),
      ', MASTER_DELAY=', delay, ', MASTER_USE_GTID=slave_pos',
      IF(ssl_encryption = 1, ', MASTER_SSL=1, MASTER_SSL_VERIFY_SERVER_CERT=0', ', MASTER_SSL=0'));
  PREPARE rds_change FROM @rds_change;
  EXECUTE rds_change;
  DEALLOCATE PREPARE rds_change;
  SET @rds_change = NULL;
END;;

CREATE OR REPLACE DEFINER='root'@'localhost' PROCEDURE mysql.rds_set_configuration(IN config_name VARCHAR(100), IN config_value VARCHAR(100))
SQL SECURITY DEFINER
BEGIN
  UPDATE mysql.rds_configuration SET value = config_value WHERE name = config_name;
  IF config_name = 'binlog retention hours' THEN
    SET GLOBAL binlog_expire_logs_seconds = CAST(IFNULL(config_value, '0') AS UNSIGNED) * 3600;
  END IF;
END;;

DELIMITER ;
SET sql_log_bin=1;
