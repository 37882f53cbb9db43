package io.cdcaudit.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The rows one InfluxQL statement returned, every series merged in the server's order, each row a
 * map from column (and the series' tags) to its JSON value.
 *
 * @param rows the rows
 */
public record QueryResult(List<Map<String, JsonNode>> rows) {

  /**
   * Copies the rows.
   *
   * @param rows the rows
   */
  public QueryResult {
    rows = List.copyOf(rows);
  }

  /**
   * A text column of a row, or {@code null} when the row has none.
   *
   * @param row the row
   * @param column the column
   * @return the text
   */
  public static String text(Map<String, JsonNode> row, String column) {
    JsonNode node = row.get(column);
    return node == null || node.isNull() ? null : node.asText();
  }

  /**
   * An integer column of a row (a time with {@code epoch=ns}, an integer field).
   *
   * @param row the row
   * @param column the column
   * @return the value
   * @throws IllegalStateException when the row has no integer there
   */
  public static long integer(Map<String, JsonNode> row, String column) {
    JsonNode node = row.get(column);
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new IllegalStateException("column " + column + " is not an integer: " + node);
    }
    return node.longValue();
  }
}
