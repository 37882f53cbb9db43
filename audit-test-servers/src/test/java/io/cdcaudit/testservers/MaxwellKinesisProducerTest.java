package io.cdcaudit.testservers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.testservers.internal.Workspace;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Maxwell's own Kinesis producer (the Kinesis Producer Library) against kinesis-local: every row arrives once, and
 * the KPL aggregates. The records are read back with the SDK and de-aggregated here, without a protobuf library.
 */
class MaxwellKinesisProducerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void produces_every_row_once_to_kinesis_in_kpl_aggregates() throws Exception {
    MariaDbServer db = TestServers.mariaDb();
    KinesisLocal kinesis = TestServers.kinesisLocal();
    String database = db.createDatabase("maxwell_kinesis_it");
    String stream = KinesisStreams.createUnique(kinesis, "maxwell", 2);
    Path workDir = Workspace.root().resolve("maxwell-it-kinesis-" + db.port());
    assertThatThrownBy(() -> MaxwellProcess.startKinesis(db, kinesis, "no spaces", "it-kinesis", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream must match");
    long started = System.nanoTime();
    // primary_key: rows spread over both shards (Maxwell's default, the database, sends all to one)
    try (MaxwellProcess maxwell = MaxwellProcess.startKinesis(db, kinesis, stream, "it-kinesis",
        Map.of("producer_partition_by", "primary_key", "filter", "exclude: *.*, include: " + database + ".*"));
         KinesisClient client = KinesisStreams.client(kinesis)) {
      System.err.printf("Maxwell (kinesis) ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
      assertThat(maxwell.isRunning()).isTrue();
      assertThat(maxwell.eventsFile()).isNull();
      assertThat(Files.readString(workDir.resolve(MaxwellProcess.KPL_PROPERTIES)))
          .contains("KinesisPort=" + kinesis.tlsPort())
          .contains("VerifyCertificate=false")
          .contains("AggregationEnabled=true");

      // the KPL asks for the shard map when the first record comes: that one goes out unaggregated
      StreamReader reader = new StreamReader(client, stream);
      db.execute(database, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(32) NOT NULL)",
          "INSERT INTO items VALUES (1, 'single-1')");
      long firstInsert = System.nanoTime();
      reader.readUntil(records -> idsOf(records, database).contains(1));
      System.err.printf("first row in Kinesis %.1f s after its insert%n", (System.nanoTime() - firstInsert) / 1e9);
      String shardMap = "Successfully updated shard map for stream \"" + stream + "\"";
      await("the KPL's shard map").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> Files.readString(maxwell.logFile()).contains(shardMap));

      String values = IntStream.rangeClosed(101, 150).mapToObj(i -> "(" + i + ", 'bulk-" + i + "')")
          .collect(Collectors.joining(", "));
      long bulkInsert = System.nanoTime();
      db.execute(database, "INSERT INTO items VALUES " + values,
          "INSERT INTO items VALUES (2, 'single-2')",
          "INSERT INTO items VALUES (3, 'single-3')",
          "INSERT INTO items VALUES (4, 'single-4')");
      Set<Integer> expected = Stream.concat(IntStream.rangeClosed(1, 4).boxed(), IntStream.rangeClosed(101, 150)
          .boxed()).collect(Collectors.toSet());
      reader.readUntil(records -> idsOf(records, database).containsAll(expected));
      System.err.printf("%d rows in Kinesis %.1f s after the bulk insert%n", expected.size(),
          (System.nanoTime() - bulkInsert) / 1e9);

      List<UserRecord> rows = rowsOf(reader.userRecords(), database);
      assertThat(rows).as("every row exactly once").hasSize(expected.size());
      assertThat(idsOf(rows, database)).containsExactlyInAnyOrderElementsOf(expected);
      for (UserRecord row : rows) {
        JsonNode event = json(row.data());
        int id = event.get("data").get("id").asInt();
        assertThat(event.get("table").asText()).isEqualTo("items");
        assertThat(event.get("type").asText()).isEqualTo("insert");
        assertThat(event.get("data").get("name").asText()).isEqualTo((id > 100 ? "bulk-" : "single-") + id);
        assertThat(row.partitionKey()).as("producer_partition_by=primary_key").isEqualTo(Integer.toString(id));
      }
      System.err.printf("%d Kinesis records (%s by shard), user records per Kinesis record: %s%n",
          reader.kinesisRecords(), reader.recordsByShard(), reader.aggregateSizes());
      assertThat(rows).as("a KPL aggregate of several rows").anyMatch(r -> r.aggregated() && r.ofRecords() > 1);
      assertThat(rows).as("the first row, sent before the shard map, is not aggregated")
          .filteredOn(r -> idOf(r) == 1).singleElement().matches(r -> !r.aggregated());
      assertThat(reader.recordsByShard().values()).as("both shards get rows").allMatch(n -> n > 0);

      db.execute(database, "INSERT INTO items VALUES (5, 'single-5')");
      reader.readUntil(records -> idsOf(records, database).contains(5));
      assertThat(rowsOf(reader.userRecords(), database)).as("a lone record, after the shard map")
          .filteredOn(r -> idOf(r) == 5).singleElement().matches(r -> !r.aggregated());
      assertThat(rowsOf(reader.userRecords(), database)).as("still every row once, over a second later")
          .hasSize(expected.size() + 1);

      assertThat(kplProcesses(workDir)).as("the KPL's native process, from its binary under kpl-tmp/").hasSize(1);
      try (Stream<Path> binaries = Files.list(workDir.resolve("kpl-tmp/amazon-kinesis-producer-native-binaries"))) {
        assertThat(binaries).as("the KPL's binary, extracted under the work directory")
            .anyMatch(f -> f.getFileName().toString().startsWith("kinesis_producer_"));
      }
      maxwell.kill();
      assertThat(kplProcesses(workDir)).as("kill() takes the KPL down too").isEmpty();
      long restarted = System.nanoTime();
      maxwell.restart();
      System.err.printf("Maxwell (kinesis) restarted in %.1f s%n", (System.nanoTime() - restarted) / 1e9);
      db.execute(database, "INSERT INTO items VALUES (6, 'single-6')");
      reader.readUntil(records -> idsOf(records, database).contains(6));
      System.err.printf("after kill and restart: %d row records for %d rows%n",
          rowsOf(reader.userRecords(), database).size(), idsOf(reader.userRecords(), database).size());
    }
    assertThat(kplProcesses(workDir)).as("no KPL process outlives Maxwell").isEmpty();
    assertThat(workDir.resolve("kpl-tmp")).as("close() deletes the extracted binary").doesNotExist();
    assertThat(workDir.resolve(MaxwellProcess.KPL_PROPERTIES)).exists();
  }

