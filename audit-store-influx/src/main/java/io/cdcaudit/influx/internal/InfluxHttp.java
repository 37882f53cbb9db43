package io.cdcaudit.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.InfluxException;
import io.cdcaudit.store.StoreException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.POST;
import retrofit2.http.Query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's HTTP conversation with InfluxDB, through the application's {@link InfluxDBClient} (its
 * URL, credentials, TLS and timeouts): InfluxQL on {@code /query} (every InfluxDB since 1.0, and 2.x
 * and 3.x through their v1 compatibility API), answered as JSON and read with exact integers (a
 * nanosecond time does not fit a double); writes of the client library's {@link Point}s either to
 * {@code /write} (the v1 API, every 1.x) or through the client's write API to {@code /api/v2/write}
 * (1.8+, 2.x, 3.x).
 */
public final class InfluxHttp {

  /** The two endpoints the client library has no blocking call for on 1.x. */
  interface V1Api {
    @FormUrlEncoded
    @POST("query")
    Call<ResponseBody> query(@Field("q") String q, @Query("db") String db, @Query("epoch") String epoch);

    @POST("write")
    Call<ResponseBody> write(@Query("db") String db, @Query("rp") String rp, @Query("precision") String precision,
        @Body RequestBody lines);
  }

  /** Characters of line protocol per write request. */
  private static final long MAX_BODY = 8L * 1024 * 1024;
  private static final MediaType LINE_PROTOCOL = MediaType.get("text/plain; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final V1Api api;
  private final WriteApiBlocking v2Writes;
  private final String database;
  private final String organization;

  /**
   * A conversation over {@code client}.
   *
   * @param client the application's client
   * @param database the database queries run in
   * @param v2 whether writes go to {@code /api/v2/write}
   * @param organization the organization of v2 writes
   */
  public InfluxHttp(InfluxDBClient client, String database, boolean v2, String organization) {
    this.api = client.getService(V1Api.class);
    this.v2Writes = v2 ? client.getWriteApiBlocking() : null;
    this.database = database;
    this.organization = organization;
  }

  /**
   * Runs InfluxQL statements (one request; {@code ;} between them) and returns one result per
   * statement.
   *
   * @param statements the statements
   * @return their results, in order
   * @throws StoreException when the request fails or any statement fails
   */
  public List<QueryResult> query(List<String> statements) {
    if (statements.isEmpty()) {
      return List.of();
    }
    String body = call(api.query(String.join(";\n", statements), database, "ns"), "query", statements.get(0));
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new StoreException("InfluxDB answered a query with unreadable JSON: " + abbreviate(body), e);
    }
    if (root.hasNonNull("error")) {
      throw InfluxErrors.statementError(root.get("error").asText(), statements.get(0));
    }
    List<QueryResult> results = new ArrayList<>(statements.size());
    for (JsonNode result : root.path("results")) {
      int id = result.path("statement_id").asInt(results.size());
      if (result.hasNonNull("error")) {
        throw InfluxErrors.statementError(result.get("error").asText(), statements.get(Math.min(id,
            statements.size() - 1)));
      }
      results.add(rows(result));
    }
    if (results.size() != statements.size()) {
      throw new StoreException("InfluxDB answered " + results.size() + " of " + statements.size()
          + " statements; the first was: " + abbreviate(statements.get(0)));
    }
    return results;
  }

  /**
   * Runs one InfluxQL statement.
   *
   * @param statement the statement
   * @return its result
   */
  public QueryResult query(String statement) {
    return query(List.of(statement)).get(0);
  }

  /**
   * Writes points to a retention policy of the database; returns when InfluxDB acknowledged them.
   *
   * @param retentionPolicy the retention policy
   * @param points the points, with nanosecond times
   * @throws StoreException when the write fails
   */
  public void write(String retentionPolicy, List<Point> points) {
    if (points.isEmpty()) {
      return;
    }
    // Requests of at most MAX_BODY bytes (a larger point alone): InfluxDB refuses bodies above its max-body-size.
    List<String> lines = new ArrayList<>(points.size());
    List<Point> chunk = new ArrayList<>();
    long bytes = 0;
    for (Point point : points) {
      String line = point.toLineProtocol();
      if (!chunk.isEmpty() && bytes + line.length() > MAX_BODY) {
        send(retentionPolicy, chunk, lines);
        chunk.clear();
        lines.clear();
        bytes = 0;
      }
      chunk.add(point);
      lines.add(line);
      bytes += line.length() + 1;
    }
    send(retentionPolicy, chunk, lines);
  }

  private void send(String retentionPolicy, List<Point> points, List<String> lines) {
    if (v2Writes != null) {
      try {
        v2Writes.writePoints(database + '/' + retentionPolicy, organization, points);
      } catch (InfluxException e) {
        throw InfluxErrors.writeError(e.status(), e.getMessage(), "/api/v2/write", e);
      }
      return;
    }
    call(api.write(database, retentionPolicy, "ns", RequestBody.create(String.join("\n", lines), LINE_PROTOCOL)),
        "write", null);
  }

  private static String call(Call<ResponseBody> call, String what, String statement) {
    Response<ResponseBody> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw new StoreException("cannot reach InfluxDB for a " + what + " (" + e + ")", e);
    } catch (RuntimeException e) {
      throw new StoreException("InfluxDB " + what + " failed: " + e, e);
    }
    try (ResponseBody ok = response.body(); ResponseBody error = response.errorBody()) {
      if (response.isSuccessful()) {
        return ok == null ? "" : ok.string();
      }
      String message = error == null ? "" : error.string();
      if (what.equals("write")) {
        throw InfluxErrors.writeError(response.code(), message, "/write", null);
      }
      throw InfluxErrors.queryError(response.code(), message, statement);
    } catch (IOException e) {
      throw new StoreException("cannot read InfluxDB's answer to a " + what + " (" + e + ")", e);
    }
  }

  private static QueryResult rows(JsonNode result) {
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      List<String> columns = new ArrayList<>();
      series.path("columns").forEach(c -> columns.add(c.asText()));
      JsonNode tags = series.path("tags");
      for (JsonNode values : series.path("values")) {
        Map<String, JsonNode> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
          row.put(tag.getKey(), tag.getValue());
        }
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), values.get(i));
        }
        rows.add(row);
      }
    }
    return new QueryResult(rows);
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
