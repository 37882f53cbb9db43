package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.AwsClients;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The lease table of the Kinesis Client Library 3.x, made ready on a {@link DynaliteServer} before any worker starts.
 * A KCL 3 worker adds the index {@value #LEASE_OWNER_INDEX} to an existing lease table with an {@code UpdateTable}
 * call that dynalite rejects; it uses a table that has the index already. Needs the AWS SDK's {@code dynamodb} and
 * {@code apache5-client}.
 */
public final class KclLeaseTables {

  /** The index KCL 3 looks leases up by: {@code leaseOwner} (hash), {@code leaseKey} (range), keys only. */
  public static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";
  /** The lease table's hash key: the shard id (a multi-stream application adds the stream to it). */
  public static final String LEASE_KEY = "leaseKey";
  /** The worker id holding a lease: the index's hash key. */
  public static final String LEASE_OWNER = "leaseOwner";

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

  private KclLeaseTables() {
  }

  /**
   * A new sync client of {@code server}, which the caller closes: the Apache 5 HTTP client (5 s connect, 30 s socket
   * timeout), region {@code us-east-1}, static dummy credentials (nothing read from the environment).
   */
  public static DynamoDbClient client(DynaliteServer server) {
    return AwsClients.build(DynamoDbClient.builder(), server.endpoint());
  }

  /**
   * Creates the lease table KCL 3.x expects for {@code applicationName} (its default lease table name) and waits
   * (30 s at most) until the table and its index are {@code ACTIVE}: {@code PAY_PER_REQUEST}, hash key
   * {@value #LEASE_KEY} (S), the index {@value #LEASE_OWNER_INDEX}; no point-in-time recovery, no deletion
   * protection, no tags (KCL's defaults). Returns the table name.
   */
  public static String create(DynaliteServer server, String applicationName) {
    try (DynamoDbClient client = client(server)) {
      client.createTable(r -> r.tableName(applicationName)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .keySchema(key(LEASE_KEY, KeyType.HASH))
          .attributeDefinitions(string(LEASE_KEY), string(LEASE_OWNER))
          .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
              .indexName(LEASE_OWNER_INDEX)
              .keySchema(key(LEASE_OWNER, KeyType.HASH), key(LEASE_KEY, KeyType.RANGE))
              .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
              .build()));
      awaitActive(client, applicationName);
    }
    return applicationName;
  }

  private static void awaitActive(DynamoDbClient client, String table) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    TableDescription description;
    do {
      description = client.describeTable(r -> r.tableName(table)).table();
      if (description.tableStatus() == TableStatus.ACTIVE && description.globalSecondaryIndexes().stream()
          .allMatch(index -> index.indexStatus() == IndexStatus.ACTIVE)) {
        return;
      }
      sleep();
    } while (System.nanoTime() - deadline < 0);
    throw new IllegalStateException("lease table " + table + " is not ACTIVE with its index within "
        + ACTIVE_TIMEOUT.toSeconds() + " s: " + description);
  }

  private static KeySchemaElement key(String attribute, KeyType type) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
  }

  private static AttributeDefinition string(String attribute) {
    return AttributeDefinition.builder().attributeName(attribute).attributeType(ScalarAttributeType.S).build();
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a table", e);
    }
  }
}
