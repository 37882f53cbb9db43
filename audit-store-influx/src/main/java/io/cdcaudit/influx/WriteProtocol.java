package io.cdcaudit.influx;

/**
 * Which endpoint the store writes its points to. Both carry the same line protocol, built by the
 * client library's {@code Point}; queries always use InfluxQL on {@code /query}.
 */
public enum WriteProtocol {
  /**
   * {@code POST /write?db=&rp=&precision=ns}: the v1 API of every InfluxDB 1.x, also served by 2.x and 3.x for
   * compatibility. The default.
   */
  V1,
  /**
   * {@code POST /api/v2/write} through the client's blocking write API, to the bucket {@code <database>/<policy>}:
   * InfluxDB 1.8+ (which maps that name to the database and retention policy), 2.x (a bucket of that name, which 2.x
   * maps for InfluxQL) and 3.x. Needs {@link InfluxAuditStore.Builder#organization(String)}.
   */
  V2
}
