package io.cdcaudit.s3.internal;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of a data object, which says what is in it without reading it:
 * {@code <first>-<last>-<class>-<hash>.ndjson.gz}.
 *
 * <ul>
 *   <li>{@code first}, {@code last}: the lowest and highest 17-digit time prefix of its records' sort keys, so that a
 *       time range or a page reads only the objects that overlap it;
 *   <li>{@code class}: {@code held} (every record under legal hold), {@code kept} (no deadline) or
 *       {@code x<epoch seconds>} (the earliest deadline, rounded down), so that a purge lists instead of reading;
 *   <li>{@code hash}: of the class and the sorted event ids, so that the same records written again get the same name
 *       and a conditional write ({@code If-None-Match: *}) keeps the first version.
 * </ul>
 *
 * @param first the lowest time prefix
 * @param last the highest time prefix
 * @param retentionClass {@code held}, {@code kept} or {@code x<seconds>}
 * @param hash 32 hex digits
 */
public record DataObjectName(String first, String last, String retentionClass, String hash) {

  /** The suffix of every data and index object: gzip-compressed newline-delimited JSON. */
  public static final String SUFFIX = ".ndjson.gz";

  private static final Pattern NAME = Pattern.compile("(\\d{17})-(\\d{17})-(held|kept|x\\d{1,12})-([0-9a-f]{32})"
      + Pattern.quote(SUFFIX));
  private static final int PREFIX_DIGITS = 17;

  /** The class of records with this retention: the records of one object share it. */
  public static String retentionClassOf(Retention retention) {
    if (retention.legalHold()) {
      return "held";
    }
    return retention.expiry().map(t -> "x" + Math.max(0, t.getEpochSecond())).orElse("kept");
  }

  /** The class of a group of records of one class, where an expiring group takes its earliest deadline. */
  public static String retentionClassOf(List<AuditRecord> records) {
    String cls = retentionClassOf(records.get(0).retention());
    if (!cls.startsWith("x")) {
      return cls;
    }
    long earliest = Long.MAX_VALUE;
    for (AuditRecord r : records) {
      earliest = Math.min(earliest, Math.max(0, r.retention().expiresAt().getEpochSecond()));
    }
    return "x" + earliest;
  }

  /** The name of an object holding {@code records} (all of one partition and one class, sorted by id or not). */
  public static DataObjectName of(List<AuditRecord> records, String retentionClass) {
    String first = null;
    String last = null;
    String[] ids = new String[records.size()];
    for (int i = 0; i < ids.length; i++) {
      AuditRecord r = records.get(i);
      String prefix = r.sortKey().substring(0, PREFIX_DIGITS);
      first = first == null || prefix.compareTo(first) < 0 ? prefix : first;
      last = last == null || prefix.compareTo(last) > 0 ? prefix : last;
      ids[i] = r.id().value();
    }
    java.util.Arrays.sort(ids);
    return new DataObjectName(first, last, retentionClass, hash(retentionClass, ids));
  }

  /** The name parsed from an object's file name, or empty for a name this store did not write. */
  public static Optional<DataObjectName> parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    return m.matches() ? Optional.of(new DataObjectName(m.group(1), m.group(2), m.group(3), m.group(4)))
        : Optional.empty();
  }

  /** The earliest deadline of the object's records, rounded down to the second; empty for held and kept ones. */
  public Optional<Instant> earliestExpiry() {
    return retentionClass.startsWith("x") ? Optional.of(Instant.ofEpochSecond(Long.parseLong(retentionClass, 1, retentionClass.length(), 10)))
        : Optional.empty();
  }

  /** Whether every record in the object is under legal hold. */
  public boolean held() {
    return retentionClass.equals("held");
  }

  /** The file name. */
  public String fileName() {
    return first + "-" + last + "-" + retentionClass + "-" + hash + SUFFIX;
  }

  @Override
  public String toString() {
    return fileName();
  }

  /** The first 32 hex digits of the SHA-256 of the parts, one per line. */
  public static String hash(String first, String... rest) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(first.getBytes(StandardCharsets.UTF_8));
      for (String part : rest) {
        sha.update((byte) '\n');
        sha.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
