/**
 * The InfluxDB store: {@link io.cdcaudit.influx.InfluxAuditStore}, the audit trail as time series (one point per
 * change, tags of bounded cardinality, retention by retention policy), idempotent by series and timestamp, written
 * through {@code /write} or {@code /api/v2/write} ({@link io.cdcaudit.influx.WriteProtocol}) and queried with
 * InfluxQL.
 */
package io.cdcaudit.influx;
