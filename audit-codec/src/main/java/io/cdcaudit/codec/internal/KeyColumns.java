package io.cdcaudit.codec.internal;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The primary-key columns a decoder knows per table beyond what each event says: those configured
 * on its builder, and those it learned from schema-change events (Maxwell {@code def},
 * Debezium {@code tableChanges}). Internal: not part of the public API.
 *
 * <p>Thread-safe. The learned part is bounded: a decoder sees the DDL of every table of a busy
 * server, and keeping all of it forever would be a slow leak. When full, an arbitrary entry makes
 * room; a forgotten table falls back to the configured columns, or to no key, until its next DDL.
 */
public final class KeyColumns {

  private final Map<String, List<String>> configured;
  private final ConcurrentHashMap<String, List<String>> learned = new ConcurrentHashMap<>();
  private final int maxLearned;

  /**
   * @param configured key columns per qualified table name ({@code db.table}), never learned over
   * @param maxLearned how many tables' learned keys to keep at most; 0 turns learning off
   */
  public KeyColumns(Map<String, List<String>> configured, int maxLearned) {
    this.configured = Map.copyOf(configured);
    this.maxLearned = maxLearned;
  }

  /**
   * The primary key of a row of {@code table}: the columns of the message's key document, else
   * the configured columns, else the learned ones; the first whose every column has a value in
   * {@code image} or in the key document.
   *
   * @param named the names the image gives configured and learned columns (a producer may rename them)
   * @return the key, or {@link PrimaryKey#NONE} when no columns have values
   */
  public PrimaryKey primaryKey(TableRef table, Row image, Row keyDocument, UnaryOperator<List<String>> named) {
    PrimaryKey key = Keys.of(keyDocument.columnNames(), image, keyDocument);
    if (key == null) {
      key = Keys.of(named.apply(configured(table)), image, keyDocument);
    }
    if (key == null) {
      key = Keys.of(named.apply(learned(table)), image, keyDocument);
    }
    return key == null ? PrimaryKey.NONE : key;
  }

  /** The configured key columns of {@code table}, or an empty list. */
  public List<String> configured(TableRef table) {
    return configured.getOrDefault(table.qualifiedName(), List.of());
  }

  /** The key columns learned for {@code table} from its DDL, or an empty list. */
  public List<String> learned(TableRef table) {
    return learned.getOrDefault(table.qualifiedName(), List.of());
  }

  /** Remembers the key columns of {@code table}; an empty list forgets them. */
  public void learn(TableRef table, List<String> columns) {
    if (maxLearned <= 0) {
      return;
    }
    String name = table.qualifiedName();
    if (columns.isEmpty()) {
      learned.remove(name);
      return;
    }
    if (!learned.containsKey(name) && learned.size() >= maxLearned) {
      Iterator<String> any = learned.keySet().iterator();
      if (any.hasNext()) {
        learned.remove(any.next());
      }
    }
    learned.put(name, List.copyOf(columns));
  }

  /** Forgets what was learned about {@code table} (it was dropped). */
  public void forget(TableRef table) {
    learned.remove(table.qualifiedName());
  }

  /** Forgets what was learned about every table of {@code database} (it was dropped). */
  public void forgetDatabase(String database) {
    String prefix = database + '.';
    learned.keySet().removeIf(name -> name.startsWith(prefix));
  }
}
