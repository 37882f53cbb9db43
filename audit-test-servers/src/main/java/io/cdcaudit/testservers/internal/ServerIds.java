package io.cdcaudit.testservers.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replication server ids for binlog readers (Maxwell's replica_server_id, Debezium's database.server.id). Every
 * reader of one MariaDB needs its own; a random base per JVM keeps parallel JVMs apart too.
 */
public final class ServerIds {

  private static final AtomicInteger NEXT = new AtomicInteger(10_000 + ThreadLocalRandom.current().nextInt(0, 1_000_000) * 100);

  private ServerIds() {
  }

  public static int next() {
    return NEXT.incrementAndGet();
  }
}
