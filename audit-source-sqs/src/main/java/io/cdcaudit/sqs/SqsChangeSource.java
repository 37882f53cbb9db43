package io.cdcaudit.sqs;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.sqs.internal.InFlightMessages;
import io.cdcaudit.sqs.internal.QueueUrl;
import io.cdcaudit.sqs.internal.SnsNotification;
import io.cdcaudit.sqs.internal.SqsErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * A {@link ChangeSource} over one Amazon SQS queue, standard or FIFO, read with the AWS SDK v2.
 *
 * <ul>
 *   <li><b>Receiving.</b> A {@link #poll(Duration) poll} long-polls the queue (up to
 *       {@link Builder#waitTime(Duration)}, never longer than the poll's own timeout) and, while the
 *       queue hands out full batches of 10, makes up to {@link Builder#receiveBatches(int)} calls.
 *   <li><b>Acknowledging</b> deletes exactly the acknowledged messages ({@code DeleteMessageBatch}, 10
 *       at a time). A delete that fails is tried once more, then reported as a {@link SourceException}
 *       naming the messages; they come back after their visibility timeout and the idempotent store
 *       keeps one record each.
 *   <li><b>Visibility.</b> Messages are received with {@link Builder#visibilityTimeout(Duration)}. Every
 *       poll, also while paused, extends the visibility of the received, unacknowledged messages that
 *       would become visible within half that timeout, so a batch the store is still writing is not
 *       handed to another consumer. {@link #close()} makes the unacknowledged ones visible at once.
 *   <li><b>Order.</b> A FIFO queue's messages are partitioned by {@code MessageGroupId}
 *       ({@link SourcePartition#ordered(String, String)}): SQS gives one group's messages to one
 *       consumer at a time, in order, and holds back the rest of a group until the messages in flight
 *       are deleted. A standard queue is one unordered partition: redeliveries and reordering are
 *       absorbed by the store's idempotency.
 *   <li><b>SNS.</b> With {@link Builder#unwrapSns(boolean)} (the default) a body that is an SNS
 *       notification envelope is replaced by the published text.
 * </ul>
 *
 * <p>What a {@link SourceMessage} carries: coordinates {@code <queue name>[/<group>]@<message id>};
 * the value is the body's UTF-8 bytes (or the SNS message's); the key is the message attribute
 * {@value #KEY_ATTRIBUTE} when there is one, else none; the timestamp is {@code SentTimestamp}; the
 * headers are the message attributes (binary ones in base64), the system attributes as
 * {@code sqs.<name>} ({@value #RECEIVE_COUNT}, {@value #SENT_TIMESTAMP}, ...), and for an unwrapped
 * notification {@value #SNS_MESSAGE_ID}, {@value #SNS_TOPIC_ARN} and the SNS message attributes.
 *
 * <p>Like the port, not thread-safe: the pipeline calls every method from its poll thread. The
 * {@link SqsClient} belongs to the caller and is not closed here.
 */
public final class SqsChangeSource implements ChangeSource {

  /** The message attribute whose value becomes the message key. */
  public static final String KEY_ATTRIBUTE = "key";
  /** Header: how many times SQS has delivered the message, this delivery included. */
  public static final String RECEIVE_COUNT = "sqs.ApproximateReceiveCount";
  /** Header: when the message was sent, in epoch milliseconds. */
  public static final String SENT_TIMESTAMP = "sqs.SentTimestamp";
  /** Header: when the message was first received, in epoch milliseconds. */
  public static final String FIRST_RECEIVE_TIMESTAMP = "sqs.ApproximateFirstReceiveTimestamp";
  /** Header (FIFO): the message group. */
  public static final String MESSAGE_GROUP_ID = "sqs.MessageGroupId";
  /** Header (FIFO): the sequence number SQS gave the message. */
  public static final String SEQUENCE_NUMBER = "sqs.SequenceNumber";
  /** Header (FIFO): the deduplication id. */
  public static final String DEDUPLICATION_ID = "sqs.MessageDeduplicationId";
  /** Header: the SNS message id of an unwrapped notification. */
  public static final String SNS_MESSAGE_ID = "sns.MessageId";
  /** Header: the SNS topic of an unwrapped notification. */
  public static final String SNS_TOPIC_ARN = "sns.TopicArn";

  private static final int MAX_PER_CALL = 10;
  private static final int MAX_WAIT_SECONDS = 20;
  private static final long IDLE_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long SHORT_POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long LONG_POLL_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int MAX_NAMED_FAILURES = 10;

  private static final Map<MessageSystemAttributeName, String> SYSTEM_HEADERS = Map.of(
      MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, RECEIVE_COUNT,
      MessageSystemAttributeName.SENT_TIMESTAMP, SENT_TIMESTAMP,
      MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, FIRST_RECEIVE_TIMESTAMP,
      MessageSystemAttributeName.MESSAGE_GROUP_ID, MESSAGE_GROUP_ID,
      MessageSystemAttributeName.SEQUENCE_NUMBER, SEQUENCE_NUMBER,
      MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, DEDUPLICATION_ID);

  private final SqsClient client;
  private final QueueUrl queue;
  private final int receiveBatches;
  private final Duration waitTime;
  private final int visibilitySeconds;
  private final long visibilityNanos;
  private final boolean unwrapSns;
  private final long lagRefreshNanos;
  private final SourcePartition unorderedPartition;
  private final Map<String, SourcePartition> groupPartitions = new HashMap<>();
  private final InFlightMessages inFlight = new InFlightMessages();

  private volatile boolean paused;
  private volatile boolean closed;
  private boolean lagFetched;
  private long lagFetchedAt;
  private OptionalLong lag = OptionalLong.empty();

  private SqsChangeSource(Builder b, QueueUrl queue) {
    this.client = b.client;
    this.queue = queue;
    this.receiveBatches = b.receiveBatches;
    this.waitTime = b.waitTime;
    this.visibilitySeconds = (int) b.visibilityTimeout.toSeconds();
    this.visibilityNanos = TimeUnit.SECONDS.toNanos(visibilitySeconds);
    this.unwrapSns = b.unwrapSns;
    this.lagRefreshNanos = b.lagRefresh.toNanos();
    this.unorderedPartition = SourcePartition.unordered(queue.name());
  }

  /**
   * Starts a builder.
   *
   * @param client the application's SQS client (region, credentials, HTTP client are its business)
   * @param queueUrl the queue's URL, as {@code GetQueueUrl} returns it
   * @return a builder with the defaults below
   */
  public static Builder builder(SqsClient client, String queueUrl) {
    return new Builder(client, queueUrl);
  }

  /**
   * The queue's name, the last segment of its URL.
   *
   * @return the name, such as {@code cdc.fifo}
   */
  public String queueName() {
    return queue.name();
  }

  /**
   * Whether the queue is a FIFO queue (its name ends in {@code .fifo}).
   *
   * @return {@code true} for a FIFO queue, whose message groups are ordered partitions
   */
  public boolean fifo() {
    return queue.fifo();
  }

  // ---- polling --------------------------------------------------------------------------------

  /**
   * Receives the next messages, waiting up to {@code timeout}; when paused, receives nothing and
   * sleeps. Either way the visibility of the messages in flight is extended where it runs low.
   *
   * @throws SourceException when the queue cannot be read, or the visibility of messages in flight
   *     cannot be extended (then nothing was received)
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public List<SourceMessage> poll(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    extendVisibility(true);
    if (paused) {
      idleUntil(deadline);
      return List.of();
    }
    List<SourceMessage> received = new ArrayList<>();
    while (!Thread.currentThread().isInterrupted()) {
      int waitSeconds = waitSeconds(deadline);
      receiveRound(waitSeconds, received);
      long now = System.nanoTime();
      if (!received.isEmpty() || now - deadline >= 0) {
        break;
      }
      if (waitSeconds == 0) {
        // A short poll found nothing: pause instead of asking again at once.
        idleUntil(deadline - now < SHORT_POLL_PAUSE_NANOS ? deadline : now + SHORT_POLL_PAUSE_NANOS);
      }
    }
    // Messages just received are fresh; this catches older ones that ran low during a long poll.
    extendVisibility(false);
    return received;
  }

  /** Whole seconds to long-poll: the configured wait, within the time left and half the visibility timeout. */
  private int waitSeconds(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return 0;
    }
    long wait = Math.min(waitTime.toNanos(), left);
    if (!inFlight.isEmpty()) {
      // Messages held here must be extended before they run low: do not sleep through that.
      wait = Math.min(wait, visibilityNanos / 2 - LONG_POLL_MARGIN_NANOS);
    }
    return (int) Math.max(0, Math.min(MAX_WAIT_SECONDS, TimeUnit.NANOSECONDS.toSeconds(wait)));
  }

  /** One long poll, then short ones while SQS hands out full batches, up to receiveBatches calls. */
  private void receiveRound(int waitSeconds, List<SourceMessage> out) {
    for (int call = 0; call < receiveBatches; call++) {
      ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
          .queueUrl(queue.url())
          .maxNumberOfMessages(MAX_PER_CALL)
          .waitTimeSeconds(call == 0 ? waitSeconds : 0)
          .visibilityTimeout(visibilitySeconds)
          .messageAttributeNames("All")
          .messageSystemAttributeNames(SYSTEM_HEADERS.keySet());
      if (queue.fifo()) {
        // The SDK's own retries reuse the request, and with it this id: SQS then returns the same messages.
        request.receiveRequestAttemptId(UUID.randomUUID().toString());
      }
      long sentAt = System.nanoTime();
      List<Message> messages;
      try {
        messages = client.receiveMessage(request.build()).messages();
      } catch (SdkException e) {
        if (out.isEmpty()) {
          throw SqsErrors.classified(queue.name(), "receive failed", e);
        }
        return; // keep what arrived; a lasting failure shows on the next poll
      }
      long visibleAt = sentAt + visibilityNanos;
      for (Message message : messages) {
        inFlight.received(message.messageId(), message.receiptHandle(), visibleAt);
        out.add(toSourceMessage(message));
      }
      if (messages.size() < MAX_PER_CALL) {
        return;
      }
    }
  }

  /** Sleeps until {@code deadline} in small steps, extending visibility as it runs low. */
  private void idleUntil(long deadline) {
    while (!closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, IDLE_STEP_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      extendVisibility(true);
    }
  }

  private SourceMessage toSourceMessage(Message message) {
    Map<MessageSystemAttributeName, String> system = message.attributes();
    SourcePartition partition = unorderedPartition;
    if (queue.fifo()) {
      String group = system.getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID, "");
      partition = groupPartitions.computeIfAbsent(group, g -> SourcePartition.ordered(queue.name(), g));
      if (groupPartitions.size() > 100_000) {
        groupPartitions.clear(); // bounded: partitions are values, recreating them is harmless
      }
    }
    SourceMessage.Builder out = SourceMessage.builder(new MessageCoordinates(partition, message.messageId()))
        .receipt(message.receiptHandle());
    byte[] key = null;
    for (Map.Entry<String, MessageAttributeValue> attribute : message.messageAttributes().entrySet()) {
      MessageAttributeValue value = attribute.getValue();
      if (value.binaryValue() != null) {
        byte[] bytes = value.binaryValue().asByteArray();
        out.header(attribute.getKey(), Base64.getEncoder().encodeToString(bytes));
        if (KEY_ATTRIBUTE.equals(attribute.getKey())) {
          key = bytes;
        }
      } else if (value.stringValue() != null) {
        out.header(attribute.getKey(), value.stringValue());
        if (KEY_ATTRIBUTE.equals(attribute.getKey())) {
          key = value.stringValue().getBytes(StandardCharsets.UTF_8);
        }
      }
    }
    for (Map.Entry<MessageSystemAttributeName, String> header : SYSTEM_HEADERS.entrySet()) {
      String value = system.get(header.getKey());
      if (value != null) {
        out.header(header.getValue(), value);
      }
    }
    String sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
    if (sent != null) {
      try {
        out.timestamp(Instant.ofEpochMilli(Long.parseLong(sent)));
      } catch (NumberFormatException ignored) {
        // no timestamp rather than no message
      }
    }
    String body = message.body();
    SnsNotification notification = unwrapSns ? SnsNotification.from(body).orElse(null) : null;
    if (notification != null) {
      out.value(notification.messageBytes());
      if (notification.messageId() != null) {
        out.header(SNS_MESSAGE_ID, notification.messageId());
      }
      if (notification.topicArn() != null) {
        out.header(SNS_TOPIC_ARN, notification.topicArn());
      }
      for (Map.Entry<String, SnsNotification.Attribute> attribute : notification.attributes().entrySet()) {
        out.header(attribute.getKey(), attribute.getValue().value());
        if (key == null && KEY_ATTRIBUTE.equals(attribute.getKey())) {
          key = attribute.getValue().bytes();
        }
      }
    } else {
      out.value(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }
    return out.key(key).build();
  }

  // ---- visibility -----------------------------------------------------------------------------

  /**
   * Extends to the full visibility timeout every message in flight whose visibility runs out within
   * half of it. A message whose visibility ran out already, or that SQS says cannot be extended, is
   * forgotten: another consumer may hold it now, and acknowledging it here would be wrong.
   */
  private void extendVisibility(boolean throwOnFailure) {
    if (inFlight.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    List<InFlightMessages.Entry> due = new ArrayList<>();
    for (InFlightMessages.Entry entry : inFlight.visibleBefore(now + visibilityNanos / 2)) {
      if (entry.visibleAtNanos() - now <= 0) {
        inFlight.forget(entry.messageId());
      } else {
        due.add(entry);
      }
    }
    for (int from = 0; from < due.size(); from += MAX_PER_CALL) {
      List<InFlightMessages.Entry> chunk = due.subList(from, Math.min(due.size(), from + MAX_PER_CALL));
      long sentAt = System.nanoTime();
      ChangeMessageVisibilityBatchResponse response;
      try {
        response = client.changeMessageVisibilityBatch(r -> r.queueUrl(queue.url()).entries(visibilityEntries(chunk, visibilitySeconds)));
      } catch (SdkException e) {
        if (throwOnFailure) {
          throw new SourceException("SQS queue " + queue.name() + ": could not extend the visibility of "
              + due.size() + " messages in flight: " + e.getMessage(), e);
        }
        return;
      }
      for (ChangeMessageVisibilityBatchResultEntry ok : response.successful()) {
        inFlight.extended(chunk.get(Integer.parseInt(ok.id())).messageId(), sentAt + visibilityNanos);
      }
      for (BatchResultErrorEntry failed : response.failed()) {
        if (Boolean.TRUE.equals(failed.senderFault())) {
          // Not in flight any more, a stale receipt, or past SQS's 12-hour limit: no longer ours to hold.
          inFlight.forget(chunk.get(Integer.parseInt(failed.id())).messageId());
        }
      }
    }
  }

  private static List<ChangeMessageVisibilityBatchRequestEntry> visibilityEntries(List<InFlightMessages.Entry> chunk, int seconds) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
          .id(Integer.toString(i))
          .receiptHandle(chunk.get(i).receiptHandle())
          .visibilityTimeout(seconds)
          .build());
    }
    return entries;
  }

  // ---- acknowledging --------------------------------------------------------------------------

  /**
   * Deletes these messages from the queue, 10 per call. Messages this source does not hold in flight
   * (acknowledged before, released by {@link #close()}, or lost to a lapsed visibility) are skipped.
   *
   * @throws SourceException naming the messages whose delete failed twice; they are forgotten here
   *     and come back after their visibility timeout
   */
  @Override
  public void acknowledge(List<SourceMessage> messages) {
    if (messages.isEmpty() || closed) {
      return;
    }
    List<InFlightMessages.Entry> held = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SourceMessage message : messages) {
      String id = message.coordinates().position();
      InFlightMessages.Entry entry = inFlight.get(id);
      if (entry != null && seen.add(id)) {
        held.add(entry);
      }
    }
    List<String> failures = new ArrayList<>();
    int failed = 0;
    boolean unreachable = false;
    for (int from = 0; from < held.size(); from += MAX_PER_CALL) {
      List<InFlightMessages.Entry> chunk = held.subList(from, Math.min(held.size(), from + MAX_PER_CALL));
      if (unreachable) {
        failed += chunk.size();
        chunk.forEach(e -> note(failures, e.messageId(), "not tried: SQS did not answer"));
        continue;
      }
      Deletion first = delete(chunk);
      Deletion second = first.failed().isEmpty() ? first : delete(first.failed());
      if (second.failed().isEmpty()) {
        continue;
      }
      failed += second.failed().size();
      for (InFlightMessages.Entry entry : second.failed()) {
        note(failures, entry.messageId(), second.reasons().get(entry.messageId()));
      }
      unreachable = first.threw() && second.threw();
    }
    for (InFlightMessages.Entry entry : held) {
      inFlight.forget(entry.messageId());
    }
    if (failed > 0) {
      throw new SourceException("SQS queue " + queue.name() + ": could not delete " + failed + " of " + held.size()
          + " acknowledged messages (they will be delivered again and stored once): " + String.join(", ", failures)
          + (failed > failures.size() ? " and " + (failed - failures.size()) + " more" : ""));
    }
  }

  private static void note(List<String> failures, String messageId, String reason) {
    if (failures.size() < MAX_NAMED_FAILURES) {
      failures.add(messageId + " (" + reason + ")");
    }
  }

  private record Deletion(List<InFlightMessages.Entry> failed, Map<String, String> reasons, boolean threw) {}

  private Deletion delete(List<InFlightMessages.Entry> chunk) {
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
    }
    Map<String, String> reasons = new HashMap<>();
    DeleteMessageBatchResponse response;
    try {
      response = client.deleteMessageBatch(r -> r.queueUrl(queue.url()).entries(entries));
    } catch (SdkException e) {
      chunk.forEach(entry -> reasons.put(entry.messageId(), e.getMessage()));
      return new Deletion(List.copyOf(chunk), reasons, true);
    }
    List<InFlightMessages.Entry> failed = new ArrayList<>();
    for (BatchResultErrorEntry error : response.failed()) {
      InFlightMessages.Entry entry = chunk.get(Integer.parseInt(error.id()));
      failed.add(entry);
      reasons.put(entry.messageId(), error.code() + (error.message() == null ? "" : ": " + error.message()));
    }
    return new Deletion(failed, reasons, false);
  }

  // ---- the rest of the port -------------------------------------------------------------------

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  /**
   * The queue's {@code ApproximateNumberOfMessages} (visible messages: not counting those in flight
   * anywhere), fetched at most once per {@link Builder#lagRefresh(Duration)}; the last value known
   * when the queue cannot be asked.
   */
  @Override
  public OptionalLong lag() {
    if (closed) {
      return lag;
    }
    long now = System.nanoTime();
    if (lagFetched && now - lagFetchedAt < lagRefreshNanos) {
      return lag;
    }
    lagFetched = true;
    lagFetchedAt = now;
    try {
      String value = client.getQueueAttributes(r -> r.queueUrl(queue.url())
              .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
          .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
      if (value != null) {
        lag = OptionalLong.of(Long.parseLong(value.trim()));
      }
    } catch (SdkException | NumberFormatException e) {
      // lag is advisory: keep the last value
    }
    return lag;
  }

  /**
   * Makes every message received and not acknowledged visible again at once (visibility 0), so that
   * another consumer takes it now rather than after the visibility timeout, and forgets them.
   * Closing twice is harmless. The SQS client stays open.
   *
   * @throws SourceException when some could not be released; they come back after their visibility timeout
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<InFlightMessages.Entry> all = inFlight.forgetAll();
    int notReleased = 0;
    String lastError = null;
    for (int from = 0; from < all.size(); from += MAX_PER_CALL) {
      List<InFlightMessages.Entry> chunk = all.subList(from, Math.min(all.size(), from + MAX_PER_CALL));
      try {
        ChangeMessageVisibilityBatchResponse response =
            client.changeMessageVisibilityBatch(r -> r.queueUrl(queue.url()).entries(visibilityEntries(chunk, 0)));
        for (BatchResultErrorEntry failed : response.failed()) {
          if (!Boolean.TRUE.equals(failed.senderFault())) {
            notReleased++;
            lastError = failed.code() + ": " + failed.message();
          }
        }
      } catch (SdkException e) {
        notReleased += chunk.size();
        lastError = e.getMessage();
      }
    }
    if (notReleased > 0) {
      throw new SourceException("SQS queue " + queue.name() + ": could not release " + notReleased
          + " unacknowledged messages on close; they come back after the visibility timeout (" + visibilitySeconds
          + " s). Last error: " + lastError);
    }
  }

  @Override
  public String toString() {
    return "SqsChangeSource[" + queue.name() + (queue.fifo() ? ", FIFO" : ", standard") + ", " + inFlight.size()
        + " in flight" + (closed ? ", closed" : paused ? ", paused" : "") + "]";
  }

  /** Builds an {@link SqsChangeSource}; {@link #build()} checks every setting. */
  public static final class Builder {
    private final SqsClient client;
    private final String queueUrl;
    private int receiveBatches = 5;
    private Duration waitTime = Duration.ofSeconds(MAX_WAIT_SECONDS);
    private Duration visibilityTimeout = Duration.ofSeconds(60);
    private boolean unwrapSns = true;
    private Duration lagRefresh = Duration.ofSeconds(5);

    private Builder(SqsClient client, String queueUrl) {
      this.client = client;
      this.queueUrl = queueUrl;
    }

    /**
     * Receive calls per poll, each taking up to 10 messages (default 5). Calls after the first are
     * made only while the previous one returned a full 10. 1 to 100.
     *
     * @param receiveBatches the most receive calls per poll
     * @return this builder
     */
    public Builder receiveBatches(int receiveBatches) {
      this.receiveBatches = receiveBatches;
      return this;
    }

    /**
     * How long a receive may wait for messages to arrive (long polling, default 20 s, the SQS
     * maximum). The poll's own timeout caps it, and so does half the visibility timeout while
     * messages are in flight here. Whole seconds are used; 0 means short polling. 0 to 20 s.
     *
     * @param waitTime the long-polling wait
     * @return this builder
     */
    public Builder waitTime(Duration waitTime) {
      this.waitTime = waitTime;
      return this;
    }

    /**
     * For how long a received message stays invisible to other consumers (default 60 s); the
     * source extends it while the message is not acknowledged, so it needs to cover one poll and
     * one acknowledgement, not a whole store write. Whole seconds, 1 s to 12 h.
     *
     * @param visibilityTimeout the visibility timeout of received messages
     * @return this builder
     */
    public Builder visibilityTimeout(Duration visibilityTimeout) {
      this.visibilityTimeout = visibilityTimeout;
      return this;
    }

    /**
     * Whether to replace SNS notification envelopes by the text they carry (default true).
     *
     * @param unwrapSns {@code false} to decode the SNS envelope itself
     * @return this builder
     */
    public Builder unwrapSns(boolean unwrapSns) {
      this.unwrapSns = unwrapSns;
      return this;
    }

    /**
     * How long {@link SqsChangeSource#lag()} reuses the queue's message count (default 5 s). 0 to 1 h.
     *
     * @param lagRefresh how long a fetched message count stays fresh
     * @return this builder
     */
    public Builder lagRefresh(Duration lagRefresh) {
      this.lagRefresh = lagRefresh;
      return this;
    }

    /**
     * Builds the source. Makes no call to SQS.
     *
     * @return the source
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public SqsChangeSource build() {
      require(client != null, "SqsChangeSource.client is required");
      QueueUrl queue = QueueUrl.parse(queueUrl, "SqsChangeSource.queueUrl");
      require(receiveBatches >= 1 && receiveBatches <= 100,
          "SqsChangeSource.receiveBatches must be 1 to 100, got " + receiveBatches);
      require(waitTime != null && !waitTime.isNegative() && waitTime.compareTo(Duration.ofSeconds(MAX_WAIT_SECONDS)) <= 0,
          "SqsChangeSource.waitTime must be 0 to 20 s, got " + waitTime);
      require(visibilityTimeout != null && visibilityTimeout.compareTo(Duration.ofSeconds(1)) >= 0
              && visibilityTimeout.compareTo(Duration.ofHours(12)) <= 0 && visibilityTimeout.toNanosPart() == 0,
          "SqsChangeSource.visibilityTimeout must be whole seconds from 1 s to 12 h, got " + visibilityTimeout);
      require(lagRefresh != null && !lagRefresh.isNegative() && lagRefresh.compareTo(Duration.ofHours(1)) <= 0,
          "SqsChangeSource.lagRefresh must be 0 to 1 h, got " + lagRefresh);
      return new SqsChangeSource(this, queue);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
