package io.cdcaudit.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.cdcaudit.event.EventId;
import io.cdcaudit.mongo.internal.AuditDocumentCodec;
import io.cdcaudit.mongo.internal.Fields;
import io.cdcaudit.mongo.internal.Indexes;
import io.cdcaudit.mongo.internal.MongoErrors;
import io.cdcaudit.mongo.internal.QueryFilters;
import io.cdcaudit.mongo.internal.UnreadableDocumentException;
import io.cdcaudit.mongo.internal.UnstorableRecordException;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.RetentionStore;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.store.UnsupportedQueryException;
import io.cdcaudit.store.support.Batches;
import io.cdcaudit.store.support.Pages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/**
 * An audit store on MongoDB: one document per audit record, {@code _id} = the record's
 * {@link EventId}. It appends, answers every query of {@link AuditQueries} with an index range
 * scan, and purges what expired.
 *
 * <pre>{@code
 * MongoClient client = MongoClients.create(settings);          // the application's own client
 * MongoAuditStore store = MongoAuditStore.builder(client.getDatabase("audit"))
 *     .collection("audit_records")
 *     .build();
 * store.ensureSchema();                                          // idempotent: at every start
 * AuditPipeline pipeline = AuditPipeline.builder().store(store)...build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Idempotent appends.</b> Records are inserted (never upserted or replaced) with unordered
 *       bulk inserts of {@link Builder#batchSize(int)} documents. A duplicate key on {@code _id}
 *       means the change is stored already, and the stored record stays as it is: that is success.
 *       A write error about one document (it fails validation, say) rejects that record; any
 *       other error fails the whole append with a {@link StoreException}: a transient one (the
 *       network, a timeout, no primary, a write-concern timeout) that the pipeline retries, which is
 *       safe because appends are idempotent, or a {@link StoreException#isPermanent() permanent}
 *       one (failed authentication, a missing privilege, another server error) that makes the
 *       pipeline store the records one by one and dead-letter those that still fail.
 *   <li><b>Durable.</b> {@link #append(List)} returns only when the server acknowledged every
 *       insert with the {@link Builder#writeConcern(WriteConcern) write concern} (default
 *       {@code majority}).
 *   <li><b>Too large.</b> A record whose document would exceed MongoDB's 16 MiB limit is returned
 *       as a {@link AppendResult.Rejection} with the reason; the rest of the batch is stored.
 *   <li><b>Row keys.</b> A record is in the history of every key of {@link AuditRecord#rowKeys()}:
 *       an update that moved its row to another primary key is the last change of the old key and
 *       the first of the new one. Database and table are separate fields, so {@code a.`b.c`} and
 *       {@code `a.b`.c} stay apart.
 *   <li><b>Retention.</b> A record with a deadline carries an {@code expiresAt} date, which a TTL
 *       index ({@code expireAfterSeconds: 0}) expires; one under legal hold or without a deadline
 *       has none. {@link #purgeExpired(Instant)} removes what expired where TTL is turned off.
 * </ul>
 *
 * <p>The store neither creates nor closes the client; it is thread-safe, as the driver is.
 */
public final class MongoAuditStore implements AuditStore, AuditQueries, RetentionStore {

  /** The largest document MongoDB stores, in bytes (16 MiB). */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  /** The collection's name unless {@link Builder#collection(String)} says otherwise. */
  public static final String DEFAULT_COLLECTION = "audit_records";

