package io.cdcaudit.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** Binding values, leaving {@code null}s unset: an unset column writes nothing, a bound null writes a tombstone. */
public final class Binds {

  private Binds() {
  }

  public static BoundStatement bind(PreparedStatement statement, Object... values) {
    BoundStatement bound = statement.bind(values);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        bound = bound.unset(i);
      }
    }
    return bound;
  }
}
