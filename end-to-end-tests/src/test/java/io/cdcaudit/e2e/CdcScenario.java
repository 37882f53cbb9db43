package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.actor.ActorResolver;
import io.cdcaudit.actor.RowColumnActorResolver;
import io.cdcaudit.actor.SqlCommentActorResolver;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.MariaDbServer;
import io.cdcaudit.trail.AuditTrail;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL workload both producers' end-to-end tests run, and what the audit trail must hold
 * afterwards. Values are compared as text, because the producers print some types differently
 * (a DECIMAL is a JSON number in Maxwell and a string in Debezium with decimal.handling.mode=string).
 */
final class CdcScenario {

  /** Row changes the workload makes (the rolled-back transaction makes none). */
  static final int ROW_CHANGES = 13;

  final String database;
  final TableRef accounts;
  final TableRef transfers;

  CdcScenario(String database) {
    this.database = database;
    this.accounts = TableRef.of(database, "accounts");
    this.transfers = TableRef.of(database, "transfers");
  }

  /** Runs the workload, statement by statement, as an application would. */
  void run(MariaDbServer db) throws Exception {
    db.execute(database,
        "CREATE TABLE accounts (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL, "
            + "name VARCHAR(100) NULL, balance DECIMAL(12,2) NULL, updated_by VARCHAR(40) NULL) CHARSET utf8mb4",
        "CREATE TABLE transfers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, from_id INT NOT NULL, to_id INT NOT NULL, "
            + "amount DECIMAL(12,2) NOT NULL)",
        "INSERT INTO accounts (email, name, balance, updated_by) VALUES ('ana@example.com', 'Ana Lima', 100.50, 'alice')",
        "INSERT INTO accounts (email, name, balance, updated_by) VALUES ('bjorn@example.com', NULL, NULL, 'bob')",
        "INSERT INTO accounts (email, name, balance, updated_by) VALUES ('zoe@example.com', 'Zoë Ørsted 漢字 🙂', 0.01, 'carol')",
        "UPDATE accounts SET balance = 99.99, updated_by = 'alice' WHERE id = 1 /* actor='alice',request='r-17' */",
        "UPDATE accounts SET name = 'Björn', balance = 5.00, updated_by = 'bob' WHERE id = 2",
        "UPDATE accounts SET name = NULL, updated_by = 'carol' WHERE id = 3");
    try (var connection = db.connection(database); var statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO transfers (from_id, to_id, amount) VALUES (1, 2, 10.00)");
      statement.execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
      statement.execute("UPDATE accounts SET balance = balance + 10 WHERE id = 2");
      connection.commit();
      statement.execute("UPDATE accounts SET email = 'never@example.com' WHERE id = 3");
      connection.rollback();
    }
    db.execute(database,
        "DELETE FROM accounts WHERE id = 3",
        "ALTER TABLE accounts ADD COLUMN tier VARCHAR(10) NULL",
        "INSERT INTO accounts (email, tier, updated_by) VALUES ('dan@example.com', 'gold', 'dave')",
        "UPDATE accounts SET tier = 'basic' WHERE tier IS NULL");
  }

  /** A pipeline from {@code topic} into {@code store}, attributing actors from comments, then from updated_by. */
  static AuditPipeline pipeline(KafkaBroker kafka, String topic, AuditStore store, InMemoryDeadLetterSink deadLetters) {
    return pipeline(KafkaChangeSource.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .groupId("e2e-" + UUID.randomUUID())
        .topics(topic)
        .build(), store, deadLetters);
  }

  /** A pipeline from {@code source} into {@code store}, attributing actors from comments, then from updated_by. */
  static AuditPipeline pipeline(ChangeSource source, AuditStore store, InMemoryDeadLetterSink deadLetters) {
    return AuditPipeline.builder()
        .source(source)
        .decoder(ChangeDecoders.auto())
        .store(store)
        .deadLetters(deadLetters)
        .records(AuditRecordFactory.builder()
            .actors(ActorResolver.firstOf(SqlCommentActorResolver.create(), RowColumnActorResolver.of("updated_by")))
            .build())
        .pollTimeout(Duration.ofMillis(100))
        .build();
  }

  /** Waits until the trail holds every row change, and the pipeline has nothing more in flight. */
  void awaitTrail(AuditQueries store, AuditPipeline pipeline) {
    await().atMost(Duration.ofSeconds(120)).until(() -> rowRecords(store).size() >= ROW_CHANGES);
    await().atMost(Duration.ofSeconds(60))
        .until(() -> pipeline.health().inFlightMessages() == 0 && pipeline.health().lag() <= 0); // -1: not known
  }

  List<AuditRecord> rowRecords(AuditQueries store) {
    AuditTrail trail = AuditTrail.over(store);
    return java.util.stream.Stream.of(accounts, transfers)
        .flatMap(table -> trail.stream(AuditQuery.byTable(table), SortOrder.OLDEST_FIRST))
        .filter(r -> r.event().operation().isRowChange())
        .toList();
  }

  private List<AuditRecord> history(AuditQueries store, TableRef table, long id) {
    return AuditTrail.over(store).stream(AuditQuery.rowHistory(table, PrimaryKey.of("id", id)), SortOrder.OLDEST_FIRST).toList();
  }

