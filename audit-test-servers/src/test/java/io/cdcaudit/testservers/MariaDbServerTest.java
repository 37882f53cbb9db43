package io.cdcaudit.testservers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbServerTest {

  private static MariaDbServer db;

  @BeforeAll
  static void start() {
    long started = System.nanoTime();
    db = TestServers.mariaDb();
    System.err.printf("MariaDB ready in %.1f s on %s:%d%n", (System.nanoTime() - started) / 1e9, db.host(), db.port());
  }

  @Test
  void writes_and_reads_rows_through_jdbc() throws SQLException {
    db.createDatabase("mariadb_it");
    db.execute("mariadb_it",
        "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(64) NOT NULL, balance DECIMAL(10,2))",
        "INSERT INTO accounts VALUES (1, 'alice', 10.50), (2, 'bob', NULL)");

    try (Connection connection = db.connection("mariadb_it");
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT id, owner, balance FROM accounts ORDER BY id")) {
      List<String> read = new ArrayList<>();
      while (rows.next()) {
        read.add(rows.getInt(1) + ":" + rows.getString(2) + ":" + rows.getBigDecimal(3));
      }
      assertThat(read).containsExactly("1:alice:10.50", "2:bob:null");
    }
    assertThat(db.jdbcUrl("mariadb_it")).isEqualTo("jdbc:mariadb://127.0.0.1:" + db.port() + "/mariadb_it");
  }

  @Test
  void has_a_row_binlog_configured_like_the_fixture_captures() throws SQLException {
    assertThat(variable("binlog_format")).isEqualTo("ROW");
    assertThat(variable("log_bin")).isEqualTo("ON");
    assertThat(variable("binlog_row_image")).isEqualTo("FULL");
    assertThat(variable("binlog_annotate_row_events")).isEqualTo("ON");
    assertThat(variable("server_id")).isEqualTo("1");
    assertThat(variable("character_set_server")).isEqualTo("utf8mb4");
    assertThat(variable("old_mode")).isEmpty();
    assertThat(variable("time_zone")).isEqualTo("+00:00");
    assertThat(variable("bind_address")).isEqualTo("127.0.0.1");
    assertThat(variable("skip_name_resolve")).isEqualTo("ON");
    assertThat(variable("port")).isEqualTo(Integer.toString(db.port()));
    assertThat(db.port()).isNotEqualTo(3306);
  }

  @Test
  void the_cdc_user_has_replication_rights_and_owns_the_maxwell_schema() throws SQLException {
    List<String> grants = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(null), db.cdcUser(), db.cdcPassword());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
      while (rows.next()) {
        grants.add(rows.getString(1));
      }
      statement.execute("CREATE DATABASE IF NOT EXISTS maxwell");
    }
    assertThat(String.join("\n", grants))
        .contains("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE")
        .containsAnyOf("REPLICATION CLIENT", "BINLOG MONITOR")
        .contains("ALL PRIVILEGES ON `maxwell`.*");
    assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(null), db.cdcUser(), "wrong").close())
        .isInstanceOf(SQLException.class);
  }

  @Test
  void says_how_to_install_mariadb_when_the_binary_is_missing() {
    assertThatThrownBy(() -> MariaDbServer.requireInstalled("/nonexistent/mariadbd", MariaDbServer.INSTALL_DB))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("apt-get install -y mariadb-server");
  }

  private static String variable(String name) throws SQLException {
    try (Connection connection = db.connection(null);
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SHOW VARIABLES LIKE '" + name + "'")) {
      assertThat(rows.next()).as("variable %s exists", name).isTrue();
      return rows.getString(2);
    }
  }
}
