package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.NodePackage;
import io.cdcaudit.testservers.internal.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dynalite of its own: this test stops, kills and restarts it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynaliteServerTest {

  private static DynaliteServer dynalite;

  @BeforeAll
  static void start() {
    long started = System.nanoTime();
    dynalite = DynaliteServer.start();
    System.err.printf("dynalite ready in %.1f s on %s%n", (System.nanoTime() - started) / 1e9, dynalite.endpoint());
  }

  @AfterAll
  static void close() {
    if (dynalite != null) {
      dynalite.close();
      assertThat(dynalite.isRunning()).isFalse();
      assertThat(Ports.accepts(dynalite.port())).isFalse();
    }
  }

  @Test
  @Order(1)
  void creates_a_kcl_lease_table_and_puts_and_gets_a_lease() {
    String table = KclLeaseTables.create(dynalite, "orders-app");
    assertThat(table).isEqualTo("orders-app");
    try (DynamoDbClient client = KclLeaseTables.client(dynalite)) {
      TableDescription description = client.describeTable(r -> r.tableName(table)).table();
      assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
      assertThat(description.keySchema()).singleElement().satisfies(key -> {
        assertThat(key.attributeName()).isEqualTo("leaseKey");
        assertThat(key.keyType()).isEqualTo(KeyType.HASH);
      });
      GlobalSecondaryIndexDescription index = description.globalSecondaryIndexes().get(0);
      assertThat(index.indexName()).isEqualTo(KclLeaseTables.LEASE_OWNER_INDEX);
      assertThat(index.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
          .containsExactly("leaseOwner:HASH", "leaseKey:RANGE");
      assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);

      Map<String, AttributeValue> lease = Map.of(
          "leaseKey", AttributeValue.fromS("shardId-000000000000"),
          "leaseOwner", AttributeValue.fromS("worker-1"),
          "leaseCounter", AttributeValue.fromN("1"));
      client.putItem(r -> r.tableName(table).item(lease));
      assertThat(client.getItem(r -> r.tableName(table).consistentRead(true)
          .key(Map.of("leaseKey", AttributeValue.fromS("shardId-000000000000")))).item()).isEqualTo(lease);
      assertThat(client.query(r -> r.tableName(table).indexName(KclLeaseTables.LEASE_OWNER_INDEX)
          .keyConditionExpression("leaseOwner = :owner")
          .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS("worker-1")))).items())
          .singleElement().satisfies(keys -> assertThat(keys).containsOnlyKeys("leaseKey", "leaseOwner"));
    }
  }

  @Test
  @Order(2)
  void listens_on_127_0_0_1_only_and_logs_to_its_own_file() {
    assertThat(dynalite.endpoint().toString()).isEqualTo("http://127.0.0.1:" + dynalite.port());
    assertThat(dynalite.region()).isEqualTo("us-east-1");
    assertThat(ListeningSockets.addressesOf(dynalite.port())).isEqualTo(Set.of("127.0.0.1"));
    assertThat(dynalite.logFile()).hasFileName("dynalite-" + dynalite.port() + ".log");
    assertThat(Files.exists(dynalite.logFile())).isTrue();
  }

  @Test
  @Order(3)
  void stop_closes_the_port_and_a_restart_serves_again_with_no_table() {
    dynalite.stop();
    assertThat(dynalite.isRunning()).isFalse();
    assertThat(Ports.accepts(dynalite.port())).isFalse();

    dynalite.restart();
    try (DynamoDbClient client = KclLeaseTables.client(dynalite)) {
      assertThat(client.listTables().tableNames()).isEmpty();
    }
  }

  @Test
  @Order(4)
  void kill_closes_the_port() {
    dynalite.kill();
    assertThat(dynalite.isRunning()).isFalse();
    assertThat(Ports.accepts(dynalite.port())).isFalse();
    dynalite.restart();
    assertThat(dynalite.isRunning()).isTrue();
  }

  @Test
  @Order(5)
  void exits_when_the_test_jvm_end_of_its_stdin_closes_as_when_the_jvm_dies() throws Exception {
    Process process = dynalite.process().process();
    process.getOutputStream().close();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(dynalite.isRunning()).isFalse();
    assertThat(Ports.accepts(dynalite.port())).isFalse();
    dynalite.restart();
    assertThat(dynalite.isRunning()).isTrue();
  }

  @Test
  void the_shared_instance_is_started_once() {
    assertThat(TestServers.dynalite()).isSameAs(TestServers.dynalite());
    assertThat(TestServers.dynalite().isRunning()).isTrue();
  }

  @Test
  void says_how_to_install_the_package_when_it_is_missing() {
    assertThatThrownBy(() -> NodePackage.require("no-such-server", DynaliteServer.CLI))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("npm ci --prefix audit-test-servers/servers/no-such-server")
        .hasMessageContaining("scripts/lib/ensure-tools");
  }
}
