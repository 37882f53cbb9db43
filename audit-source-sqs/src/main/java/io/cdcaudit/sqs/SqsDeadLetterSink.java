package io.cdcaudit.sqs;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.deadletter.DeadLetterSink;
import io.cdcaudit.deadletter.FittedPayload;
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
 *   <li>{@value #REASON}: why the message could not be audited (at most 4,096 bytes);</li>
 *   <li>{@value #SOURCE}: the source partition ({@code queue}, {@code queue/group}, {@code topic/3});</li>
 *   <li>{@value #POSITION}: the position in it (SQS message id, Kafka offset, ...);</li>
 *   <li>{@value #FAILED_AT}: when, as ISO-8601;</li>
 *   <li>{@value #ENCODING}: how the body holds the value: {@value #UTF_8} (the value's own text),
 *       {@value #BASE64} (the value was not text SQS accepts), {@value #NO_VALUE} (a message without a
 *       value; the body is a placeholder), {@value #EMPTY} (an empty value; placeholder body) or
 *       {@value #OMITTED} (a truncated letter with no room for any of the value; placeholder body);</li>
 *   <li>{@value #KEY}: the message key, as a binary attribute, when it had one.</li>
 * </ul>
 *
 * <p><b>Truncated letters.</b> A letter that would be larger than {@link Builder#maxMessageBytes(int)}
 * (body and attributes as SQS counts them) is sent truncated rather than refused, since a refusal
 * would fail again on every retry and hold up the pipeline: the body is then the largest prefix of
 * the value that fits (cut on a character boundary for text; base64 of a prefix of the bytes
 * otherwise), the key is cut to what the value leaves it (at least a quarter of the room), and
 * these attributes are added:
 * <ul>
 *   <li>{@value #TRUNCATED}: what was cut, {@code value}, {@code key} or {@code value,key};</li>
 *   <li>{@value #VALUE_ORIGINAL}: the original value's size in bytes and SHA-256 (lowercase hex),
 *       as {@code size=300000 sha256=9f86d081...}, when there was a value;</li>
 *   <li>{@value #KEY_ORIGINAL}: the same for the key, when there was one.</li>
 * </ul>
 * The source and position attributes identify the original message in its source, where it can be
 * fetched whole while retained; the digest confirms it is the one.
 *
 * To a FIFO DLQ the letters go with the source partition as {@code MessageGroupId} (so one
 * partition's letters stay in order) and a deduplication id made from partition and position (so a
 * letter sent again within SQS's 5-minute window is kept once).
 *
 * <p>{@link #send(List)} returns only when SQS took every letter (failed entries are tried once
 * more); otherwise it throws and the pipeline retries. To a standard DLQ a retry can send a letter
 * twice. The {@link SqsClient} belongs to the caller.
 */
public final class SqsDeadLetterSink implements DeadLetterSink {

  /** Message attribute: why the message could not be recorded. */
  public static final String REASON = "cdcaudit-reason";
  /** Message attribute: the source partition the message came from. */
  public static final String SOURCE = "cdcaudit-source";
  /** Message attribute: the message's position in its source partition. */
  public static final String POSITION = "cdcaudit-position";
  /** Message attribute: when the message failed, as ISO-8601. */
  public static final String FAILED_AT = "cdcaudit-failed-at";
  /** Message attribute: how the body holds the value ({@value #UTF_8}, {@value #BASE64}, ...). */
  public static final String ENCODING = "cdcaudit-encoding";
  /** Binary message attribute: the original message key, when it had one. */
  public static final String KEY = "cdcaudit-key";
  /** On a truncated letter: what was cut ({@code value}, {@code key} or {@code value,key}). */
  public static final String TRUNCATED = "cdcaudit-truncated";
  /**
   * On a truncated letter with a value: the whole original value's size in bytes and SHA-256
   * (lowercase hex), as {@code size=300000 sha256=9f86d081...}. (Size and digest share one
   * attribute because SQS takes at most 10 per message.)
   */
  public static final String VALUE_ORIGINAL = "cdcaudit-value-original";
  /** On a truncated letter with a key: the original key's size and SHA-256, as {@link #VALUE_ORIGINAL}. */
  public static final String KEY_ORIGINAL = "cdcaudit-key-original";

  /** {@value #ENCODING}: the body is the value, as UTF-8 text. */
  public static final String UTF_8 = "utf-8";
  /** {@value #ENCODING}: the body is the value in base64. */
  public static final String BASE64 = "base64";
  /** {@value #ENCODING}: the message had no value (a tombstone); the body is a placeholder. */
  public static final String NO_VALUE = "none";
  /** {@value #ENCODING}: the value was empty; the body is a placeholder (SQS takes no empty body). */
  public static final String EMPTY = "empty";
  /**
   * {@value #ENCODING}: not one byte of the value fitted in the letter; the body is a placeholder
   * ({@value #VALUE_ORIGINAL} describes the value).
   */
  public static final String OMITTED = "omitted";

  private static final int MAX_PER_CALL = 10;
  /** The most bytes of reason a letter carries. */
  private static final int MAX_REASON_BYTES = 4096;
  /** The most bytes of source partition or position a truncated letter carries (real ones are far shorter). */
  private static final int MAX_COORDINATE_BYTES = 256;
  /** The name and type of the key attribute, which SQS counts with its value. */
  private static final int KEY_ATTRIBUTE_BYTES = KEY.length() + "Binary".length();
  private static final String OMITTED_BODY = "(value not kept)";
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
   * @return a builder with the defaults below
   */
  public static Builder builder(SqsClient client, String queueUrl) {
    return new Builder(client, queueUrl);
  }

  /**
   * The dead-letter queue's name.
   *
   * @return the last segment of its URL
   */
  public String queueName() {
    return queue.name();
  }

  /**
   * Sends the letters, up to 10 and {@link Builder#maxMessageBytes(int)} per call; a letter larger
   * than that is sent truncated (see above).
   *
   * @throws SourceException when SQS did not take some letters (naming them)
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

  /** What goes into every letter of one dead letter, whole or truncated. */
  private record Parts(DeadLetter deadLetter, String source, String position, String reason, String text) {}

  private Letter toLetter(DeadLetter deadLetter) {
    SourceMessage message = deadLetter.message();
    byte[] value = message.value();
    String text = value == null || value.length == 0 ? null : SqsText.asSqsText(value);
    Parts whole = new Parts(deadLetter, SqsText.sanitize(message.partition().toString()),
        SqsText.sanitize(message.coordinates().position()),
        FittedPayload.abbreviate(SqsText.sanitize(deadLetter.reason()), MAX_REASON_BYTES), text);
    Letter letter = compose(whole, FittedPayload.whole(message.key()), wholeBody(whole, value), false);
    return letter.bytes() <= maxMessageBytes ? letter : truncated(whole, message.key(), value);
  }

  /**
   * The letter cut to {@code maxMessageBytes}: coordinates and reason bounded to a share of the
   * limit, the key to what the value leaves (at least a quarter), the value to the rest, plus the
   * sizes and digests of the originals. The metadata is bounded so that it always fits, even at the
   * smallest limit (1 KiB), with room for a placeholder body.
   */
  private Letter truncated(Parts whole, byte[] key, byte[] value) {
    Parts parts = new Parts(whole.deadLetter(),
        FittedPayload.abbreviate(whole.source(), Math.min(MAX_COORDINATE_BYTES, maxMessageBytes / 8)),
        FittedPayload.abbreviate(whole.position(), Math.min(MAX_COORDINATE_BYTES, maxMessageBytes / 8)),
        FittedPayload.abbreviate(whole.reason(), Math.min(MAX_REASON_BYTES, maxMessageBytes / 4)),
        whole.text());
    // The room for key and body: what the letter has left with neither (a placeholder body).
    Body placeholder = fitBody(parts, value, 0);
    Letter bare = compose(parts, FittedPayload.prefix(key, 0), placeholder, true);
    int room = maxMessageBytes - bare.bytes() + utf8Length(placeholder.body());
    int valueNeeds = value == null || value.length == 0 ? 0 : parts.text() != null ? value.length : (value.length + 2) / 3 * 4;
    int keyRoom = Math.max(room - valueNeeds, room / 4) - KEY_ATTRIBUTE_BYTES;
    FittedPayload fittedKey = FittedPayload.prefix(key, Math.max(0, keyRoom));
    int bodyRoom = room - (fittedKey.keptBytes() > 0 ? KEY_ATTRIBUTE_BYTES + fittedKey.keptBytes() : 0);
    Letter letter = compose(parts, fittedKey, fitBody(parts, value, bodyRoom), true);
    // Attribute values that depend on the cut (the encoding, what was truncated) may differ by a
    // few bytes from the bare letter's: move the body's room by the difference, keep the best fit.
    Letter best = letter.bytes() <= maxMessageBytes ? letter : bare;
    for (int pass = 0; pass < 3 && letter.bytes() != maxMessageBytes; pass++) {
      int next = Math.max(0, bodyRoom + (maxMessageBytes - letter.bytes()));
      if (next == bodyRoom) {
        break;
      }
      bodyRoom = next;
      letter = compose(parts, fittedKey, fitBody(parts, value, bodyRoom), true);
      if (letter.bytes() <= maxMessageBytes && letter.bytes() > best.bytes()) {
        best = letter;
      }
    }
    return best; // bare (no key, placeholder body) fits by the bounds on the metadata
  }

  /** The body and its encoding, and the value it holds. */
  private record Body(String body, String encoding, FittedPayload value) {}

  private static Body wholeBody(Parts parts, byte[] value) {
    if (value == null) {
      return new Body("(no value)", NO_VALUE, FittedPayload.whole(null));
    }
    if (value.length == 0) {
      return new Body("(empty value)", EMPTY, FittedPayload.whole(value));
    }
    return parts.text() != null
        ? new Body(parts.text(), UTF_8, FittedPayload.whole(value))
        : new Body(Base64.getEncoder().encodeToString(value), BASE64, FittedPayload.whole(value));
  }

  /** The largest body of at most {@code room} bytes: a prefix of the text, or base64 of a prefix of the bytes. */
  private static Body fitBody(Parts parts, byte[] value, int room) {
    if (value == null || value.length == 0) {
      return wholeBody(parts, value);
    }
    FittedPayload fitted = parts.text() != null
        ? FittedPayload.textPrefix(value, room)
        : FittedPayload.prefix(value, room / 4 * 3);
    if (!fitted.truncated()) {
      return wholeBody(parts, value);
    }
    if (fitted.keptBytes() == 0) {
      return new Body(OMITTED_BODY, OMITTED, fitted);
    }
    byte[] kept = fitted.bytes();
    return parts.text() != null
        ? new Body(new String(kept, StandardCharsets.UTF_8), UTF_8, fitted)
        : new Body(Base64.getEncoder().encodeToString(kept), BASE64, fitted);
  }

  private Letter compose(Parts parts, FittedPayload key, Body body, boolean truncation) {
    DeadLetter deadLetter = parts.deadLetter();
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    attributes.put(REASON, text(parts.reason()));
    attributes.put(SOURCE, text(parts.source()));
    attributes.put(POSITION, text(parts.position()));
    attributes.put(FAILED_AT, text(deadLetter.failedAt().toString()));
    attributes.put(ENCODING, text(body.encoding()));
    if (key.keptBytes() > 0) {
      attributes.put(KEY, MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(key.bytes())).build());
    }
    if (truncation) {
      List<String> cut = new ArrayList<>(2);
      if (body.value().truncated()) {
        cut.add("value");
      }
      if (key.truncated()) {
        cut.add("key");
      }
      attributes.put(TRUNCATED, text(cut.isEmpty() ? "-" : String.join(",", cut)));
      if (!body.value().isNull()) {
        attributes.put(VALUE_ORIGINAL, text(original(body.value())));
      }
      if (!key.isNull() && key.originalBytes() > 0) {
        attributes.put(KEY_ORIGINAL, text(original(key)));
      }
    }
    int bytes = utf8Length(body.body());
    for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
      MessageAttributeValue v = attribute.getValue();
      bytes += utf8Length(attribute.getKey()) + utf8Length(v.dataType())
          + (v.stringValue() != null ? utf8Length(v.stringValue()) : v.binaryValue().asByteArray().length);
    }
    SourceMessage message = deadLetter.message();
    String source = message.partition().toString();
    String position = message.coordinates().position();
    SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
        .messageBody(body.body())
        .messageAttributes(attributes);
    if (queue.fifo()) {
      entry.messageGroupId(SqsText.fifoId(source))
          .messageDeduplicationId(SqsText.sha256Hex(source + "@" + position));
    }
    return new Letter(entry.build(), bytes, source + "@" + position);
  }

  private static String original(FittedPayload payload) {
    return "size=" + payload.originalBytes() + " sha256=" + payload.sha256();
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
     * when the queue's {@code MaximumMessageSize} is higher). A larger letter is sent truncated to
     * this size. Set no more than the queue's {@code MaximumMessageSize}: SQS refuses a letter above
     * it on every retry.
     *
     * @param maxMessageBytes the largest letter, in bytes
     * @return this builder
     */
    public Builder maxMessageBytes(int maxMessageBytes) {
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    /**
     * Builds the sink. Makes no call to SQS.
     *
     * @return the sink
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
