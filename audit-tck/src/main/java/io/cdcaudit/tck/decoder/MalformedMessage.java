package io.cdcaudit.tck.decoder;

import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A hand-written message a decoder must reject with a {@link io.cdcaudit.decode.DecodeException}.
 *
 * @param family {@value #MAXWELL} or {@value #DEBEZIUM}: which decoders must reject it
 * @param description what is wrong, as a sentence fragment ("an insert without a database")
 * @param value the value text
 * @param key the key text, or {@code null}
 */
public record MalformedMessage(String family, String description, String value, String key) {

  /** Messages Maxwell decoders reject. */
  public static final String MAXWELL = "maxwell";
  /** Messages Debezium decoders reject. */
  public static final String DEBEZIUM = "debezium";

  private static final String MAXWELL_INSERT_HEAD = "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"ts\":1700000000,";
  private static final String DEBEZIUM_SOURCE =
      "{\"version\":\"3.5.0.Final\",\"connector\":\"mariadb\",\"name\":\"srv\",\"ts_ms\":1700000000000,"
          + "\"db\":\"shop\",\"table\":\"orders\",\"server_id\":1,\"gtid\":\"0-1-5\",\"file\":\"mysql-bin.000001\","
          + "\"pos\":400,\"row\":0,\"thread\":null,\"query\":null}";
  private static final String DEBEZIUM_KEY = "{\"id\":1}";

  /**
   * The message a source would deliver for this case.
   *
   * @return the message
   */
  public SourceMessage message() {
    String topic = family.equals(DEBEZIUM) ? "srv.shop.orders" : "maxwell";
    return SourceMessage.builder(new MessageCoordinates(SourcePartition.ordered(topic, "0"), "malformed"))
        .key(key == null ? null : key.getBytes(StandardCharsets.UTF_8))
        .value(value.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public String toString() {
    return family + ": " + description;
  }

  /**
   * The kit's cases for the given families.
   *
   * @param families producer families, {@code maxwell} and {@code debezium}
   * @return the cases, in a fixed order
   */
  public static List<MalformedMessage> catalogue(Collection<String> families) {
    List<MalformedMessage> cases = new ArrayList<>();
    if (families.contains(MAXWELL)) {
      cases.addAll(maxwell());
    }
    if (families.contains(DEBEZIUM)) {
      cases.addAll(debezium());
    }
    return List.copyOf(cases);
  }

  private static List<MalformedMessage> maxwell() {
    return List.of(
        maxwell("an empty message", ""),
        maxwell("text that is not JSON", "this is not json"),
        maxwell("a truncated object", "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\""),
        maxwell("a JSON array instead of an object", "[{\"database\":\"shop\",\"type\":\"insert\"}]"),
        maxwell("a JSON string instead of an object", "\"insert\""),
        maxwell("an insert without a database",
            "{\"table\":\"orders\",\"type\":\"insert\",\"ts\":1700000000,\"data\":{\"id\":1}}"),
        maxwell("an insert with an empty database",
            "{\"database\":\"\",\"table\":\"orders\",\"type\":\"insert\",\"ts\":1700000000,\"data\":{\"id\":1}}"),
        maxwell("an insert without a table",
            "{\"database\":\"shop\",\"type\":\"insert\",\"ts\":1700000000,\"data\":{\"id\":1}}"),
        maxwell("an insert with an empty table",
            "{\"database\":\"shop\",\"table\":\"\",\"type\":\"insert\",\"ts\":1700000000,\"data\":{\"id\":1}}"),
        maxwell("an unknown event type",
            "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"upsert\",\"ts\":1700000000,\"data\":{\"id\":1}}"),
        maxwell("a type that is a number",
            "{\"database\":\"shop\",\"table\":\"orders\",\"type\":1,\"ts\":1700000000,\"data\":{\"id\":1}}"),
        maxwell("data that is not an object", MAXWELL_INSERT_HEAD + "\"data\":[1,2]}"),
        maxwell("an insert without data", "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"ts\":1700000000}"),
        maxwell("an insert whose data has no columns", MAXWELL_INSERT_HEAD + "\"data\":{}}"),
        maxwell("a ts that is a string",
            "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"ts\":\"yesterday\",\"data\":{\"id\":1}}"),
        maxwell("an insert without ts", "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"data\":{\"id\":1}}"),
        maxwell("an xid that is text", MAXWELL_INSERT_HEAD + "\"xid\":\"abc\",\"data\":{\"id\":1}}"),
        maxwell("a commit flag that is a number", MAXWELL_INSERT_HEAD + "\"xid\":5,\"commit\":1,\"data\":{\"id\":1}}"),
        maxwell("a position without an offset", MAXWELL_INSERT_HEAD + "\"position\":\"mysql-bin.000001\",\"data\":{\"id\":1}}"),
        maxwell("an update whose old is not an object",
            "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"update\",\"ts\":1700000000,\"data\":{\"id\":1},\"old\":\"x\"}"),
        maxwell("primary key columns that are not an array", MAXWELL_INSERT_HEAD + "\"primary_key_columns\":\"id\",\"data\":{\"id\":1}}"),
        maxwell("a table-create without sql",
            "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"table-create\",\"ts\":1700000000000}"),
        maxwell("a number whose exponent would take gigabytes to print", MAXWELL_INSERT_HEAD + "\"data\":{\"n\":1e2147483000}}"),
        maxwell("a value with a lone surrogate", MAXWELL_INSERT_HEAD + "\"data\":{\"name\":\"\\ud800\"}}"),
        maxwell("a table name with a lone surrogate",
            MAXWELL_INSERT_HEAD.replace("\"orders\"", "\"\\udc00\"") + "\"data\":{\"id\":1}}"),
        maxwell("a commit time of 0 (unknown)", MAXWELL_INSERT_HEAD.replace("1700000000", "0") + "\"data\":{\"id\":1}}"),
        maxwell("a commit time after the latest a record can hold",
            MAXWELL_INSERT_HEAD.replace("1700000000", "100000000000") + "\"data\":{\"id\":1}}"));
  }

  private static List<MalformedMessage> debezium() {
    return List.of(
        debezium("an empty message", "", DEBEZIUM_KEY),
        debezium("text that is not JSON", "not json at all", DEBEZIUM_KEY),
        debezium("a truncated object", "{\"before\":null,\"after\":{\"id\":1", DEBEZIUM_KEY),
        debezium("a JSON array instead of an object", "[1,2,3]", DEBEZIUM_KEY),
        debezium("an object that is no kind of Debezium record", "{\"hello\":\"world\"}", DEBEZIUM_KEY),
        debezium("an op Debezium does not have", create("\"x\"", "{\"id\":1}", DEBEZIUM_SOURCE), DEBEZIUM_KEY),
        debezium("an op that is a number", create("1", "{\"id\":1}", DEBEZIUM_SOURCE), DEBEZIUM_KEY),
        debezium("a create without source", "{\"before\":null,\"after\":{\"id\":1},\"op\":\"c\",\"ts_ms\":1700000000100}", DEBEZIUM_KEY),
        debezium("a create whose source has no db",
            create("\"c\"", "{\"id\":1}", DEBEZIUM_SOURCE.replace("\"db\":\"shop\",", "")), DEBEZIUM_KEY),
        debezium("a create whose source has no table",
            create("\"c\"", "{\"id\":1}", DEBEZIUM_SOURCE.replace("\"table\":\"orders\",", "")), DEBEZIUM_KEY),
        debezium("a source.pos that is text",
            create("\"c\"", "{\"id\":1}", DEBEZIUM_SOURCE.replace("\"pos\":400", "\"pos\":\"400\"")), DEBEZIUM_KEY),
        debezium("a source without a commit time",
            create("\"c\"", "{\"id\":1}", DEBEZIUM_SOURCE.replace("\"ts_ms\":1700000000000,", "")), DEBEZIUM_KEY),
        debezium("a create without after", create("\"c\"", "null", DEBEZIUM_SOURCE), DEBEZIUM_KEY),
        debezium("a streaming create whose commit time is 0 (unknown)",
            create("\"c\"", "{\"id\":1}", DEBEZIUM_SOURCE.replace("\"ts_ms\":1700000000000", "\"ts_ms\":0")), DEBEZIUM_KEY),
        debezium("a variable-scale decimal with a scale of -2e9",
            "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"after\",\"fields\":["
                + "{\"type\":\"struct\",\"name\":\"io.debezium.data.VariableScaleDecimal\",\"field\":\"n\"}]}]},"
                + "\"payload\":" + create("\"c\"", "{\"n\":{\"scale\":-2000000000,\"value\":\"AQ==\"}}", DEBEZIUM_SOURCE) + "}",
            DEBEZIUM_KEY),
        debezium("a value with a lone surrogate", create("\"c\"", "{\"id\":1,\"name\":\"\\ud800\"}", DEBEZIUM_SOURCE),
            DEBEZIUM_KEY),
        debezium("a create whose after is not an object", create("\"c\"", "[1]", DEBEZIUM_SOURCE), DEBEZIUM_KEY),
        debezium("an update without before",
            "{\"before\":null,\"after\":{\"id\":1},\"source\":" + DEBEZIUM_SOURCE + ",\"op\":\"u\",\"ts_ms\":1700000000100}",
            DEBEZIUM_KEY),
        debezium("a delete without before",
            "{\"before\":null,\"after\":null,\"source\":" + DEBEZIUM_SOURCE + ",\"op\":\"d\",\"ts_ms\":1700000000100}",
            DEBEZIUM_KEY),
        debezium("a schema change whose ddl is a number",
            "{\"source\":" + DEBEZIUM_SOURCE + ",\"databaseName\":\"shop\",\"ddl\":42,\"tableChanges\":[]}",
            "{\"databaseName\":\"shop\"}"),
        debezium("a wrapped record whose payload is an array", "{\"schema\":null,\"payload\":[1]}", DEBEZIUM_KEY),
        debezium("a transaction status that is neither BEGIN nor END",
            "{\"status\":\"MAYBE\",\"id\":\"0-1-5\",\"event_count\":null,\"data_collections\":null,\"ts_ms\":1700000000000}",
            null));
  }

  private static String create(String op, String after, String source) {
    return "{\"before\":null,\"after\":" + after + ",\"source\":" + source + ",\"op\":" + op + ",\"ts_ms\":1700000000100}";
  }

  private static MalformedMessage maxwell(String description, String value) {
    return new MalformedMessage(MAXWELL, description, value, null);
  }

  private static MalformedMessage debezium(String description, String value, String key) {
    return new MalformedMessage(DEBEZIUM, description, value, key);
  }
}
