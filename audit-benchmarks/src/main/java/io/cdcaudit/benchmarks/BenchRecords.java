package io.cdcaudit.benchmarks;

import io.cdcaudit.actor.RowColumnActorResolver;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.policy.ColumnPolicy;
import io.cdcaudit.policy.HashKey;
import io.cdcaudit.policy.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Period;

/**
 * The one record configuration every benchmark uses, so that the JMH figures, the pipeline and the
 * naive baseline all pay for the same work: a column policy that hashes, masks and drops a few
 * columns (of the synthetic Maxwell events and of the JMH rows alike), the actor from
 * {@code updated_by}, and a retention period.
 */
public final class BenchRecords {

  /** The bytes of the benchmark's hash key (not a secret). */
  public static final byte[] KEY_BYTES = "a benchmark key, not a secret".getBytes(StandardCharsets.UTF_8);

  private static final HashKey KEY = HashKey.of("bench-2026", KEY_BYTES);

  private BenchRecords() {}

  /** The hash key of the policy. */
  public static HashKey hashKey() {
    return KEY;
  }

  /** The column policy: keyed hash of {@code email} and {@code customer_id}, mask of card numbers and payment notes, no password hashes. */
  public static ColumnPolicy columnPolicy() {
    return ColumnPolicy.builder()
        .exclude("*.*.password_hash")
        .hash("*.*.email", KEY)
        .hash("*.*.customer_id", KEY)
        .mask("*.*.card_number")
        .mask("*.payments.note")
        .build();
  }

  /**
   * A factory without column policy (the actor and retention as in {@link #factory()}): for
   * measuring what the policy costs ({@code scripts/bench --no-policy}), never for the table's figures.
   */
  public static AuditRecordFactory factoryWithoutPolicy() {
    return AuditRecordFactory.builder()
        .actors(RowColumnActorResolver.of("updated_by"))
        .retention(RetentionPolicy.builder().keep("*.*", Period.ofYears(7)).build())
        .build();
  }

  /** A new factory with the policy, the {@code updated_by} actor and a seven-year retention. */
  public static AuditRecordFactory factory() {
    return AuditRecordFactory.builder()
        .columns(columnPolicy())
        .actors(RowColumnActorResolver.of("updated_by"))
        .retention(RetentionPolicy.builder().keep("*.*", Period.ofYears(7)).build())
        .build();
  }
}
