package io.cdcaudit.mongo.internal;

import static io.cdcaudit.mongo.internal.Fields.ACTOR_NAME;
import static io.cdcaudit.mongo.internal.Fields.DATABASE;
import static io.cdcaudit.mongo.internal.Fields.EXPIRES_AT;
import static io.cdcaudit.mongo.internal.Fields.EXPIRES_AT_MICROS;
import static io.cdcaudit.mongo.internal.Fields.PK;
import static io.cdcaudit.mongo.internal.Fields.SORT_KEY;
import static io.cdcaudit.mongo.internal.Fields.TABLE_NAME;
import static io.cdcaudit.mongo.internal.Fields.TX_ID;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * The indexes of an audit collection: one per query of the queries port, each ending in the sort
 * key so that a page is one index range scan, and the retention index.
 */
public final class Indexes {

  /**
   * A row's history: {@code {db, tbl, pk, sortKey}}, multikey on {@code pk} (a record that moved
   * its row to another key is in the history of both). Layout 1 had {@value #LAYOUT_1_ROW_HISTORY}
   * on a dotted {@code table} field instead; a new name, so that the new definition never
   * collides with the old one on an upgraded collection.
   */
  public static final String ROW_HISTORY = "cdcaudit_row_keys";
  /** The changes of an actor: {@code {actorName, sortKey}}. */
  public static final String BY_ACTOR = "cdcaudit_by_actor";
  /** The changes of a table: {@code {db, tbl, sortKey}} (layout 1 had {@value #LAYOUT_1_BY_TABLE} on {@code table}). */
  public static final String BY_TABLE = "cdcaudit_by_db_table";
  /** The changes of a transaction: {@code {txId, sortKey}}. */
  public static final String BY_TRANSACTION = "cdcaudit_by_transaction";
  /** MongoDB's own expiry: TTL on the {@code expiresAt} date, {@code expireAfterSeconds: 0}. */
  public static final String TTL = "cdcaudit_ttl";
  /** Without TTL, what the purge scans: {@code {expiresAtUs}}. */
  public static final String EXPIRY = "cdcaudit_expiry";

  /** The row-history index of layout 1, on {@code {table, pk, sortKey}}: no query uses it now; an operator may drop it. */
  public static final String LAYOUT_1_ROW_HISTORY = "cdcaudit_row_history";
  /** The table index of layout 1, on {@code {table, sortKey}}: no query uses it now; an operator may drop it. */
  public static final String LAYOUT_1_BY_TABLE = "cdcaudit_by_table";

  private Indexes() {}

  /** The indexes of a collection, with or without the TTL index. */
  public static List<IndexModel> all(boolean ttl) {
    List<IndexModel> indexes = new ArrayList<>(5);
    indexes.add(index(ROW_HISTORY, keys(DATABASE, TABLE_NAME, PK, SORT_KEY)));
    indexes.add(index(BY_ACTOR, keys(ACTOR_NAME, SORT_KEY)));
    indexes.add(index(BY_TABLE, keys(DATABASE, TABLE_NAME, SORT_KEY)));
    indexes.add(index(BY_TRANSACTION, keys(TX_ID, SORT_KEY)));
    if (ttl) {
      // Documents without expiresAt (no deadline, legal hold) are never removed by a TTL index.
      indexes.add(new IndexModel(keys(EXPIRES_AT), new IndexOptions().name(TTL).expireAfter(0L, TimeUnit.SECONDS)));
    } else {
      indexes.add(index(EXPIRY, keys(EXPIRES_AT_MICROS)));
    }
    return indexes;
  }

  private static IndexModel index(String name, BsonDocument keys) {
    return new IndexModel(keys, new IndexOptions().name(name));
  }

  private static BsonDocument keys(String... fields) {
    BsonDocument keys = new BsonDocument();
    for (String field : fields) {
      keys.append(field, new BsonInt32(1));
    }
    return keys;
  }
}
