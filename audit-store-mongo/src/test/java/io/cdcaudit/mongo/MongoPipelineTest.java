package io.cdcaudit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The domain's {@link AuditPipeline} storing into MongoDB: what the seed pipeline does, minus the
 * stream and the CDC decoder (those are the Kafka and codec modules'; their end-to-end test wires
 * this store in). The source here is a list, its messages name a row and a payload size.
 */
@DisplayName("The pipeline stores into MongoDB")
class MongoPipelineTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final SourcePartition PARTITION = SourcePartition.ordered("shop-changes", "0");

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

  @Test
  @DisplayName("every message is stored once and acknowledged; a record too large for MongoDB goes to the dead letters and the trail goes on")
  void endToEnd() {
    List<SourceMessage> messages = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Message 150 carries 20 MB: its record cannot be one MongoDB document.
      messages.add(message(i, i == 150 ? 20_000_000 : 40));
    }
    ListSource source = new ListSource(messages);
    List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    AuditPipeline pipeline = AuditPipeline.builder()
        .source(source)
        .decoder(MongoPipelineTest::decode)
        .store(store)
        .deadLetters(deadLetters::addAll)
        .batchSize(64)
        .build();

    pipeline.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> source.acknowledged().size() == messages.size());
    } finally {
      pipeline.stop();
    }

    assertThat(store.count()).isEqualTo(299);
    assertThat(deadLetters).hasSize(1);
    assertThat(deadLetters.get(0).message().coordinates().position()).isEqualTo("150");
    assertThat(deadLetters.get(0).reason()).contains("the limit is 16 777 216");
    assertThat(store.find(AuditQuery.rowHistory(TableRef.of("shop", "files"), PrimaryKey.of("id", 7)), PageRequest.oldestFirst(10))
        .items()).hasSize(6);
  }

  @Test
  @DisplayName("messages delivered again after a crash are stored once")
  void redelivery() {
    List<SourceMessage> messages = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      messages.add(message(i, 10));
    }
    store.append(messages.subList(0, 60).stream().map(m -> io.cdcaudit.record.AuditRecord.of(event(m), T0)).toList());
    ListSource source = new ListSource(messages);
    AuditPipeline pipeline = AuditPipeline.builder()
        .source(source)
        .decoder(MongoPipelineTest::decode)
        .store(store)
        .deadLetters(d -> {
          throw new AssertionError("nothing should be dead-lettered: " + d);
        })
        .build();

    pipeline.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> source.acknowledged().size() == messages.size());
    } finally {
      pipeline.stop();
    }

    assertThat(store.count()).isEqualTo(100);
  }

  private static SourceMessage message(int n, int payloadBytes) {
    byte[] value = (n + ":" + payloadBytes).getBytes(StandardCharsets.UTF_8);
    return SourceMessage.builder(new MessageCoordinates(PARTITION, Integer.toString(n))).value(value).build();
  }

  private static Decoded decode(SourceMessage message) {
    return Decoded.change(event(message));
  }

  /** Message {@code n:size} is an update of row {@code n % 50} of shop.files with {@code size} bytes of content. */
  private static ChangeEvent event(SourceMessage message) {
    String[] parts = new String(message.value(), StandardCharsets.UTF_8).split(":");
    int n = Integer.parseInt(parts[0]);
    long row = n % 50;
    return ChangeEvent.builder()
        .id(EventId.derive("pipeline-test", parts[0]))
        .producer("test")
        .table(TableRef.of("shop", "files"))
        .operation(Operation.UPDATE)
        .committedAt(T0.plusSeconds(n))
        .primaryKey(PrimaryKey.of("id", row))
        .before(Row.builder().put("id", row).put("content", Value.ofBytes(new byte[0])).build())
        .after(Row.builder().put("id", row).put("content", Value.ofBytes(new byte[Integer.parseInt(parts[1])])).build())
        .build();
  }

  /** A source of a fixed list of messages: delivers each once, in order, and remembers what was acknowledged. */
  private static final class ListSource implements ChangeSource {
    private final List<SourceMessage> pending;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private volatile boolean paused;

    ListSource(List<SourceMessage> messages) {
      this.pending = Collections.synchronizedList(new ArrayList<>(messages));
    }

    @Override
    public List<SourceMessage> poll(Duration timeout) {
      synchronized (pending) {
        if (paused || pending.isEmpty()) {
          return List.of();
        }
        List<SourceMessage> batch = new ArrayList<>(pending.subList(0, Math.min(32, pending.size())));
        pending.subList(0, batch.size()).clear();
        return batch;
      }
    }

    @Override
    public void acknowledge(List<SourceMessage> messages) {
      messages.forEach(m -> acknowledged.add(m.coordinates().position()));
    }

    @Override
    public void pause() {
      paused = true;
    }

    @Override
    public void resume() {
      paused = false;
    }

    @Override
    public void close() {}

    Set<String> acknowledged() {
      return acknowledged;
    }
  }
}