  /** Documents per bulk insert unless {@link Builder#batchSize(int)} says otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;

  private static final int MAX_BATCH_SIZE = 100_000;
  private static final Set<AuditQuery.Kind> ALL_QUERIES = Collections.unmodifiableSet(EnumSet.allOf(AuditQuery.Kind.class));
  private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

  private final String namespace;
  private final MongoCollection<RawBsonDocument> writes;
  private final MongoCollection<BsonDocument> reads;
  private final int batchSize;
  private final WriteConcern writeConcern;
  private final boolean ttlIndex;
  private final AuditDocumentCodec codec = new AuditDocumentCodec();

  private MongoAuditStore(Builder b, MongoDatabase database) {
    MongoCollection<BsonDocument> collection = database.getCollection(b.collection, BsonDocument.class)
        .withWriteConcern(b.writeConcern);
    this.namespace = database.getName() + '.' + b.collection;
    this.reads = collection;
    this.writes = collection.withDocumentClass(RawBsonDocument.class);
    this.batchSize = b.batchSize;
    this.writeConcern = b.writeConcern;
    this.ttlIndex = b.ttlIndex;
  }

  /**
   * A builder of a store in {@code database}.
   *
   * @param database the application's database (its client, credentials and codecs are the caller's)
   * @return a builder with the defaults below
   */
  public static Builder builder(MongoDatabase database) {
    return new Builder(Objects.requireNonNull(database, "database"), null, null);
  }

  /**
   * A builder of a store in the database {@code databaseName} of {@code client}.
   *
   * @param client the application's client
   * @param databaseName the database to keep the trail in
   * @return a builder with the defaults below
   */
  public static Builder builder(MongoClient client, String databaseName) {
    return new Builder(null, Objects.requireNonNull(client, "client"), databaseName);
  }

