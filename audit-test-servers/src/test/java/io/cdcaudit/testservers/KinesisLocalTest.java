package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.NodePackage;
import io.cdcaudit.testservers.internal.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A kinesis-mock of its own: this test stops, kills and restarts it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KinesisLocalTest {

  private static KinesisLocal kinesis;

  @BeforeAll
  static void start() {
    long started = System.nanoTime();
    kinesis = KinesisLocal.start();
    System.err.printf("kinesis-local ready in %.1f s on %s%n", (System.nanoTime() - started) / 1e9,
        kinesis.endpoint());
  }

  @AfterAll
  static void close() {
    if (kinesis != null) {
      kinesis.close();
      assertThat(kinesis.isRunning()).isFalse();
      assertThat(Ports.accepts(kinesis.plainPort())).isFalse();
    }
  }

  @Test
  @Order(1)
  void puts_and_gets_a_record_on_a_stream_of_two_shards() {
    String stream = KinesisStreams.createUnique(kinesis, "orders", 2);
    assertThat(stream).matches("orders-[0-9a-f]{8}");
    try (KinesisClient client = KinesisStreams.client(kinesis)) {
      assertThat(client.listShards(r -> r.streamName(stream)).shards()).hasSize(2);
      PutRecordResponse put = client.putRecord(r -> r.streamName(stream).partitionKey("order-1")
          .data(SdkBytes.fromUtf8String("{\"id\":1}")));
      String iterator = client.getShardIterator(r -> r.streamName(stream).shardId(put.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      List<Record> records = client.getRecords(r -> r.shardIterator(iterator)).records();
      assertThat(records).singleElement().satisfies(record -> {
        assertThat(record.partitionKey()).isEqualTo("order-1");
        assertThat(record.sequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(record.data().asUtf8String()).isEqualTo("{\"id\":1}");
      });
      assertThat(client.listStreams().streamNames()).contains(stream);
    }
  }

  @Test
  @Order(2)
  void listens_on_127_0_0_1_only_and_logs_to_its_own_file() {
    assertThat(kinesis.endpoint().toString()).isEqualTo("http://127.0.0.1:" + kinesis.plainPort());
    assertThat(kinesis.tlsPort()).isNotEqualTo(kinesis.plainPort());
    assertThat(kinesis.region()).isEqualTo("us-east-1");
    assertThat(ListeningSockets.addressesOf(kinesis.plainPort())).isEqualTo(Set.of("127.0.0.1"));
    assertThat(ListeningSockets.addressesOf(kinesis.tlsPort())).isEqualTo(Set.of("127.0.0.1"));
    assertThat(kinesis.logFile()).hasFileName("kinesis-local-" + kinesis.plainPort() + ".log");
    assertThat(Files.exists(kinesis.logFile())).isTrue();
  }

  @Test
  @Order(3)
  void stop_closes_the_ports_and_a_restart_serves_again_with_no_stream() {
    kinesis.stop();
    assertThat(kinesis.isRunning()).isFalse();
    assertThat(Ports.accepts(kinesis.plainPort())).isFalse();
    assertThat(Ports.accepts(kinesis.tlsPort())).isFalse();

    kinesis.restart();
    try (KinesisClient client = KinesisStreams.client(kinesis)) {
      assertThat(client.listStreams().streamNames()).isEmpty();
    }
  }

  @Test
  @Order(4)
  void kill_closes_the_ports() {
    kinesis.kill();
    assertThat(kinesis.isRunning()).isFalse();
    assertThat(Ports.accepts(kinesis.plainPort())).isFalse();
    kinesis.restart();
    assertThat(kinesis.isRunning()).isTrue();
  }

  @Test
  @Order(5)
  void exits_when_the_test_jvm_end_of_its_stdin_closes_as_when_the_jvm_dies() throws Exception {
    Process process = kinesis.process().process();
    process.getOutputStream().close();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kinesis.isRunning()).isFalse();
    assertThat(Ports.accepts(kinesis.plainPort())).isFalse();
    kinesis.restart();
    assertThat(kinesis.isRunning()).isTrue();
  }

  @Test
  void the_shared_instance_is_started_once() {
    assertThat(TestServers.kinesisLocal()).isSameAs(TestServers.kinesisLocal());
    assertThat(TestServers.kinesisLocal().isRunning()).isTrue();
  }

  @Test
  void says_how_to_install_node_and_the_package_when_they_are_missing() {
    assertThatThrownBy(() -> NodePackage.findNodeOn("/nonexistent"))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("scripts/lib/ensure-tools");
    assertThatThrownBy(() -> NodePackage.require("no-such-server", KinesisLocal.MAIN))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("npm ci --prefix audit-test-servers/servers/no-such-server");
  }
}
