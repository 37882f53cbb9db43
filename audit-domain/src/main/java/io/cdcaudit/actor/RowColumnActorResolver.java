package io.cdcaudit.actor;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Names the actor from a column of the changed row, such as {@code updated_by}: the first of the
 * given columns that holds a non-empty value in the after image (the before image for a delete,
 * where the row says who last changed it, which is weaker evidence and marked so in the
 * {@code image} attribute).
 */
public final class RowColumnActorResolver implements ActorResolver {

  private final List<String> columns;

  private RowColumnActorResolver(List<String> columns) {
    this.columns = columns;
  }

  /**
   * A resolver reading the first non-empty of {@code columns}.
   *
   * @param columns the column names to try, in order, such as {@code updated_by}
   * @return the resolver
   * @throws IllegalArgumentException when no column is given, or a name is blank
   */
  public static RowColumnActorResolver of(String... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("RowColumnActorResolver needs at least one column name");
    }
    for (String column : columns) {
      Objects.requireNonNull(column, "RowColumnActorResolver column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("RowColumnActorResolver column names must not be blank");
      }
    }
    return new RowColumnActorResolver(List.of(columns));
  }

  @Override
  public Optional<Actor> resolve(ChangeEvent event) {
    boolean fromBefore = event.after().isEmpty();
    Row row = fromBefore ? event.before() : event.after();
    for (String column : columns) {
      Value value = row.get(column);
      if (value != null && !value.isNull() && !value.asText().isBlank()) {
        return Optional.of(new Actor(value.asText(), Actor.Source.ROW_COLUMN,
            Map.of("column", column, "image", fromBefore ? "before" : "after")));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "RowColumnActorResolver" + columns;
  }
}
