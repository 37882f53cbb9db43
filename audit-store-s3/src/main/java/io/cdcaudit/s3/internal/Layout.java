package io.cdcaudit.s3.internal;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Where everything lives under the store's prefix. Data, readable by query engines:
 * {@code <prefix>data/database_name=<db>/table_name=<table>/commit_date=<yyyy-mm-dd>/<DataObjectName>}. Partition
 * columns are named apart from the record's own {@code database}, {@code table} and {@code committedAt} fields, so an
 * engine never sees a column twice. The index, for this store only: {@code <prefix>index/v1/batches/<name>} (one per
 * appended batch) and {@code <prefix>index/v1/buckets/<nnn>/<name>} (compacted, one bucket per hash of a key).
 */
public final class Layout {

  /** How many buckets the compacted index has; part of layout {@code v1}, never changed within it. */
  public static final int INDEX_BUCKETS = 64;

  private static final Instant FIRST_DAY = Instant.EPOCH;

  private final String prefix;

  /** A layout under {@code prefix}: empty, or ending in {@code /}. */
  public Layout(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix, empty or ending in {@code /}. */
  public String prefix() {
    return prefix;
  }

  /** Where all data objects are. */
  public String dataRoot() {
    return prefix + "data/";
  }

  /** The prefix of one database's tables. */
  public String databasePrefix(String database) {
    return dataRoot() + "database_name=" + PartitionNames.encode(database) + "/";
  }

  /** The prefix of one table's data objects. */
  public String tablePrefix(TableRef table) {
    return databasePrefix(table.database()) + "table_name=" + PartitionNames.encode(table.table()) + "/";
  }

  /** The prefix of one day of a table. */
  public String dayPrefix(TableRef table, LocalDate day) {
    return tablePrefix(table) + "commit_date=" + day + "/";
  }

  /** The key of a data object. */
  public String dataKey(TableRef table, LocalDate day, DataObjectName name) {
    return dayPrefix(table, day) + name.fileName();
  }

  /** Where the batch indexes are. */
  public String batchIndexRoot() {
    return prefix + "index/v1/batches/";
  }

  /** Where one bucket's compacted index segments are. */
  public String bucketRoot(int bucket) {
    return prefix + "index/v1/buckets/" + String.format("%03d", bucket) + "/";
  }

  /**
   * The partition day of a record: the UTC date it was committed; records committed before 1970 share the first
   * day, as they share the lowest sort-key prefix.
   */
  public static LocalDate dayOf(AuditRecord record) {
    return dayOf(record.event().committedAt());
  }

  /** The partition day of a commit time. */
  public static LocalDate dayOf(Instant committedAt) {
    return LocalDate.ofInstant(committedAt.isBefore(FIRST_DAY) ? FIRST_DAY : committedAt, ZoneOffset.UTC);
  }

  /** The day of a sort key's (or time prefix's) 17 leading digits, microseconds since the epoch. */
  public static LocalDate dayOfPrefix(String sortKeyOrPrefix) {
    long micros = Long.parseLong(sortKeyOrPrefix, 0, 17, 10);
    return dayOf(Instant.ofEpochSecond(micros / 1_000_000L));
  }

  /** The bucket of an index key's text: a CRC-32, which never changes with the JDK. */
  public static int bucketOf(String indexKey) {
    CRC32 crc = new CRC32();
    crc.update(indexKey.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % INDEX_BUCKETS);
  }

  /** The day in a key's {@code commit_date=} part, or empty when the key has none. */
  public static Optional<LocalDate> dayInKey(String key) {
    int at = key.lastIndexOf("/commit_date=");
    if (at < 0) {
      return Optional.empty();
    }
    int end = key.indexOf('/', at + 1);
    try {
      return Optional.of(LocalDate.parse(key.substring(at + "/commit_date=".length(), end < 0 ? key.length() : end)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The file name of a key: what follows its last {@code /}. */
  public static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
