package io.cdcaudit.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.pipeline.AuditPipeline;
import java.net.URI;
import java.time.Duration;

/**
 * An audit pipeline from a Kinesis stream (kinesis-local, leases in dynalite) into MongoDB, run by
 * {@link PipelineProcess#launch(Class, java.nio.file.Path, String...)} so that fault tests can kill it.
 * Arguments: Kinesis endpoint, DynamoDB endpoint, stream, application, MongoDB URI, worker id.
 * Dead letters stay in this JVM: the synthetic events have none, and one would show as a missing record.
 */
public final class KinesisPipelineMain {

  private KinesisPipelineMain() {}

  public static void main(String[] args) throws InterruptedException {
    MongoClient mongo = MongoClients.create(args[4]);
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    AuditPipeline pipeline = AuditPipeline.builder()
        .name("killable-" + args[5])
        .source(KinesisSources.quick(URI.create(args[0]), URI.create(args[1]), args[2], args[3]).workerId(args[5]).build())
        .decoder(ChangeDecoders.auto())
        .store(MongoAuditStore.builder(mongo, AuditMongo.DATABASE).build())
        .deadLetters(deadLetters)
        .pollTimeout(Duration.ofMillis(100))
        .build();
    pipeline.start();
    System.out.println("pipeline started");
    while (true) {
      Thread.sleep(5_000);
      System.out.println("health " + pipeline.health() + ", dead letters " + deadLetters.letters().size());
    }
  }
}
