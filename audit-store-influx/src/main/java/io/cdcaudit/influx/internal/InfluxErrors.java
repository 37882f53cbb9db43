package io.cdcaudit.influx.internal;

import io.cdcaudit.store.StoreException;

import java.util.Locale;

/**
 * What an InfluxDB error means for the pipeline: credentials, a missing database or retention
 * policy, or an endpoint the server does not have make the store unusable (an operator must act);
 * a 5xx or an unreachable server is transient (retried); anything else is permanent.
 */
final class InfluxErrors {

  private InfluxErrors() {
  }

  static StoreException writeError(int status, String body, String endpoint, Throwable cause) {
    String message = "InfluxDB refused a write to " + endpoint + " (HTTP " + status + "): "
        + InfluxHttp.abbreviate(body == null ? "" : body.strip());
    String lower = message.toLowerCase(Locale.ROOT);
    if (status == 401 || status == 403) {
      return StoreException.unusable(message + " (check the credentials of the InfluxDBClient and its rights on the "
          + "database)", cause);
    }
    if (status == 404 && endpoint.contains("v2")) {
      return StoreException.unusable(message + " (this server has no /api/v2/write: InfluxDB 1.x before 1.8 takes "
          + "writes only on /write; build the store with WriteProtocol.V1)", cause);
    }
    if (lower.contains("database not found") || lower.contains("retention policy not found")
        || lower.contains("bucket") && lower.contains("not found")) {
      return StoreException.unusable(message + " (create them with InfluxAuditStore.ensureSchema() or run its "
          + "schemaStatements())", cause);
    }
    if (status >= 500 || status == 429 || status == 0) {
      return new StoreException(message, cause);
    }
    return StoreException.permanent(message, cause);
  }

  static StoreException queryError(int status, String body, String statement) {
    String message = "InfluxDB refused a query (HTTP " + status + "): " + InfluxHttp.abbreviate(body.strip())
        + (statement == null ? "" : "; statement: " + InfluxHttp.abbreviate(statement));
    if (status == 401 || status == 403) {
      return StoreException.unusable(message + " (check the credentials of the InfluxDBClient)", null);
    }
    if (status == 404) {
      return StoreException.unusable(message + " (no /query endpoint at the client's URL: is it an InfluxDB?)", null);
    }
    if (status >= 500 || status == 429) {
      return new StoreException(message, null);
    }
    return StoreException.permanent(message, null);
  }

  static StoreException statementError(String error, String statement) {
    String message = "InfluxDB failed a statement: " + error + "; statement: " + InfluxHttp.abbreviate(statement);
    String lower = error.toLowerCase(Locale.ROOT);
    if (lower.contains("database not found") || lower.contains("retention policy not found")
        || lower.contains("authorized") || lower.contains("authentication")) {
      return StoreException.unusable(message + " (create the schema with InfluxAuditStore.ensureSchema(), and check "
          + "the client's rights)", null);
    }
    return StoreException.permanent(message, null);
  }
}
