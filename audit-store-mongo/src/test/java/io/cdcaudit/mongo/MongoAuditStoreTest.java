package io.cdcaudit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.mongo.internal.AuditDocumentCodec;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.tck.TestRecords;
import io.cdcaudit.testservers.TestServers;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What is particular to MongoDB: the document, the indexes, the size limit, errors, the builder. */
@DisplayName("The MongoDB store")
class MongoAuditStoreTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

  private MongoDatabase database;
  private MongoAuditStore store;

  @BeforeEach
  void freshStore() {
    database = TestServers.mongo().freshDatabase();
    store = MongoAuditStore.builder(database).build();
    store.ensureSchema();
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.drop();
    }
  }

  private MongoCollection<BsonDocument> raw() {
    return database.getCollection(MongoAuditStore.DEFAULT_COLLECTION, BsonDocument.class);
  }

  private BsonDocument stored(AuditRecord record) {
    return raw().find(new BsonDocument("_id", new org.bson.BsonString(record.id().value()))).first();
  }

  private static BsonDocument column(BsonDocument doc, String image, String name) {
    return doc.getArray(image).stream().map(BsonValue::asDocument)
        .filter(c -> c.getString("n").getValue().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no column " + name + " in " + image));
  }

  private Map<String, Document> indexesByName() {
    return database.getCollection(MongoAuditStore.DEFAULT_COLLECTION).listIndexes().into(new ArrayList<>()).stream()
        .collect(Collectors.toMap(i -> i.getString("name"), Function.identity()));
  }

  @Nested
  @DisplayName("Schema")
  class Schema {

    @Test
    @DisplayName("ensureSchema creates an index per query, each ending in the sort key, and the TTL index with expireAfterSeconds 0")
    void indexDefinitions() {
      Map<String, Document> indexes = indexesByName();

      assertThat(indexes).containsKeys("_id_", "cdcaudit_row_keys", "cdcaudit_by_actor", "cdcaudit_by_db_table",
          "cdcaudit_by_transaction", "cdcaudit_ttl");
      assertThat(indexes).doesNotContainKey("cdcaudit_expiry");
      assertThat(keys(indexes.get("cdcaudit_row_keys"))).containsExactly("db", "tbl", "pk", "sortKey");
      assertThat(keys(indexes.get("cdcaudit_by_actor"))).containsExactly("actorName", "sortKey");
      assertThat(keys(indexes.get("cdcaudit_by_db_table"))).containsExactly("db", "tbl", "sortKey");
      assertThat(keys(indexes.get("cdcaudit_by_transaction"))).containsExactly("txId", "sortKey");
      Document ttl = indexes.get("cdcaudit_ttl");
      assertThat(keys(ttl)).containsExactly("expiresAt");
      // The stand-in keeps the TTL index but never expires anything; this definition is what a
      // real mongod acts on (its TTL monitor removes a document once expiresAt + 0 s has passed).
      assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isZero();
      for (String name : List.of("cdcaudit_row_keys", "cdcaudit_by_actor", "cdcaudit_by_db_table", "cdcaudit_by_transaction")) {
        assertThat(indexes.get(name).get("expireAfterSeconds")).as(name).isNull();
        assertThat(indexes.get(name).get("key", Document.class).values()).as(name).allMatch(v -> ((Number) v).intValue() == 1);
      }
    }

    @Test
    @DisplayName("ensureSchema is idempotent: calling it again, also from another instance, changes nothing")
    void idempotent() {
      Map<String, Document> before = indexesByName();

      store.ensureSchema();
      MongoAuditStore.builder(database).build().ensureSchema();

      assertThat(indexesByName()).isEqualTo(before);
    }

    @Test
    @DisplayName("without the TTL index there is no TTL index, and a plain expiry index serves the purge")
    void withoutTtl() {
      MongoDatabase other = TestServers.mongo().freshDatabase();
      try {
        MongoAuditStore.builder(other).ttlIndex(false).build().ensureSchema();

        Map<String, Document> indexes = other.getCollection(MongoAuditStore.DEFAULT_COLLECTION).listIndexes().into(new ArrayList<>())
            .stream().collect(Collectors.toMap(i -> i.getString("name"), Function.identity()));
        assertThat(indexes).doesNotContainKey("cdcaudit_ttl");
        assertThat(indexes.values()).noneMatch(i -> i.containsKey("expireAfterSeconds"));
        assertThat(keys(indexes.get("cdcaudit_expiry"))).containsExactly("expiresAtUs");
      } finally {
        other.drop();
      }
    }

    private List<String> keys(Document index) {
      assertThat(index).isNotNull();
      return new ArrayList<>(index.get("key", Document.class).keySet());
    }
  }

  @Nested
  @DisplayName("The document")
  class TheDocument {

    @Test
    @DisplayName("keeps values in their BSON types: Decimal128 with its scale, binary, int64, boolean, null, tagged JSON and big integers")
    void nativeTypes() {
      AuditRecord record = TestRecords.row("shop.everything", 1).insert(TestRecords.everyKindOfValue()).at(T0).build();
      store.append(List.of(record));

      BsonDocument doc = stored(record);

      BsonValue price = column(doc, "after", "price").get("v");
      assertThat(price.getBsonType()).isEqualTo(BsonType.DECIMAL128);
      assertThat(price.asDecimal128().getValue().bigDecimalValue()).isEqualTo(new BigDecimal("250.00")).hasScaleOf(2);
      assertThat(column(doc, "after", "price").containsKey("t")).isFalse();
      assertThat(column(doc, "after", "tiny_fraction").get("v").asDecimal128().getValue().bigDecimalValue())
          .isEqualTo(new BigDecimal("0.000000000000000001"));
      BsonDocument big = column(doc, "after", "big_unsigned");
      assertThat(big.get("v").getBsonType()).isEqualTo(BsonType.DECIMAL128);
      assertThat(big.getString("t").getValue()).isEqualTo("bigint");
      BsonValue blob = column(doc, "after", "blob").get("v");
      assertThat(blob.getBsonType()).isEqualTo(BsonType.BINARY);
      assertThat(blob.asBinary().getData()).containsExactly(0, 1, 2, 0xff, 0x80);
      assertThat(column(doc, "after", "id").get("v").getBsonType()).isEqualTo(BsonType.INT64);
      assertThat(column(doc, "after", "small").get("v").asInt64().getValue()).isEqualTo(-42);
      assertThat(column(doc, "after", "flag").get("v").asBoolean().getValue()).isTrue();
      assertThat(column(doc, "after", "nothing").get("v").isNull()).isTrue();
      BsonDocument json = column(doc, "after", "doc");
      assertThat(json.getString("v").getValue()).isEqualTo("{\"a\":[1,2.50,{\"b\":null}],\"$c\":\"d\"}");
      assertThat(json.getString("t").getValue()).isEqualTo("json");
      assertThat(column(doc, "after", "created_at").getString("v").getValue()).isEqualTo("2025-03-01 09:15:00");
      assertThat(doc.getArray("after").stream().map(c -> c.asDocument().getString("n").getValue()).toList())
          .containsExactlyElementsOf(TestRecords.everyKindOfValue().columnNames());
    }

    @Test
    @DisplayName("has the queried fields at the top level, _id = the event id, and times as dates beside exact microseconds")
    void topLevelFields() {
      AuditRecord record = TestRecords.row("shop.orders", 7)
          .update(Row.builder().put("id", 7).put("status", "new").build(), Row.builder().put("id", 7).put("status", "paid").build())
          .at(T0).actor("alice").transaction("tx-9").position("mysql-bin.000003", 4_711, 2)
          .expiresAt(Instant.parse("2033-03-01T08:00:00.654321Z"))
          .build();
      store.append(List.of(record));

      BsonDocument doc = stored(record);

      assertThat(doc.getString("_id").getValue()).isEqualTo(record.id().value());
      assertThat(doc.getString("db").getValue()).isEqualTo("shop");
      assertThat(doc.getString("tbl").getValue()).isEqualTo("orders");
      assertThat(doc.getArray("pk").getValues()).containsExactly(new org.bson.BsonString("{\"id\":7}"));
      assertThat(doc.getString("actorName").getValue()).isEqualTo("alice");
      assertThat(doc.getString("txId").getValue()).isEqualTo("tx-9");
      assertThat(doc.getString("sortKey").getValue()).isEqualTo(record.sortKey());
      assertThat(doc.getString("op").getValue()).isEqualTo("update");
      assertThat(doc.getDateTime("committedAt").getValue()).isEqualTo(T0.toEpochMilli());
      assertThat(doc.getInt64("committedAtUs").getValue()).isEqualTo(T0.getEpochSecond() * 1_000_000L + 123_456);
      assertThat(doc.getDateTime("recordedAt").getValue()).isEqualTo(record.recordedAt().toEpochMilli());
      // The TTL date is rounded up, so MongoDB never expires a record before its exact deadline.
      assertThat(new Date(doc.getDateTime("expiresAt").getValue()).toInstant()).isEqualTo(Instant.parse("2033-03-01T08:00:00.655Z"));
      assertThat(doc.getInt64("expiresAtUs").getValue()).isEqualTo(Instant.parse("2033-03-01T08:00:00Z").getEpochSecond() * 1_000_000L + 654_321);
      assertThat(doc.containsKey("legalHold")).isFalse();
      BsonDocument status = doc.getArray("changes").get(0).asDocument();
      assertThat(status.getString("n").getValue()).isEqualTo("status");
      assertThat(status.getString("b").getValue()).isEqualTo("new");
      assertThat(status.getString("a").getValue()).isEqualTo("paid");
      assertThat(doc.getDocument("position").getString("file").getValue()).isEqualTo("mysql-bin.000003");
    }

    @Test
    @DisplayName("stores column names with $ and dots, and names like _id, as data: never as field names")
    void awkwardNamesAreData() {
      Row row = Row.builder()
          .put("id", 5)
          .put("$where", Value.of("function() { return true; }"))
          .put("a.b.c", Value.of("dotted"))
          .put("_id", Value.of("not the record id"))
          .put("$set", Value.of("x"))
          .build();
      AuditRecord record = TestRecords.row("shop.odd", PrimaryKey.of("$key.part", Value.of("k1"))).insert(row).at(T0)
          .actor(new io.cdcaudit.record.Actor("mallory", io.cdcaudit.record.Actor.Source.SQL_COMMENT, Map.of("$gt", "", "x.y", "z")))
          .build();
      store.append(List.of(record));

      BsonDocument doc = stored(record);

      assertThat(doc.getString("_id").getValue()).isEqualTo(record.id().value());
      assertThat(column(doc, "after", "$where").getString("v").getValue()).isEqualTo("function() { return true; }");
      assertThat(column(doc, "after", "a.b.c").getString("v").getValue()).isEqualTo("dotted");
      assertThat(column(doc, "after", "_id").getString("v").getValue()).isEqualTo("not the record id");
      assertThat(column(doc, "key", "$key.part").getString("v").getValue()).isEqualTo("k1");
      assertThat(fieldNames(doc)).noneMatch(name -> name.startsWith("$") || name.contains("."));
      assertThat(store.find(record.id())).contains(record);
    }

    @Test
    @DisplayName("a query value is a typed value, never an operator: an actor named like a filter matches nobody else")
    void noInjectionThroughQueries() {
      store.append(List.of(
          TestRecords.row("shop.orders", 1).at(T0).actor("alice").transaction("tx-1").build(),
          TestRecords.row("shop.orders", 2).at(T0).actor("{\"$ne\":null}").transaction("{\"$gt\":\"\"}").build()));

      assertThat(store.find(AuditQuery.byActor("{\"$ne\":null}"), PageRequest.oldestFirst(10)).items()).hasSize(1);
      assertThat(store.find(AuditQuery.byActor("$ne"), PageRequest.oldestFirst(10)).items()).isEmpty();
      assertThat(store.find(AuditQuery.byTransaction("{\"$gt\":\"\"}"), PageRequest.oldestFirst(10)).items()).hasSize(1);
      assertThat(store.find(AuditQuery.byTable(TableRef.of("shop", "orders\",\"$where\":\"1")), PageRequest.oldestFirst(10)).items())
          .isEmpty();
    }

    @Test
    @DisplayName("values Decimal128 cannot hold exactly are kept as tagged text and read back exactly")
    void beyondDecimal128() {
      BigDecimal longDecimal = new BigDecimal("12345678901234567890123456789012345.678901234567890");
      BigDecimal hugeExponent = new BigDecimal("1E+7000");
      BigDecimal tinyExponent = new BigDecimal("1E-7000");
      BigInteger hugeInteger = BigInteger.TWO.pow(200);
      Row row = Row.builder()
          .put("id", 1)
          .put("long_decimal", Value.of(longDecimal))
          .put("huge_exponent", Value.of(hugeExponent))
          .put("tiny_exponent", Value.of(tinyExponent))
          .put("negative_scale", Value.of(new BigDecimal("12E+3")))
          .put("negative", Value.of(new BigDecimal("-0.50")))
          .put("zero_scaled", Value.of(new BigDecimal("0.000")))
          .put("huge_integer", Value.of(hugeInteger))
          .put("max_long", Value.of(Long.MAX_VALUE))
          .put("min_long", Value.of(Long.MIN_VALUE))
          .put("big_negative", Value.of(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)))
          .put("text_like_json", Value.of("{\"a\":1}"))
          .put("text_like_number", Value.of("250.00"))
          .put("json_with_number", Value.ofJson("250.00"))
          .put("empty_bytes", Value.ofBytes(new byte[0]))
          .build();
      AuditRecord record = TestRecords.row("shop.numbers", 1).insert(row).at(T0).build();
      store.append(List.of(record));

      assertThat(store.find(record.id())).contains(record);
      BsonDocument doc = stored(record);
      assertThat(column(doc, "after", "long_decimal").getString("t").getValue()).isEqualTo("decimal");
      assertThat(column(doc, "after", "huge_integer").getString("t").getValue()).isEqualTo("bigint");
      assertThat(column(doc, "after", "huge_integer").get("v").getBsonType()).isEqualTo(BsonType.STRING);
      assertThat(column(doc, "after", "negative").get("v").getBsonType()).isEqualTo(BsonType.DECIMAL128);
      assertThat(column(doc, "after", "text_like_json").containsKey("t")).isFalse();
    }

    @Test
    @DisplayName("a record under legal hold has no expiresAt, so no TTL index and no purge can remove it")
    void legalHoldHasNoExpiry() {
      AuditRecord held = TestRecords.row("finance.ledger", 1).at(T0).legalHold().build();
      AuditRecord forever = TestRecords.row("finance.ledger", 2).at(T0).build();
      store.append(List.of(held, forever));

      BsonDocument heldDoc = stored(held);
      assertThat(heldDoc.containsKey("expiresAt")).isFalse();
      assertThat(heldDoc.containsKey("expiresAtUs")).isFalse();
      assertThat(heldDoc.getBoolean("legalHold").getValue()).isTrue();
      BsonDocument foreverDoc = stored(forever);
      assertThat(foreverDoc.containsKey("expiresAt")).isFalse();
      assertThat(foreverDoc.containsKey("legalHold")).isFalse();
      assertThat(store.find(held.id()).orElseThrow().retention()).isEqualTo(Retention.legalHoldInPlace());
    }

    private List<String> fieldNames(BsonDocument doc) {
      List<String> names = new ArrayList<>();
      collectFieldNames(doc, names);
      return names;
    }

    private void collectFieldNames(BsonValue value, List<String> names) {
      if (value.isDocument()) {
        for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
          names.add(field.getKey());
          collectFieldNames(field.getValue(), names);
        }
      } else if (value.isArray()) {
        value.asArray().forEach(v -> collectFieldNames(v, names));
      }
    }
  }

  @Nested
  @DisplayName("Appending")
  class Appending {

    @Test
    @DisplayName("a record too large for one document is rejected with the reason, and the rest of the batch is stored")
    void oversizedRecordIsRejected() {
      AuditRecord small1 = TestRecords.insert("shop.files", 1, T0);
      // 17 MiB of content, twice in the document: in the after image and in the diff.
      byte[] content = new byte[17 * 1024 * 1024];
      Arrays.fill(content, (byte) 7);
      AuditRecord huge = TestRecords.row("shop.files", 2)
          .insert(Row.builder().put("id", 2).put("content", Value.ofBytes(content)).build()).at(T0.plusSeconds(1)).build();
      AuditRecord small2 = TestRecords.insert("shop.files", 3, T0.plusSeconds(2));

      AppendResult result = store.append(List.of(small1, huge, small2));

      assertThat(result.rejected()).hasSize(1);
      assertThat(result.rejected().get(0).id()).isEqualTo(huge.id());
      assertThat(result.rejected().get(0).reason())
          .matches("record is 35 \\d{3} \\d{3} bytes as a MongoDB document; the limit is 16 777 216");
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.find(small1.id())).contains(small1);
      assertThat(store.find(small2.id())).contains(small2);
      assertThat(store.find(huge.id())).isEmpty();
    }

    @Test
    @DisplayName("the limit is inclusive: a document of exactly 16 MiB is stored, one byte more is rejected")
    void largestDocumentIsStored() {
      AuditRecord exact = withContentOfDocumentSize(1, MongoAuditStore.MAX_DOCUMENT_BYTES);
      AuditRecord oneMore = withContentOfDocumentSize(2, MongoAuditStore.MAX_DOCUMENT_BYTES + 1);

      AppendResult result = store.append(List.of(exact, oneMore));

      assertThat(result.rejected()).extracting(AppendResult.Rejection::id).containsExactly(oneMore.id());
      assertThat(result.rejected().get(0).reason()).startsWith("record is 16 777 217 bytes");
      assertThat(store.find(exact.id())).contains(exact);
    }

    /** A record whose document is {@code size} bytes: its content is in the after image only (no diff). */
    private AuditRecord withContentOfDocumentSize(long id, int size) {
      AuditDocumentCodec codec = new AuditDocumentCodec();
      int overhead = codec.encode(withContent(id, 0)).getByteBuffer().remaining();
      AuditRecord record = withContent(id, size - overhead);
      assertThat(codec.encode(record).getByteBuffer().remaining()).isEqualTo(size);
      return record;
    }

    private AuditRecord withContent(long id, int length) {
      Row row = Row.builder().put("id", id).put("content", Value.ofBytes(new byte[length])).build();
      return TestRecords.row("shop.files", id).insert(row).changes(List.of()).at(T0).build();
    }

    @Test
    @DisplayName("a record before 1970 cannot even be built: the domain refuses the commit time")
    void unrepresentableRecordIsRefusedEarlier() {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> TestRecords.row("shop.orders", 1).at(Instant.parse("1969-12-31T23:59:59Z")).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1970");
    }

    @Test
    @DisplayName("an append larger than the batch size is split into several bulk inserts, duplicates across them included")
    void splitIntoBatches() {
      MongoAuditStore small = MongoAuditStore.builder(database).batchSize(3).build();
      List<AuditRecord> records = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        records.add(TestRecords.insert("shop.orders", i, T0.plusSeconds(i)));
      }
      List<AuditRecord> withRepeats = new ArrayList<>(records);
      withRepeats.add(records.get(0));
      withRepeats.add(records.get(5));

      assertThat(small.append(withRepeats).rejected()).isEmpty();
      assertThat(small.append(records.subList(2, 9)).rejected()).isEmpty();

      assertThat(small.count()).isEqualTo(10);
      for (AuditRecord record : records) {
        assertThat(small.find(record.id())).contains(record);
      }
    }

    @Test
    @DisplayName("purging keeps a record whose deadline is one microsecond after now")
    void purgeIsExactToTheMicrosecond() {
      Instant now = Instant.parse("2033-01-01T00:00:00.000500Z");
      AuditRecord due = TestRecords.row("shop.orders", 1).at(T0).expiresAt(now).build();
      AuditRecord notYet = TestRecords.row("shop.orders", 2).at(T0).expiresAt(now.plusNanos(1_000)).build();
      store.append(List.of(due, notYet));

      assertThat(store.purgeExpired(now.plusNanos(999))).isEqualTo(1);

      assertThat(store.find(due.id())).isEmpty();
      assertThat(store.find(notYet.id())).contains(notYet);
    }
  }

  @Nested
  @DisplayName("Failures")
  class Failures {

    @Test
    @DisplayName("a server that cannot be reached makes every operation fail with a StoreException")
    void unreachableServer() throws IOException {
      int deadPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        deadPort = socket.getLocalPort();
      }
      try (MongoClient dead = MongoClients.create(MongoClientSettings.builder()
          .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + deadPort))
          .applyToClusterSettings(c -> c.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
          .applyToSocketSettings(s -> s.connectTimeout(300, TimeUnit.MILLISECONDS))
          .build())) {
        MongoAuditStore unreachable = MongoAuditStore.builder(dead, "audit").build();
        List<AuditRecord> batch = List.of(TestRecords.insert("shop.orders", 1, T0));

        assertThatThrownBy(() -> unreachable.append(batch))
            .isInstanceOf(StoreException.class).hasMessageContaining("append to audit.audit_records");
        assertThatThrownBy(unreachable::ensureSchema).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> unreachable.find(EventId.of("x"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(unreachable::count).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> unreachable.find(AuditQuery.byActor("a"), PageRequest.oldestFirst(1)))
            .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> unreachable.purgeExpired(T0)).isInstanceOf(StoreException.class);
      }
    }

    @Test
    @DisplayName("an append through a closed client fails as unusable (the pipeline stops), and nothing counts as stored")
    void closedClient() {
      MongoClient client = TestServers.mongo().newClient();
      MongoAuditStore closing = MongoAuditStore.builder(client, database.getName()).build();
      AuditRecord record = TestRecords.insert("shop.orders", 1, T0);
      client.close();

      assertThatThrownBy(() -> closing.append(List.of(record)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("check the credentials, roles and state of the MongoClient")
          .satisfies(e -> assertThat(((StoreException) e).isUnusable()).isTrue());
      assertThat(store.find(record.id())).isEmpty();
    }

    @Test
    @DisplayName("a document that is not an audit record is reported as a StoreException, not misread")
    void foreignDocument() {
      raw().insertOne(BsonDocument.parse("{_id: 'intruder', layout: 99, table: 'shop.orders', sortKey: '0'}"));

      assertThatThrownBy(() -> store.find(EventId.of("intruder")))
          .isInstanceOf(StoreException.class).hasMessageContaining("intruder").hasMessageContaining("layout is 99");
    }
  }

  @Nested
  @DisplayName("The builder")
  class TheBuilder {

    @Test
    @DisplayName("has the documented defaults")
    void defaults() {
      assertThat(store.namespace()).isEqualTo(database.getName() + ".audit_records");
      assertThat(store.toString()).contains("batchSize=1000").contains("majority").contains("ttlIndex=true");
    }

    @Test
    @DisplayName("names the setting that is wrong")
    void validation() {
      assertThatThrownBy(() -> MongoAuditStore.builder(database).batchSize(0).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessage("MongoAuditStore.batchSize must be 1 to 100000, got 0");
      assertThatThrownBy(() -> MongoAuditStore.builder(database).batchSize(100_001).build())
          .hasMessage("MongoAuditStore.batchSize must be 1 to 100000, got 100001");
      assertThat(MongoAuditStore.builder(database).batchSize(100_000).build()).isNotNull();
      assertThatThrownBy(() -> MongoAuditStore.builder(database).collection("").build())
          .isInstanceOf(IllegalArgumentException.class).hasMessage("MongoAuditStore.collection must not be empty");
      assertThatThrownBy(() -> MongoAuditStore.builder(database).collection(null).build())
          .hasMessage("MongoAuditStore.collection must not be null");
      assertThatThrownBy(() -> MongoAuditStore.builder(database).collection("audit$records").build())
          .hasMessageStartingWith("MongoAuditStore.collection must not contain '$'");
      assertThatThrownBy(() -> MongoAuditStore.builder(database).collection("system.users").build())
          .hasMessageStartingWith("MongoAuditStore.collection must not be a system collection");
      assertThatThrownBy(() -> MongoAuditStore.builder(database).collection("x".repeat(300)).build())
          .hasMessageStartingWith("MongoAuditStore.collection makes the namespace");
      assertThatThrownBy(() -> MongoAuditStore.builder(database).writeConcern(WriteConcern.UNACKNOWLEDGED).build())
          .hasMessageStartingWith("MongoAuditStore.writeConcern must be acknowledged");
      assertThatThrownBy(() -> MongoAuditStore.builder(database).writeConcern(null).build())
          .hasMessage("MongoAuditStore.writeConcern must not be null");
      MongoClient client = TestServers.mongo().client();
      assertThatThrownBy(() -> MongoAuditStore.builder(client, "bad.name").build())
          .hasMessage("MongoAuditStore.database must not contain '.', got 'bad.name'");
      assertThatThrownBy(() -> MongoAuditStore.builder(client, "").build())
          .hasMessage("MongoAuditStore.database must not be empty");
      assertThatThrownBy(() -> MongoAuditStore.builder(client, null).build())
          .hasMessage("MongoAuditStore.database must not be null");
      assertThat(MongoAuditStore.builder(client, "audit").collection("audit.records-2026").writeConcern(WriteConcern.W1).build()
          .namespace()).isEqualTo("audit.audit.records-2026");
    }

    @Test
    @DisplayName("a store built from a client and a database name works like one built from the database")
    void fromClient() {
      MongoAuditStore fromClient = MongoAuditStore.builder(TestServers.mongo().client(), database.getName()).build();
      AuditRecord record = TestRecords.insert("shop.orders", 1, T0);

      fromClient.append(List.of(record));

      assertThat(store.find(record.id())).contains(record);
    }

    @Test
    @DisplayName("keeps secrets out of toString")
    void noSecretsInToString() {
      try (MongoClient withCredentials = MongoClients.create("mongodb://auditor:s3cret@127.0.0.1:1/?serverSelectionTimeoutMS=100")) {
        MongoAuditStore s = MongoAuditStore.builder(withCredentials, "audit").build();
        assertThat(s.toString()).doesNotContain("s3cret").doesNotContain("auditor");
      }
    }
  }
}