  private static String text(io.cdcaudit.event.Row row, String column) {
    Value v = row.get(column);
    return v == null ? "<absent>" : v.asText();
  }

  private static List<String> changedColumns(AuditRecord record) {
    return record.changes().stream().map(FieldChange::column).toList();
  }

  /** Checks every change arrived once, with correct images, diffs, transactions and actors. */
  void assertTrail(AuditQueries store, InMemoryDeadLetterSink deadLetters, boolean statementsCarried) {
    assertThat(deadLetters.letters()).as("dead letters").isEmpty();
    List<AuditRecord> rows = rowRecords(store);
    assertThat(rows).as("row changes in the trail").hasSize(ROW_CHANGES);
    Set<String> distinct = new HashSet<>();
    for (AuditRecord r : rows) {
      distinct.add(r.event().table() + " " + r.event().primaryKey() + " " + r.event().operation() + " " + r.event().after() + r.event().before());
    }
    assertThat(distinct).as("no change is doubled").hasSize(ROW_CHANGES);

    List<AuditRecord> ana = history(store, accounts, 1);
    assertThat(ana).extracting(r -> r.event().operation())
        .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE, Operation.UPDATE);
    assertThat(text(ana.get(0).event().after(), "name")).isEqualTo("Ana Lima");
    assertThat(text(ana.get(0).event().after(), "balance")).isEqualTo("100.50");
    assertThat(text(ana.get(1).event().before(), "balance")).isEqualTo("100.50");
    assertThat(text(ana.get(1).event().after(), "balance")).isEqualTo("99.99");
    assertThat(changedColumns(ana.get(1))).containsExactly("balance");
    assertThat(text(ana.get(2).event().after(), "balance")).isEqualTo("89.99");
    assertThat(changedColumns(ana.get(3))).containsExactly("tier");
    assertThat(text(ana.get(3).event().after(), "tier")).isEqualTo("basic");

    List<AuditRecord> bjorn = history(store, accounts, 2);
    assertThat(bjorn).hasSize(4);
    assertThat(bjorn.get(0).event().after().get("name")).isEqualTo(Value.NULL);
    assertThat(changedColumns(bjorn.get(1))).containsExactly("name", "balance");
    assertThat(text(bjorn.get(1).event().after(), "name")).isEqualTo("Björn");
    assertThat(text(bjorn.get(2).event().after(), "balance")).isEqualTo("15.00");

    List<AuditRecord> zoe = history(store, accounts, 3);
    assertThat(zoe).extracting(r -> r.event().operation()).containsExactly(Operation.INSERT, Operation.UPDATE, Operation.DELETE);
    assertThat(text(zoe.get(0).event().after(), "name")).isEqualTo("Zoë Ørsted 漢字 🙂");
    assertThat(changedColumns(zoe.get(1))).containsExactly("name");
    assertThat(zoe.get(1).event().after().get("name")).isEqualTo(Value.NULL);
    assertThat(text(zoe.get(2).event().before(), "email")).isEqualTo("zoe@example.com");
    assertThat(zoe.get(2).event().after().isEmpty()).isTrue();

    List<AuditRecord> dan = history(store, accounts, 4);
    assertThat(dan).singleElement().satisfies(r -> assertThat(text(r.event().after(), "tier")).isEqualTo("gold"));

    // The committed transaction's three changes share one transaction id, which no other change has.
    AuditRecord transfer = history(store, transfers, 1).get(0);
    String tx = transfer.event().transaction().orElseThrow().id();
    List<AuditRecord> inTx = rows.stream().filter(r -> r.event().transaction().map(t -> t.id().equals(tx)).orElse(false)).toList();
    assertThat(inTx).containsExactlyInAnyOrder(transfer, ana.get(2), bjorn.get(2));
    // The multi-row UPDATE is one transaction too.
    assertThat(ana.get(3).event().transaction().orElseThrow().id()).isEqualTo(bjorn.get(3).event().transaction().orElseThrow().id());

    // Actors: from the sqlcommenter tag where the producer carries the statement, else from updated_by.
    Actor anaUpdater = ana.get(1).actor();
    assertThat(anaUpdater.name()).isEqualTo("alice");
    if (statementsCarried) {
      assertThat(anaUpdater.source()).isEqualTo(Actor.Source.SQL_COMMENT);
      assertThat(anaUpdater.attributes()).containsEntry("request", "r-17");
      assertThat(ana.get(1).event().statement()).hasValueSatisfying(s -> assertThat(s).contains("SET balance = 99.99"));
    } else {
      assertThat(anaUpdater.source()).isEqualTo(Actor.Source.ROW_COLUMN);
    }
    assertThat(bjorn.get(1).actor()).isEqualTo(new Actor("bob", Actor.Source.ROW_COLUMN, Map.of("column", "updated_by", "image", "after")));
    assertThat(zoe.get(2).actor().name()).isEqualTo("carol");

    // The ALTER TABLE is in the trail as a schema change of the table.
    assertThat(AuditTrail.over(store).stream(AuditQuery.byTable(accounts), SortOrder.OLDEST_FIRST)
        .filter(r -> r.event().operation() == Operation.SCHEMA_CHANGE)
        .map(r -> r.event().statement().orElse("")))
        .anySatisfy(ddl -> assertThat(ddl).containsIgnoringCase("ADD COLUMN tier"));
  }
}
