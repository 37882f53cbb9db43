package io.cdcaudit.examples.demo;

import io.cdcaudit.event.Operation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's SQL workload: a small shop whose people change customers and orders, each statement
 * tagged with its actor the way an application using sqlcommenter would, and the row changes it
 * makes. Every UPDATE changes the values it touches, so each matched row is one binlog change.
 */
final class DemoWorkload {

  /** Orders a batch job creates and updates after the hand-made steps, to give the pipeline some volume. */
  static final int BATCH_ORDERS = 300;

  private final List<ExpectedChange> expected = new ArrayList<>();
  private final Consumer<String> progress;

  DemoWorkload(Consumer<String> progress) {
    this.progress = progress;
  }

  /** The row changes made so far. */
  List<ExpectedChange> expected() {
    return List.copyOf(expected);
  }

  void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL, "
          + "name VARCHAR(100) NOT NULL, tier VARCHAR(10) NOT NULL DEFAULT 'basic', updated_by VARCHAR(40) NULL) CHARSET utf8mb4");
      s.execute("CREATE TABLE orders (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, "
          + "status VARCHAR(16) NOT NULL, total DECIMAL(10,2) NOT NULL, updated_by VARCHAR(40) NULL)");
    }
  }

  void run(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      step("alice registers three customers (one multi-row INSERT)");
      s.executeUpdate("INSERT INTO customers (email, name, updated_by) VALUES "
          + "('ana@example.com', 'Ana Lima', 'alice'), ('bjorn@example.com', 'Björn Ørsted', 'alice'), "
          + "('chen@example.com', '陈静', 'alice') /* actor='alice',request='signup-7' */");
      expect("customers", Operation.INSERT, 1, 2, 3);

      step("bob takes four orders");
      for (int i = 1; i <= 4; i++) {
        s.executeUpdate("INSERT INTO orders (customer_id, status, total, updated_by) VALUES (" + (i % 2 + 1) + ", 'new', "
            + (19.99 * i) + ", 'bob') /* actor='bob' */");
        expect("orders", Operation.INSERT, i);
      }

      step("alice corrects Ana's e-mail address");
      s.executeUpdate("UPDATE customers SET email = 'ana.lima@example.com', updated_by = 'alice' WHERE id = 1 /* actor='alice' */");
      expect("customers", Operation.UPDATE, 1);

      step("carol upgrades two customers in one statement");
      s.executeUpdate("UPDATE customers SET tier = 'silver', updated_by = 'carol' WHERE id IN (1, 2) /* actor='carol' */");
      expect("customers", Operation.UPDATE, 1, 2);

      step("bob records two payments and a tier change in one transaction");
      c.setAutoCommit(false);
      s.executeUpdate("UPDATE orders SET status = 'paid', updated_by = 'bob' WHERE id = 1 /* actor='bob' */");
      s.executeUpdate("UPDATE orders SET status = 'paid', updated_by = 'bob' WHERE id = 2 /* actor='bob' */");
      s.executeUpdate("UPDATE customers SET tier = 'gold', updated_by = 'bob' WHERE id = 1 /* actor='bob' */");
      c.commit();
      expect("orders", Operation.UPDATE, 1, 2);
      expect("customers", Operation.UPDATE, 1);

      step("a transaction that is rolled back changes nothing");
      s.executeUpdate("UPDATE orders SET total = 0.00, updated_by = 'mallory' WHERE id = 1 /* actor='mallory' */");
      c.rollback();
      c.setAutoCommit(true);

      step("dave cancels order 3, then removes it");
      s.executeUpdate("UPDATE orders SET status = 'cancelled', updated_by = 'dave' WHERE id = 3 /* actor='dave' */");
      s.executeUpdate("DELETE FROM orders WHERE id = 3 /* actor='dave' */");
      expect("orders", Operation.UPDATE, 3);
      expect("orders", Operation.DELETE, 3);

      step("alice erases customer 3 on request");
      s.executeUpdate("DELETE FROM customers WHERE id = 3 /* actor='alice',reason='erasure-request' */");
      expect("customers", Operation.DELETE, 3);

      step("a schema change: orders get a shipping date");
      s.execute("ALTER TABLE orders ADD COLUMN shipped_on DATE NULL");

      step("dave ships orders 1 and 2 in one statement");
      s.executeUpdate("UPDATE orders SET status = 'shipped', shipped_on = '2026-11-23', updated_by = 'dave' "
          + "WHERE id IN (1, 2) /* actor='dave' */");
      expect("orders", Operation.UPDATE, 1, 2);

      step("a batch job imports " + BATCH_ORDERS + " orders and confirms each, 20 per transaction");
      c.setAutoCommit(false);
      for (int i = 0; i < BATCH_ORDERS; i++) {
        s.executeUpdate("INSERT INTO orders (customer_id, status, total, updated_by) VALUES (2, 'new', " + (5 + i % 50)
            + ".25, 'importer') /* actor='importer' */", Statement.RETURN_GENERATED_KEYS);
        long id;
        try (var keys = s.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
        s.executeUpdate("UPDATE orders SET status = 'confirmed' WHERE id = " + id + " /* actor='importer' */");
        expect("orders", Operation.INSERT, id);
        expect("orders", Operation.UPDATE, id);
        if (i % 20 == 19) {
          c.commit();
        }
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private void step(String description) {
    progress.accept("workload: " + description);
  }

  private void expect(String table, Operation operation, long... ids) {
    for (long id : ids) {
      expected.add(new ExpectedChange(table, id, operation));
    }
  }
}
