package io.cdcaudit.event;

import java.util.Optional;

/**
 * Where in the database's binlog an event comes from, as far as the producer says. Every part is
 * optional: Maxwell's default output has none of them.
 *
 * @param serverId the database server id, or {@code null}
 * @param binlogFile the binlog file name such as {@code mysql-bin.000001}, or {@code null}
 * @param binlogOffset the offset of the row event in that file, or -1
 * @param row the row within that binlog event (a multi-row statement has several), or -1
 * @param gtid the global transaction id, or {@code null}
 */
public record SourcePosition(Long serverId, String binlogFile, long binlogOffset, int row, String gtid) {

  /** No position is known. */
  public static final SourcePosition UNKNOWN = new SourcePosition(null, null, -1, -1, null);

  /**
   * Normalises an empty file name or GTID to {@code null} and rejects negative offsets other than
   * -1.
   *
   * @param serverId the database server id, or {@code null}
   * @param binlogFile the binlog file name, or {@code null}
   * @param binlogOffset the offset of the row event in that file, or -1
   * @param row the row within that binlog event, or -1
   * @param gtid the global transaction id, or {@code null}
   */
  public SourcePosition {
    if (binlogFile != null && binlogFile.isEmpty()) {
      binlogFile = null;
    }
    if (gtid != null && gtid.isEmpty()) {
      gtid = null;
    }
    if (binlogOffset < -1) {
      throw new IllegalArgumentException("binlogOffset must be >= 0, or -1 for unknown: " + binlogOffset);
    }
    if (row < -1) {
      throw new IllegalArgumentException("row must be >= 0, or -1 for unknown: " + row);
    }
  }

  /**
   * Whether a binlog file and offset are known, so that the position identifies and orders the
   * change.
   *
   * @return {@code true} when both the file and the offset are known
   */
  public boolean hasBinlogCoordinates() {
    return binlogFile != null && binlogOffset >= 0;
  }

  /**
   * The global transaction id, where the producer gives it.
   *
   * @return the GTID, or empty
   */
  public Optional<String> gtidIfKnown() {
    return Optional.ofNullable(gtid);
  }

  @Override
  public String toString() {
    if (!hasBinlogCoordinates() && gtid == null) {
      return "unknown";
    }
    StringBuilder s = new StringBuilder();
    if (serverId != null) {
      s.append("server ").append(serverId).append(' ');
    }
    if (hasBinlogCoordinates()) {
      s.append(binlogFile).append(':').append(binlogOffset);
      if (row >= 0) {
        s.append(" row ").append(row);
      }
    }
    if (gtid != null) {
      s.append(s.length() > 0 ? " " : "").append("gtid ").append(gtid);
    }
    return s.toString().trim();
  }
}
