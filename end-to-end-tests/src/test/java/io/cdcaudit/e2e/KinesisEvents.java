package io.cdcaudit.e2e;

import io.cdcaudit.tck.SyntheticMaxwellEvents;
import io.cdcaudit.testservers.DynaliteServer;
import io.cdcaudit.testservers.KclLeaseTables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/** The synthetic Maxwell events of audit-tck, put into a Kinesis stream, and who holds the stream's leases. */
final class KinesisEvents {

  private KinesisEvents() {}

  /** Puts events {@code from} (inclusive) to {@code to} (exclusive), partitioned by their Maxwell key; returns when Kinesis holds them. */
  static void put(KinesisClient client, String stream, long from, long to) {
    for (long start = from; start < to; start += 500) {
      List<PutRecordsRequestEntry> batch = new ArrayList<>();
      for (long n = start; n < Math.min(to, start + 500); n++) {
        batch.add(PutRecordsRequestEntry.builder()
            .partitionKey(new String(SyntheticMaxwellEvents.key(n), StandardCharsets.UTF_8))
            .data(SdkBytes.fromByteArray(SyntheticMaxwellEvents.event(n)))
            .build());
      }
      PutRecordsResponse response = client.putRecords(r -> r.streamName(stream).records(batch));
      if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
        throw new IllegalStateException(response.failedRecordCount() + " test events were not put into " + stream);
      }
    }
  }

  /** How many shard leases each worker holds in {@code application}'s lease table, by worker id. */
  static Map<String, Integer> leasesPerWorker(DynaliteServer dynalite, String application) {
    Map<String, Integer> owners = new TreeMap<>();
    try (DynamoDbClient client = KclLeaseTables.client(dynalite)) {
      for (Map<String, AttributeValue> item : client.scan(r -> r.tableName(application)).items()) {
        AttributeValue owner = item.get(KclLeaseTables.LEASE_OWNER);
        AttributeValue checkpoint = item.get("checkpoint");
        if (owner != null && checkpoint != null && !"SHARD_END".equals(checkpoint.s())) {
          owners.merge(owner.s(), 1, Integer::sum);
        }
      }
    }
    return owners;
  }
}
