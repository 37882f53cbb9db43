package io.cdcaudit.sqs;

import io.cdcaudit.source.DeadLetter;
import io.cdcaudit.source.DeadLetterSink;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.sqs.internal.QueueUrl;
import io.cdcaudit.sqs.internal.SqsText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A {@link DeadLetterSink} that sends each dead letter to an SQS queue (the dead-letter queue, DLQ),
 * with any source: the raw value as the body, and these message attributes:
 * <ul>
 *   <li>{@value #REASON}: why the message could not be audited;</li>
 *   <li>{@value #SOURCE}: the source partition ({@code queue}, {@code queue/group}, {@code topic/3});</li>
 *   <li>{@value #POSITION}: the position in it (SQS message id, Kafka offset, ...);</li>
 *   <li>{@value #FAILED_AT}: when, as ISO-8601;</li>
 *   <li>{@value #ENCODING}: how the body holds the value: {@value #UTF_8} (the value's own text),
 *       {@value #BASE64} (the value was not text SQS accepts), {@value #NO_VALUE} (a message without a
 *       value; the body is a placeholder) or {@value #EMPTY} (an empty value; placeholder body);</li>
 *   <li>{@value #KEY}: the message key, as a binary attribute, when it had one.</li>
 * </ul>
 * To a FIFO DLQ the letters go with the source partition as {@code MessageGroupId} (so one
 * partition's letters stay in order) and a deduplication id made from partition and position (so a
 * letter sent again within SQS's 5-minute window is kept once).
 *
 * <p>{@link #send(List)} returns only when SQS took every letter (failed entries are tried once
 * more); otherwise it throws and the pipeline retries. To a standard DLQ a retry can send a letter
 * twice. The {@link SqsClient} belongs to the caller.
 */
public final class SqsDeadLetterSink implements DeadLetterSink {

  public static final String REASON = "cdcaudit-reason";
  public static final String SOURCE = "cdcaudit-source";
  public static final String POSITION = "cdcaudit-position";
  public static final String FAILED_AT = "cdcaudit-failed-at";
  public static final String ENCODING = "cdcaudit-encoding";
  public static final String KEY = "cdcaudit-key";

  /** {@value #ENCODING}: the body is the value, as UTF-8 text. */
  public static final String UTF_8 = "utf-8";
  /** {@value #ENCODING}: the body is the value in base64. */
  public static final String BASE64 = "base64";
  /** {@value #ENCODING}: the message had no value (a tombstone); the body is a placeholder. */
  public static final String NO_VALUE = "none";
  /** {@value #ENCODING}: the value was empty; the body is a placeholder (SQS takes no empty body). */
  public static final String EMPTY = "empty";

  private static final int MAX_PER_CALL = 10;
  private static final int MAX_REASON_CHARS = 4096;
  private static final int MAX_NAMED_FAILURES = 10;

  private final SqsClient client;
  private final QueueUrl queue;
  private final int maxMessageBytes;

  private SqsDeadLetterSink(Builder b, QueueUrl queue) {
    this.client = b.client;
    this.queue = queue;
    this.maxMessageBytes = b.maxMessageBytes;
  }

  /**
   * Starts a builder.
   *
   * @param client the application's SQS client
   * @param queueUrl the dead-letter queue's URL; a name ending in {@code .fifo} makes it a FIFO DLQ
   */
  public static Builder builder(SqsClient client, String queueUrl) {
    return new Builder(client, queueUrl);
  }

  /** The dead-letter queue's name. */
  public String queueName() {
    return queue.name();
  }

  /**
   * Sends the letters, up to 10 and {@link Builder#maxMessageBytes(int)} per call.
   *
   * @throws SourceException when SQS did not take some letters (naming them), or a letter is larger
   *     than the queue takes
   */
  @Override
  public void send(List<DeadLetter> deadLetters) {
    List<Letter> letters = new ArrayList<>(deadLetters.size());
    for (DeadLetter deadLetter : deadLetters) {
      letters.add(toLetter(deadLetter));
    }
    List<String> failures = new ArrayList<>();
    int failed = 0;
    List<Letter> batch = new ArrayList<>();
    int batchBytes = 0;
    for (Letter letter : letters) {
      if (!batch.isEmpty() && (batch.size() == MAX_PER_CALL || batchBytes + letter.bytes() > maxMessageBytes)) {
        failed += sendTwice(batch, failures);
        batch = new ArrayList<>();
        batchBytes = 0;
      }
      batch.add(letter);
      batchBytes += letter.bytes();
    }
    if (!batch.isEmpty()) {
      failed += sendTwice(batch, failures);
    }
    if (failed > 0) {
      throw new SourceException("dead-letter queue " + queue.name() + ": " + failed + " of " + letters.size()
          + " dead letters not sent: " + String.join(", ", failures)
          + (failed > failures.size() ? " and " + (failed - failures.size()) + " more" : ""));
    }
  }

  private int sendTwice(List<Letter> batch, List<String> failures) {
    List<Failure> failed = sendBatch(batch);
    if (!failed.isEmpty()) {
      failed = sendBatch(failed.stream().map(Failure::letter).toList());
    }
    for (Failure failure : failed) {
      if (failures.size() < MAX_NAMED_FAILURES) {
        failures.add(failure.letter().describe() + " (" + failure.reason() + ")");
      }
    }
    return failed.size();
  }

  private record Failure(Letter letter, String reason) {}

  /** Sends one batch; returns the letters SQS did not take, with the reason. */
  private List<Failure> sendBatch(List<Letter> batch) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      entries.add(batch.get(i).entry().toBuilder().id(Integer.toString(i)).build());
    }
    List<Failure> failed = new ArrayList<>();
    SendMessageBatchResponse response;
    try {
      response = client.sendMessageBatch(r -> r.queueUrl(queue.url()).entries(entries));
    } catch (SdkException e) {
      batch.forEach(letter -> failed.add(new Failure(letter, e.getMessage())));
      return failed;
    }
    for (BatchResultErrorEntry error : response.failed()) {
      failed.add(new Failure(batch.get(Integer.parseInt(error.id())),
          error.code() + (error.message() == null ? "" : ": " + error.message())));
    }
    return failed;
  }

  /** One letter ready to send, with its size as SQS counts it (body plus attribute names, types and values). */
  private record Letter(SendMessageBatchRequestEntry entry, int bytes, String describe) {}

  private Letter toLetter(DeadLetter deadLetter) {
    SourceMessage message = deadLetter.message();
    String source = message.partition().toString();
    String position = message.coordinates().position();
    byte[] value = message.value();
    String body;
    String encoding;
    if (value == null) {
      body = "(no value)";
      encoding = NO_VALUE;
    } else if (value.length == 0) {
      body = "(empty value)";
      encoding = EMPTY;
    } else {
      String text = SqsText.asSqsText(value);
      body = text != null ? text : Base64.getEncoder().encodeToString(value);
      encoding = text != null ? UTF_8 : BASE64;
    }
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    attributes.put(REASON, text(SqsText.abbreviate(SqsText.sanitize(deadLetter.reason()), MAX_REASON_CHARS)));
    attributes.put(SOURCE, text(SqsText.sanitize(source)));
    attributes.put(POSITION, text(SqsText.sanitize(position)));
    attributes.put(FAILED_AT, text(deadLetter.failedAt().toString()));
    attributes.put(ENCODING, text(encoding));
    if (message.key() != null && message.key().length > 0) {
      attributes.put(KEY, MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(message.key())).build());
    }
    int bytes = utf8Length(body);
    for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
      MessageAttributeValue v = attribute.getValue();
      bytes += utf8Length(attribute.getKey()) + utf8Length(v.dataType())
          + (v.stringValue() != null ? utf8Length(v.stringValue()) : v.binaryValue().asByteArray().length);
    }
    String describe = source + "@" + position;
    if (bytes > maxMessageBytes) {
      throw new SourceException("dead-letter queue " + queue.name() + ": the dead letter of " + describe + " is "
          + bytes + " bytes, more than SqsDeadLetterSink.maxMessageBytes (" + maxMessageBytes + ")");
    }
    SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
        .messageBody(body)
        .messageAttributes(attributes);
    if (queue.fifo()) {
      entry.messageGroupId(SqsText.fifoId(source))
          .messageDeduplicationId(SqsText.sha256Hex(source + "@" + position));
    }
    return new Letter(entry.build(), bytes, describe);
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value.isEmpty() ? "-" : value).build();
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public String toString() {
    return "SqsDeadLetterSink[" + queue.name() + "]";
  }

  /** Builds an {@link SqsDeadLetterSink}. */
  public static final class Builder {
    private final SqsClient client;
    private final String queueUrl;
    private int maxMessageBytes = 262_144;

    private Builder(SqsClient client, String queueUrl) {
      this.client = client;
      this.queueUrl = queueUrl;
    }

    /**
     * The largest message the DLQ takes, body and attributes, and the most one batch call sends
     * (default 262,144 = 256 KiB, which every SQS queue and ElasticMQ take; raise it up to 1 MiB
     * when the queue's {@code MaximumMessageSize} is higher). A larger letter is refused with a
     * {@link SourceException}.
     */
    public Builder maxMessageBytes(int maxMessageBytes) {
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    /**
     * Builds the sink. Makes no call to SQS.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public SqsDeadLetterSink build() {
      if (client == null) {
        throw new IllegalArgumentException("SqsDeadLetterSink.client is required");
      }
      QueueUrl queue = QueueUrl.parse(queueUrl, "SqsDeadLetterSink.queueUrl");
      if (maxMessageBytes < 1024 || maxMessageBytes > 1_048_576) {
        throw new IllegalArgumentException("SqsDeadLetterSink.maxMessageBytes must be 1024 to 1048576, got " + maxMessageBytes);
      }
      return new SqsDeadLetterSink(this, queue);
    }
  }
}