  /**
   * Creates the collection's indexes where they are missing: one per query ({@code db + tbl + pk +
   * sortKey}, multikey on {@code pk}; {@code actorName + sortKey}; {@code db + tbl + sortKey};
   * {@code txId + sortKey}) and
   * the TTL index on {@code expiresAt} ({@code expireAfterSeconds: 0}), or, when the TTL index is
   * turned off, a plain index on {@code expiresAtUs} for {@link #purgeExpired(Instant)}.
   *
   * <p>Idempotent, and safe to call from many instances at once: MongoDB treats creating an index
   * that exists with the same definition as done. It never drops an index; turning the TTL index
   * off later leaves the TTL index in place until an operator drops it ({@value
   * Indexes#TTL}).
   *
   * @throws StoreException when an index cannot be created, for example because an index with
   *     the same keys exists under another name or with other options
   */
  public void ensureSchema() {
    call("create the indexes of", () -> writes.createIndexes(Indexes.all(ttlIndex)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Splits the records into unordered bulk inserts of at most {@link Builder#batchSize(int)} documents
   * and returns when the server acknowledged them with the store's write concern.
   */
  @Override
  public AppendResult append(List<AuditRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return AppendResult.allStored();
    }
    List<AppendResult.Rejection> rejected = new ArrayList<>(0);
    // One document per id (a repeat within the batch would only come back as a duplicate key), and
    // one bulk insert's worth encoded at a time, so that a large append holds one chunk of documents.
    for (List<AuditRecord> chunk : Batches.chunks(Batches.distinctById(records), batchSize)) {
      List<RawBsonDocument> documents = new ArrayList<>(chunk.size());
      List<EventId> ids = new ArrayList<>(chunk.size());
      for (AuditRecord record : chunk) {
        RawBsonDocument document;
        try {
          document = codec.encode(record);
        } catch (UnstorableRecordException e) {
          rejected.add(new AppendResult.Rejection(record.id(), e.getMessage()));
          continue;
        }
        int size = document.getByteBuffer().remaining();
        if (size > MAX_DOCUMENT_BYTES) {
          rejected.add(new AppendResult.Rejection(record.id(), "record is " + grouped(size)
              + " bytes as a MongoDB document; the limit is " + grouped(MAX_DOCUMENT_BYTES)));
          continue;
        }
        documents.add(document);
        ids.add(record.id());
      }
      if (!documents.isEmpty()) {
        rejected.addAll(insert(documents, ids));
      }
    }
    return AppendResult.rejecting(rejected);
  }

  @Override
  public Optional<AuditRecord> find(EventId id) {
    Objects.requireNonNull(id, "id");
    BsonDocument document = call("read from", () -> reads.find(new BsonDocument(Fields.ID, new BsonString(id.value()))).first());
    return Optional.ofNullable(document).map(this::decode);
  }

  /**
   * How many records the collection holds: an exact count, which may scan the collection. For
   * operators and checks; the pipeline never needs it.
   *
   * @return the number of documents
   * @throws StoreException when the server cannot be asked
   */
  public long count() {
    return call("count the documents of", reads::countDocuments);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each page is one range scan of the query's index, in sort-key order; it reads one record
   * more than the page size to know whether another page follows.
   */
  @Override
  public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    UnsupportedQueryException.requireSupported(this, query);
    BsonDocument filter = QueryFilters.page(query, page);
    int wanted = Pages.fetchSize(page);
    List<BsonDocument> documents = call("query", () -> reads.find(filter)
        .sort(QueryFilters.sort(page.order()))
        .limit(wanted)
        .batchSize(wanted)
        .into(new ArrayList<>(Math.min(wanted, 1_024))));
    return Pages.of(documents, page, d -> d.getString(Fields.SORT_KEY).getValue(), this::decode);
  }

  /** {@inheritDoc} Every kind: each has its own index. */
  @Override
  public Set<AuditQuery.Kind> supportedQueries() {
    return ALL_QUERIES;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Deletes the documents whose exact deadline ({@code expiresAtUs}) is at or before {@code
   * now}. Records under legal hold and records without a deadline have no deadline field, so no
   * purge can match them. With the TTL index on, MongoDB removes expired records by itself (within
   * about a minute of the deadline); this is for deployments that turn it off, and for checks.
   */
  @Override
  public long purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    BsonDocument filter = QueryFilters.expiredAt(now);
    return call("purge expired records from", () -> writes.deleteMany(filter).getDeletedCount());
  }

  /**
   * {@code database.collection} of the store.
   *
   * @return the namespace, such as {@code audit.audit_records}
   */
  public String namespace() {
    return namespace;
  }

  @Override
  public String toString() {
    return "MongoAuditStore[" + namespace + ", batchSize=" + batchSize + ", writeConcern=" + writeConcern.asDocument().toJson()
        + ", ttlIndex=" + ttlIndex + ']';
  }

  /** Inserts the documents of {@code ids} (in that order); returns the records MongoDB refused for good. */
  private List<AppendResult.Rejection> insert(List<RawBsonDocument> documents, List<EventId> ids) {
    try {
      writes.insertMany(documents, UNORDERED);
      return List.of();
    } catch (MongoBulkWriteException e) {
      return MongoErrors.bulkOutcome(e, ids, namespace);
    } catch (RuntimeException e) {
      throw failure("append to", e);
    }
  }

  private AuditRecord decode(BsonDocument document) {
    try {
      return codec.decode(document);
    } catch (UnreadableDocumentException e) {
      throw StoreException.permanent("cannot read " + namespace + ": " + e.getMessage(), e);
    }
  }

  private <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
  }

  private StoreException failure(String what, RuntimeException e) {
    if (e instanceof StoreException store) {
      return store;
    }
    String code = e instanceof MongoCommandException command ? " (error " + command.getErrorCode() + ")" : "";
    if (MongoErrors.isUnusable(e)) {
      return StoreException.unusable("MongoDB: could not " + what + ' ' + namespace + code + ": " + e.getMessage()
          + " (check the credentials, roles and state of the MongoClient the store was built with)", e);
    }
    boolean permanent = !MongoErrors.isTransient(e);
    return new StoreException("MongoDB: could not " + what + ' ' + namespace + code + (permanent ? " (permanent)" : "") + ": "
        + e.getMessage(), e, permanent);
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
  }

  /**
   * Builds a {@link MongoAuditStore}; {@link #build()} validates every setting and names the one
   * that is wrong.
   */
  public static final class Builder {
    private final MongoDatabase database;
    private final MongoClient client;
    private final String databaseName;
    private String collection = DEFAULT_COLLECTION;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private WriteConcern writeConcern = WriteConcern.MAJORITY;
    private boolean ttlIndex = true;

    private Builder(MongoDatabase database, MongoClient client, String databaseName) {
      this.database = database;
      this.client = client;
      this.databaseName = databaseName;
    }

    /**
     * The collection of the audit records (default {@value MongoAuditStore#DEFAULT_COLLECTION}): a
     * legal MongoDB collection name, not a {@code system.} one.
     *
     * @param collection the collection's name
     * @return this builder
     */
    public Builder collection(String collection) {
      this.collection = collection;
      return this;
    }

    /**
     * The most documents in one bulk insert, 1 to 100000 (default {@value
     * MongoAuditStore#DEFAULT_BATCH_SIZE}). An append of more records makes several bulk inserts;
     * the driver further splits one that exceeds MongoDB's 48 MB message size.
     *
     * @param batchSize the most documents per bulk insert
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The write concern of appends and purges (default {@link WriteConcern#MAJORITY}).
     * {@link MongoAuditStore#append(List)} returns only when the server confirmed every insert
     * with this write concern: that is what the library calls durable, and only then does the
     * pipeline acknowledge the batch to its source. With {@code majority} a stored record
     * survives the loss of the primary; {@code w: 1} risks losing acknowledged records in a
     * failover (the source will not deliver them again). An unacknowledged write concern
     * ({@code w: 0}) is refused.
     *
     * @param writeConcern an acknowledged write concern
     * @return this builder
     */
    public Builder writeConcern(WriteConcern writeConcern) {
      this.writeConcern = writeConcern;
      return this;
    }

    /**
     * Whether {@link MongoAuditStore#ensureSchema()} creates the TTL index on {@code expiresAt}
     * (default {@code true}), so that MongoDB removes expired records itself. Without it, call
     * {@link MongoAuditStore#purgeExpired(Instant)} on a schedule.
     *
     * @param ttlIndex {@code false} to purge with {@code purgeExpired} instead
     * @return this builder
     */
    public Builder ttlIndex(boolean ttlIndex) {
      this.ttlIndex = ttlIndex;
      return this;
    }

    /**
     * The store.
     *
     * @return the store
     * @throws IllegalArgumentException naming the setting that is missing or not valid
     */
    public MongoAuditStore build() {
      MongoDatabase db = database;
      if (db == null) {
        checkDatabaseName(databaseName);
        db = client.getDatabase(databaseName);
      }
      checkCollectionName(collection, db.getName());
      require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE,
          "MongoAuditStore.batchSize must be 1 to " + MAX_BATCH_SIZE + ", got " + batchSize);
      require(writeConcern != null, "MongoAuditStore.writeConcern must not be null");
      require(writeConcern.isAcknowledged(),
          "MongoAuditStore.writeConcern must be acknowledged (the store returns only when records are durable), got "
              + writeConcern.asDocument().toJson());
      return new MongoAuditStore(this, db);
    }

    private static void checkDatabaseName(String name) {
      require(name != null, "MongoAuditStore.database must not be null");
      require(!name.isEmpty(), "MongoAuditStore.database must not be empty");
      for (char c : new char[] {'/', '\\', '.', ' ', '"', '$', '\0'}) {
        require(name.indexOf(c) < 0, "MongoAuditStore.database must not contain " + describe(c) + ", got '" + name + "'");
      }
      require(name.getBytes(StandardCharsets.UTF_8).length < 64,
          "MongoAuditStore.database must be shorter than 64 bytes, got '" + name + "'");
    }

    private static void checkCollectionName(String name, String databaseName) {
      require(name != null, "MongoAuditStore.collection must not be null");
      require(!name.isEmpty(), "MongoAuditStore.collection must not be empty");
      require(name.indexOf('$') < 0, "MongoAuditStore.collection must not contain '$', got '" + name + "'");
      require(name.indexOf('\0') < 0, "MongoAuditStore.collection must not contain a NUL character");
      require(!name.startsWith("system."), "MongoAuditStore.collection must not be a system collection, got '" + name + "'");
      require(!name.startsWith(".") && !name.endsWith("."),
          "MongoAuditStore.collection must not start or end with '.', got '" + name + "'");
      int bytes = (databaseName + '.' + name).getBytes(StandardCharsets.UTF_8).length;
      require(bytes <= 255, "MongoAuditStore.collection makes the namespace '" + databaseName + '.' + name + "' " + bytes
          + " bytes long; MongoDB allows 255");
    }

    private static String describe(char c) {
      return c == '\0' ? "a NUL character" : "'" + c + "'";
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
