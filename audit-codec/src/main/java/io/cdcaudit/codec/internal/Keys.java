package io.cdcaudit.codec.internal;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import java.util.Collection;
import java.util.LinkedHashMap;

/** Builds primary keys from key columns and row images. Internal: not part of the public API. */
public final class Keys {

  private Keys() {}

  /**
   * The key of the given columns, each value taken from {@code image} where the row has the
   * column (so its type is the row's), otherwise from {@code fallback} (a key document).
   *
   * @return the key, or {@code null} when a column is in neither, or when there are no columns
   */
  public static PrimaryKey of(Collection<String> columns, Row image, Row fallback) {
    if (columns.isEmpty()) {
      return null;
    }
    LinkedHashMap<String, Value> key = new LinkedHashMap<>(columns.size() * 2);
    for (String column : columns) {
      Value value = image.get(column);
      if (value == null && fallback != null) {
        value = fallback.get(column);
      }
      if (value == null) {
        return null;
      }
      key.put(column, value);
    }
    return PrimaryKey.of(Row.of(key));
  }
}
