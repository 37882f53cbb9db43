package io.cdcaudit.cassandra.internal;

import io.cdcaudit.cassandra.TimeBucket;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;

import java.time.Instant;

/**
 * Everything the tables need of one record, computed once per append: its JSON (stored whole in every query table,
 * so that each query reads one partition), its keys in each table, and its TTL.
 */
public final class RecordRow {

  /** The {@code keep_until} of bucket-index entries that never expire. */
  public static final String FOREVER = "9999-12-31";

  public final AuditRecord record;
  public final String id;
  public final String json;
  public final int jsonBytes;
  public final String sortKey;
  public final String database;
  public final String table;
  /** The canonical primary key, or {@code null} when the change has none (truncate, schema change). */
  public final String rowKey;
  /** The key the row had before this change moved it ({@code ChangeEvent.previousKey()}), or {@code null}. */
  public final String previousRowKey;
  public final String bucket;
  /** The actor's name, or {@code null} when unknown (such records are not in {@code changes_by_actor}). */
  public final String actor;
  /** The transaction id, or {@code null}. */
  public final String txId;
  /** 0: no TTL. */
  public final int ttl;
  /** The deadline in microseconds since the epoch when the record has one and no legal hold, else {@code null}. */
  public final Long expiresAtMicros;
  /** The UTC day of the deadline, or {@code null}. */
  public final String expiryDay;
  /** The day on which Cassandra's TTL removes the record, or {@link #FOREVER}. */
  public final String keepUntil;
  /** The TTL of the bucket-index entries: until the end of {@link #keepUntil}, or 0. */
  public final int indexTtl;

  public RecordRow(AuditRecord record, TimeBucket timeBucket, TtlPolicy ttlPolicy, Instant now) {
    this.record = record;
    this.id = record.id().value();
    this.json = AuditRecordJson.toText(record);
    this.jsonBytes = utf8Length(json);
    this.sortKey = record.sortKey();
    this.database = record.event().table().database();
    this.table = record.event().table().table();
    this.rowKey = record.event().primaryKey().isNone() ? null : record.event().primaryKey().canonical();
    this.previousRowKey = rowKey == null ? null : record.event().previousKey().map(k -> k.canonical()).orElse(null);
    this.bucket = TimeKeys.bucket(timeBucket, record.event().committedAt());
    this.actor = record.actor().isKnown() ? record.actor().name() : null;
    this.txId = record.event().transaction().map(tx -> tx.id()).orElse(null);
    this.ttl = ttlPolicy.ttlSeconds(record.retention(), now);
    Instant deadline = record.retention().legalHold() ? null : record.retention().expiresAt();
    this.expiresAtMicros = deadline == null ? null : TimeKeys.micros(deadline);
    this.expiryDay = deadline == null ? null : TimeKeys.day(deadline);
    if (ttl == 0) {
      this.keepUntil = FOREVER;
      this.indexTtl = 0;
    } else {
      Instant removedAt = now.plusSeconds(ttl);
      int until = ttlPolicy.ttlUntilEndOfDay(removedAt, now);
      this.keepUntil = until == 0 ? FOREVER : TimeKeys.day(removedAt);
      this.indexTtl = until;
    }
  }

  private static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
