package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.IsolatedServer;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.runner.ElasticMqRunner;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * ElasticMQ 1.7.1, an SQS-compatible queue server (standard and FIFO queues, visibility, redrive), in memory, on a free
 * loopback port. It runs in the test JVM in a class loader of its own, so its Scala and Pekko never meet the test's
 * classpath; ready in a few seconds (Pekko's start). {@link TestServers#elasticMq()} is the shared instance.
 *
 * <p>The helpers need the AWS SDK's SQS client and its Apache 5 HTTP client ({@code software.amazon.awssdk:sqs},
 * {@code apache5-client}) on the caller's classpath: this module declares them optional. Tests create queues of
 * their own ({@link #createQueue(String, boolean)}) and delete them afterwards.
 */
public final class ElasticMqServer implements AutoCloseable {

  /** The region of every client: ElasticMQ takes any. */
  public static final Region REGION = Region.US_EAST_1;
  /** The access key of every client; ElasticMQ checks no signature, and a child process can be given it. */
  public static final String ACCESS_KEY = "test-key";
  /** The secret key of every client. */
  public static final String SECRET_KEY = "test-secret";

  private static final int BATCH = 10;
  private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

  private final IsolatedServer server;
  private final URI endpoint;
  private SqsClient client;
  private boolean closed;

  private ElasticMqServer(IsolatedServer server) {
    this.server = server;
    this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + server.port());
  }

  /** Starts an ElasticMQ of its own; {@link #close()} stops it and drops its queues. */
  public static ElasticMqServer start() {
    return new ElasticMqServer(IsolatedServer.start("elasticmq", "ElasticMQ", ElasticMqRunner.class.getName()));
  }

  /** Where it listens: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A client shared by the callers of this instance, for set-up and checks; closed by {@link #close()}. */
  public synchronized SqsClient client() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /**
   * A client of its own (each consumer of a scale-out test has one), which the caller closes: static credentials and
   * region (nothing read from the environment), up to 16 connections (so a few consumers' long polls do not queue
   * behind each other), a 5 s connect timeout and a 30 s socket timeout (longer than SQS's longest poll, 20 s).
   */
  public SqsClient newClient() {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(Apache5HttpClient.builder()
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build())
        .build();
  }

  /** A new queue named {@code <prefix>-<n>}, {@code .fifo} added for a FIFO queue; returns its URL. */
  public String createQueue(String prefix, boolean fifo) {
    return createQueue(prefix, fifo, Map.of());
  }

  /** A new queue with these attributes ({@code VisibilityTimeout}, {@code RedrivePolicy}, ...); returns its URL. */
  public String createQueue(String prefix, boolean fifo, Map<QueueAttributeName, String> attributes) {
    String name = prefix + "-" + QUEUE_NUMBER.incrementAndGet() + (fifo ? ".fifo" : "");
    Map<QueueAttributeName, String> all = new HashMap<>(attributes);
    if (fifo) {
      all.put(QueueAttributeName.FIFO_QUEUE, "true");
    }
    return client().createQueue(r -> r.queueName(name).attributes(all)).queueUrl();
  }

  /** Deletes a queue with whatever it holds. */
  public void deleteQueue(String queueUrl) {
    client().deleteQueue(r -> r.queueUrl(queueUrl));
  }

  /** The queue's ARN, as a redrive policy names its dead-letter queue. */
  public String arnOf(String queueUrl) {
    return client().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /** How many messages the queue holds, visible and in flight. */
  public QueueCounts counts(String queueUrl) {
    Map<QueueAttributeName, String> a = client().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return new QueueCounts(Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
        Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
  }

  /** Sends the entries with the shared client; see {@link #sendAll(SqsClient, String, List)}. */
  public void sendAll(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
    sendAll(client(), queueUrl, entries);
  }

  /**
   * Sends the entries ten per call (SQS's batch limit; their ids are set here, unique within a call), and fails on the
   * first entry SQS refused: a test's messages are then all in the queue, or the test stops.
   */
  public static void sendAll(SqsClient client, String queueUrl, List<SendMessageBatchRequestEntry> entries) {
    for (int from = 0; from < entries.size(); from += BATCH) {
      List<SendMessageBatchRequestEntry> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(entries.size(), from + BATCH); i++) {
        chunk.add(entries.get(i).toBuilder().id(Integer.toString(i - from)).build());
      }
      SendMessageBatchResponse response = client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk));
      if (!response.failed().isEmpty()) {
        throw new IllegalStateException("SQS refused messages: " + response.failed());
      }
    }
  }

  /**
   * One receive call's messages with every attribute, left in flight for {@code visibilitySeconds}: what a test
   * reads to inspect messages without a source.
   */
  public List<Message> receiveRaw(String queueUrl, int visibilitySeconds, int waitSeconds) {
    return client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(BATCH)
        .visibilityTimeout(visibilitySeconds).waitTimeSeconds(waitSeconds)
        .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }

  /** A message attribute of type {@code String}. */
  public static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  /** Closes the shared client and stops the server; its queues and messages are gone. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (client != null) {
      client.close();
    }
    server.close();
  }

  @Override
  public String toString() {
    return "ElasticMqServer[" + endpoint + "]";
  }

  /**
   * The messages of a queue, as SQS approximates them.
   *
   * @param visible {@code ApproximateNumberOfMessages}: waiting to be received
   * @param inFlight {@code ApproximateNumberOfMessagesNotVisible}: received, neither deleted nor visible again yet
   */
  public record QueueCounts(long visible, long inFlight) {

    /** No message at all. */
    public static final QueueCounts EMPTY = new QueueCounts(0, 0);

    /** Whether the queue holds no message, visible or in flight. */
    public boolean isEmpty() {
      return visible == 0 && inFlight == 0;
    }
  }
}
