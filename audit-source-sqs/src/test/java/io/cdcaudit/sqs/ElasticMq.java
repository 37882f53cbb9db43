package io.cdcaudit.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * ElasticMQ 1.7.1 embedded in the test JVM, on a free loopback port: started on first use, stopped
 * at JVM exit. Tests create their own queues with {@link #createQueue(String, Map)}.
 */
final class ElasticMq {

  private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

  private ElasticMq() {}

  private static final class Server {
    static final SQSRestServer SERVER;
    static final URI ENDPOINT;
    static final SqsClient CLIENT;

    static {
      long started = System.nanoTime();
      SERVER = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
      int port = SERVER.waitUntilStarted().localAddress().getPort();
      ENDPOINT = URI.create("http://127.0.0.1:" + port);
      CLIENT = newClient();
      System.err.printf("ElasticMQ started on %s in %d ms%n", ENDPOINT, (System.nanoTime() - started) / 1_000_000);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        CLIENT.close();
        SERVER.stopAndWait();
      }, "elasticmq-stop"));
    }
  }

  /** Where ElasticMQ listens. */
  static URI endpoint() {
    return Server.ENDPOINT;
  }

  /** A client shared by the tests for set-up and checks. */
  static SqsClient client() {
    return Server.CLIENT;
  }

  /** A new client of its own (each consumer of a scale-out test has one); the caller closes it. */
  static SqsClient newClient() {
    return SqsClient.builder()
        .endpointOverride(Server.ENDPOINT)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
        .httpClient(Apache5HttpClient.builder()
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build())
        .build();
  }

  /** A new queue named {@code <prefix>-<n>} (plus {@code .fifo} when {@code fifo}); returns its URL. */
  static String createQueue(String prefix, boolean fifo, Map<QueueAttributeName, String> attributes) {
    String name = prefix + "-" + QUEUE_NUMBER.incrementAndGet() + (fifo ? ".fifo" : "");
    Map<QueueAttributeName, String> all = new HashMap<>(attributes);
    if (fifo) {
      all.put(QueueAttributeName.FIFO_QUEUE, "true");
    }
    return client().createQueue(r -> r.queueName(name).attributes(all)).queueUrl();
  }

  static String createQueue(String prefix, boolean fifo) {
    return createQueue(prefix, fifo, Map.of());
  }

  static void deleteQueue(String queueUrl) {
    client().deleteQueue(r -> r.queueUrl(queueUrl));
  }

  static String arnOf(String queueUrl) {
    return client().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /** ApproximateNumberOfMessages and ApproximateNumberOfMessagesNotVisible. */
  static long[] counts(String queueUrl) {
    Map<QueueAttributeName, String> a = client().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return new long[] {
        Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
        Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))};
  }

  /** A text attribute. */
  static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  /** Sends entries 10 per call (ids are set here) and fails on any entry SQS refused. */
  static void sendAll(SqsClient client, String queueUrl, List<SendMessageBatchRequestEntry> entries) {
    for (int from = 0; from < entries.size(); from += 10) {
      List<SendMessageBatchRequestEntry> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(entries.size(), from + 10); i++) {
        chunk.add(entries.get(i).toBuilder().id(Integer.toString(i - from)).build());
      }
      SendMessageBatchResponse response = client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk));
      if (!response.failed().isEmpty()) {
        throw new IllegalStateException("SQS refused messages: " + response.failed());
      }
    }
  }

  static void sendAll(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
    sendAll(client(), queueUrl, entries);
  }

  /** Receives (and leaves in flight for {@code visibility}) whatever one call returns, with all attributes. */
  static List<Message> receiveRaw(String queueUrl, int visibilitySeconds, int waitSeconds) {
    return client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
        .visibilityTimeout(visibilitySeconds).waitTimeSeconds(waitSeconds)
        .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }
}