  @Test
  void jaxb_is_on_maxwells_classpath_and_not_on_the_tests() {
    assertThat(ServerJars.runsOn("maxwell")).contains("jaxb-api-2.3.1.jar", "javax.activation-api-1.2.0.jar",
        "amazon-kinesis-producer-0.12.8.jar");
    assertThatThrownBy(() -> Class.forName("javax.xml.bind.DatatypeConverter"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  private static List<ProcessHandle> kplProcesses(Path workDir) {
    String binaries = workDir.resolve("kpl-tmp").toAbsolutePath().toString();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().orElse("").startsWith(binaries)).toList();
  }

  private static List<UserRecord> rowsOf(List<UserRecord> records, String database) {
    return records.stream().filter(r -> database.equals(json(r.data()).path("database").asText())).toList();
  }

  private static Set<Integer> idsOf(List<UserRecord> records, String database) {
    return rowsOf(records, database).stream().map(MaxwellKinesisProducerTest::idOf).collect(Collectors.toSet());
  }

  private static int idOf(UserRecord record) {
    return json(record.data()).get("data").get("id").asInt();
  }

  private static JsonNode json(byte[] data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every shard from TRIM_HORIZON on and keeps what came, de-aggregated. */
  private static final class StreamReader {

    private final KinesisClient client;
    private final Map<String, String> iterators = new TreeMap<>();
    private final Map<String, Integer> recordsByShard = new TreeMap<>();
    private final List<UserRecord> userRecords = new ArrayList<>();
    private final Map<Integer, Long> aggregateSizes = new TreeMap<>();
    private int kinesisRecords;

    StreamReader(KinesisClient client, String stream) {
      this.client = client;
      for (Shard shard : client.listShards(r -> r.streamName(stream)).shards()) {
        iterators.put(shard.shardId(), client.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        recordsByShard.put(shard.shardId(), 0);
      }
    }

    void readUntil(Predicate<List<UserRecord>> done) throws InterruptedException {
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (true) {
        readOnce();
        if (done.test(userRecords)) {
          return;
        }
        assertThat(System.nanoTime() - deadline).as("records within " + READ_TIMEOUT).isNegative();
        Thread.sleep(200);
      }
    }

    void readOnce() {
      for (Map.Entry<String, String> shard : iterators.entrySet()) {
        GetRecordsResponse response = client.getRecords(r -> r.shardIterator(shard.getValue()));
        shard.setValue(response.nextShardIterator());
        for (Record record : response.records()) {
          kinesisRecords++;
          recordsByShard.merge(shard.getKey(), 1, Integer::sum);
          List<UserRecord> inside = KplAggregates.deaggregate(record.partitionKey(), record.data().asByteArray());
          aggregateSizes.merge(inside.size(), 1L, Long::sum);
          userRecords.addAll(inside);
        }
      }
    }

    List<UserRecord> userRecords() {
      return userRecords;
    }

    /** How many Kinesis records held how many user records (1: not aggregated, or an aggregate of one). */
    Map<Integer, Long> aggregateSizes() {
      return aggregateSizes;
    }

    Map<String, Integer> recordsByShard() {
      return recordsByShard;
    }

    int kinesisRecords() {
      return kinesisRecords;
    }
  }

  /**
   * A user record: Maxwell's JSON and its partition key; {@code aggregated} when it came in a KPL aggregate of
   * {@code ofRecords} user records.
   */
  private record UserRecord(String partitionKey, byte[] data, boolean aggregated, int ofRecords) {
  }

  /**
   * The KPL's aggregate format: the magic bytes {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}
   * ({@code repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
   * repeated Record records = 3}, a {@code Record} being {@code uint64 partition_key_index = 1;
   * uint64 explicit_hash_key_index = 2; bytes data = 3; repeated Tag tags = 4}), then the MD5 of the protobuf bytes.
   */
  static final class KplAggregates {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_LENGTH = 16;

    private KplAggregates() {
    }

    /** The user records in {@code data}: those of an aggregate, or {@code data} itself when it is none. */
    static List<UserRecord> deaggregate(String partitionKey, byte[] data) {
      if (data.length < MAGIC.length + MD5_LENGTH || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        return List.of(new UserRecord(partitionKey, data, false, 1));
      }
      byte[] message = Arrays.copyOfRange(data, MAGIC.length, data.length - MD5_LENGTH);
      byte[] md5 = Arrays.copyOfRange(data, data.length - MD5_LENGTH, data.length);
      if (!Arrays.equals(md5(message), md5)) {
        return List.of(new UserRecord(partitionKey, data, false, 1)); // the KPL's own rule: a bad digest means not an aggregate
      }
      List<String> partitionKeys = new ArrayList<>();
      List<Long> keyIndexes = new ArrayList<>();
      List<byte[]> payloads = new ArrayList<>();
      ProtoReader aggregate = new ProtoReader(message, 0, message.length);
      while (aggregate.more()) {
        int tag = (int) aggregate.varint();
        switch (tag) {
          case 1 << 3 | 2 -> partitionKeys.add(new String(aggregate.bytes(), StandardCharsets.UTF_8));
          case 3 << 3 | 2 -> {
            byte[] bytes = aggregate.bytes();
            ProtoReader record = new ProtoReader(bytes, 0, bytes.length);
            long keyIndex = -1;
            byte[] payload = null;
            while (record.more()) {
              int field = (int) record.varint();
              switch (field) {
                case 1 << 3 -> keyIndex = record.varint();
                case 3 << 3 | 2 -> payload = record.bytes();
                default -> record.skip(field & 7);
              }
            }
            assertThat(keyIndex).as("partition_key_index").isNotNegative();
            assertThat(payload).as("data").isNotNull();
            keyIndexes.add(keyIndex);
            payloads.add(payload);
          }
          default -> aggregate.skip(tag & 7); // explicit_hash_key_table, and anything newer
        }
      }
      List<UserRecord> records = new ArrayList<>();
      for (int i = 0; i < payloads.size(); i++) {
        records.add(new UserRecord(partitionKeys.get(keyIndexes.get(i).intValue()), payloads.get(i), true,
            payloads.size()));
      }
      return records;
    }

    private static byte[] md5(byte[] bytes) {
      try {
        return MessageDigest.getInstance("MD5").digest(bytes);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Just enough of the protobuf wire format: varints, length-delimited fields, skipping the other wire types. */
  static final class ProtoReader {

    private final byte[] buffer;
    private final int end;
    private int position;

    ProtoReader(byte[] buffer, int offset, int length) {
      this.buffer = buffer;
      this.position = offset;
      this.end = offset + length;
    }

    boolean more() {
      return position < end;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= end) {
          throw new IllegalArgumentException("truncated varint");
        }
        byte b = buffer[position++];
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    byte[] bytes() {
      long length = varint();
      if (length < 0 || length > end - position) {
        throw new IllegalArgumentException("length " + length + " past the end");
      }
      byte[] bytes = Arrays.copyOfRange(buffer, position, position + (int) length);
      position += (int) length;
      return bytes;
    }

    void skip(int wireType) {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> position += 8;
        case 2 -> bytes();
        case 5 -> position += 4;
        default -> throw new IllegalArgumentException("wire type " + wireType);
      }
      if (position > end) {
        throw new IllegalArgumentException("field past the end");
      }
    }
  }

  @Test
  void reads_a_hand_made_aggregate_and_leaves_plain_data_alone() {
    byte[] first = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] second = "{\"a\":2}".getBytes(StandardCharsets.UTF_8);
    byte[] message = concat(
        field(1, "k1".getBytes(StandardCharsets.UTF_8)), field(1, "k2".getBytes(StandardCharsets.UTF_8)),
        field(2, "170141183460469231731687303715884105728".getBytes(StandardCharsets.UTF_8)),
        field(3, concat(new byte[] {1 << 3, 0, 2 << 3, 0}, field(3, first))),
        field(3, concat(new byte[] {1 << 3, 1}, field(3, second), field(4, field(1, "t".getBytes(
            StandardCharsets.UTF_8))))));
    byte[] aggregate = concat(KplAggregates.MAGIC, message, KplAggregates.md5(message));

    List<UserRecord> records = KplAggregates.deaggregate("k1", aggregate);

    assertThat(records).extracting(UserRecord::partitionKey).containsExactly("k1", "k2");
    assertThat(records).allMatch(u -> u.aggregated() && u.ofRecords() == 2);
    assertThat(records).extracting(u -> new String(u.data(), StandardCharsets.UTF_8))
        .containsExactly("{\"a\":1}", "{\"a\":2}");
    assertThat(KplAggregates.deaggregate("p", first)).singleElement()
        .satisfies(u -> assertThat(u.data()).isEqualTo(first))
        .matches(u -> !u.aggregated());
    aggregate[aggregate.length - 1] ^= 1;
    assertThat(KplAggregates.deaggregate("p", aggregate)).as("a wrong MD5: not an aggregate").hasSize(1);
    assertThat(new ProtoReader(new byte[] {(byte) 0xAC, 0x02}, 0, 2).varint()).isEqualTo(300);
  }

  private static byte[] field(int number, byte[] value) {
    byte[] length = varint(value.length);
    return concat(new byte[] {(byte) (number << 3 | 2)}, length, value);
  }

  private static byte[] varint(long value) {
    byte[] out = new byte[10];
    int n = 0;
    while ((value & ~0x7FL) != 0) {
      out[n++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[n++] = (byte) value;
    return Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
