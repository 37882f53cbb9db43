package io.cdcaudit.s3.internal;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.record.Retention;
import io.cdcaudit.store.StoreException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * A retention policy as S3 lifecycle rules: one rule per table, on the table's prefix and only for objects tagged
 * as holding expiring records ({@value #TAG_KEY}{@code =}{@value #EXPIRING}), never objects of held records or of
 * records without a deadline. One rule per table, with the table's own period, so that no two rules overlap (S3
 * would apply the shorter). S3 counts days from an object's creation, which is after its records' commits, so a
 * record is never expired before its deadline; the days are rounded up.
 */
public final class LifecycleRules {

  /** The tag every data object carries. */
  public static final String TAG_KEY = "cdc-audit-retention";
  /** Its value on objects of records with a deadline. */
  public static final String EXPIRING = "expiring";

  private static final int PROBE_YEARS = 4;

  private LifecycleRules() {}

  /** The tag value of an object of this retention class. */
  public static String tagValue(String retentionClass) {
    return retentionClass.startsWith("x") ? EXPIRING : retentionClass;
  }

  /** The prefix every rule id of the store under {@code layout} starts with. */
  public static String idPrefix(Layout layout) {
    return "cdc-audit-" + DataObjectName.hash(layout.prefix()).substring(0, 8) + "-";
  }

  /** The rules for {@code tables} under {@code policy}; tables kept forever or held get none. */
  public static List<LifecycleRule> of(RetentionPolicy policy, List<TableRef> tables, Layout layout) {
    List<LifecycleRule> rules = new ArrayList<>();
    for (TableRef table : tables) {
      longestPeriodInDays(policy, table).ifPresent(days -> rules.add(LifecycleRule.builder()
          .id(idPrefix(layout) + DataObjectName.hash(table.database(), table.table()).substring(0, 16))
          .status(ExpirationStatus.ENABLED)
          .filter(LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder()
              .prefix(layout.tablePrefix(table))
              .tags(Tag.builder().key(TAG_KEY).value(EXPIRING).build())
              .build()).build())
          .expiration(LifecycleExpiration.builder().days(days).build())
          .build()));
    }
    return rules;
  }

  /**
   * The longest time the policy keeps a change of the table, in whole days rounded up, over commits on the first
   * of every month of four years (so months of 31 days and leap years count); empty when it keeps them forever or
   * holds them.
   */
  static Optional<Integer> longestPeriodInDays(RetentionPolicy policy, TableRef table) {
    long longestSeconds = 0;
    LocalDate start = LocalDate.of(2024, 1, 1);
    for (int month = 0; month < 12 * PROBE_YEARS; month++) {
      Instant commit = start.plusMonths(month).atStartOfDay(ZoneOffset.UTC).toInstant();
      Retention retention = policy.retentionAt(table, commit);
      if (retention.legalHold() || retention.expiry().isEmpty()) {
        return Optional.empty();
      }
      longestSeconds = Math.max(longestSeconds, Duration.between(commit, retention.expiresAt()).getSeconds());
    }
    long days = Math.max(1, (longestSeconds + 86_399) / 86_400);
    return Optional.of((int) Math.min(Integer.MAX_VALUE, days));
  }

  /**
   * Installs {@code ours} on the bucket, replacing the earlier rules of the store under {@code layout} and keeping
   * every other rule of the bucket.
   *
   * @throws StoreException when S3 refuses
   */
  public static void install(BucketAccess bucket, Layout layout, List<LifecycleRule> ours) {
    String idPrefix = idPrefix(layout);
    List<LifecycleRule> all = new ArrayList<>();
    try {
      bucket.client().getBucketLifecycleConfiguration(r -> r.bucket(bucket.bucket())).rules().stream()
          .filter(rule -> rule.id() == null || !rule.id().startsWith(idPrefix)).forEach(all::add);
    } catch (S3Exception e) {
      if (!"NoSuchLifecycleConfiguration".equals(S3Errors.code(e))) {
        throw S3Errors.of("read the lifecycle rules of s3://" + bucket.bucket(), e);
      }
    } catch (SdkException | IllegalStateException e) {
      throw S3Errors.of("read the lifecycle rules of s3://" + bucket.bucket(), e);
    }
    all.addAll(ours);
    try {
      if (all.isEmpty()) {
        bucket.client().deleteBucketLifecycle(r -> r.bucket(bucket.bucket()));
      } else {
        bucket.client().putBucketLifecycleConfiguration(r -> r.bucket(bucket.bucket())
            .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(all).build()));
      }
    } catch (SdkException | IllegalStateException e) {
      throw S3Errors.of("install lifecycle rules on s3://" + bucket.bucket(), e);
    }
  }
}
