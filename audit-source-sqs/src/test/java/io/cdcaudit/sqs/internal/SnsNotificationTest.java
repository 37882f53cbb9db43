package io.cdcaudit.sqs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SnsNotification")
class SnsNotificationTest {

  static final String ENVELOPE = """
      {
        "Type" : "Notification",
        "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        "TopicArn" : "arn:aws:sns:eu-west-1:123456789012:cdc",
        "Subject" : null,
        "Message" : "{\\"database\\":\\"shop\\",\\"table\\":\\"orders\\",\\"type\\":\\"insert\\",\\"data\\":{\\"id\\":1,\\"note\\":\\"caf\\u00e9 \\\\\\"x\\\\\\"\\"}}",
        "Timestamp" : "2026-11-23T08:00:00.000Z",
        "SignatureVersion" : "1",
        "Signature" : "c2lnbmF0dXJl",
        "SigningCertURL" : "https://sns.eu-west-1.amazonaws.com/cert.pem",
        "UnsubscribeURL" : "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe",
        "MessageAttributes" : {
          "key" : {"Type":"String","Value":"{\\"id\\":1}"},
          "blob" : {"Type":"Binary","Value":"AAEC"},
          "count" : {"Type":"Number","Value":"42"}
        }
      }""";

  @Test
  @DisplayName("unwraps a notification to the published text, with its id, topic and attributes")
  void unwraps() {
    SnsNotification n = SnsNotification.from(ENVELOPE).orElseThrow();

    assertThat(new String(n.messageBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"data\":{\"id\":1,\"note\":\"café \\\"x\\\"\"}}");
    assertThat(n.messageId()).isEqualTo("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
    assertThat(n.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:cdc");
    assertThat(n.attributes()).containsOnlyKeys("key", "blob", "count");
    assertThat(n.attributes().get("key").bytes()).isEqualTo("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(n.attributes().get("blob").bytes()).containsExactly(0, 1, 2);
    assertThat(n.attributes().get("count").value()).isEqualTo("42");
  }

  @Test
  @DisplayName("leaves everything else alone: producer JSON, other SNS types, a Message that is not a string, broken JSON")
  void strict() {
    assertThat(SnsNotification.from("{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"data\":{\"id\":1}}")).isEmpty();
    assertThat(SnsNotification.from("{\"Type\":\"SubscriptionConfirmation\",\"Message\":\"You have chosen...\"}")).isEmpty();
    assertThat(SnsNotification.from("{\"Type\":\"Notification\",\"Message\":{\"id\":1}}")).isEmpty();
    assertThat(SnsNotification.from("{\"Type\":\"Notification\"}")).isEmpty();
    assertThat(SnsNotification.from("{\"type\":\"Notification\",\"Message\":\"lowercase type is not SNS\"}")).isEmpty();
    assertThat(SnsNotification.from("{\"Type\":\"Notification\",\"Message\":\"x\"")).isEmpty();
    assertThat(SnsNotification.from("[\"Notification\",\"Message\"]")).isEmpty();
    assertThat(SnsNotification.from("tc1\tshop.orders\tinsert\t1\t1\t\\N\tv")).isEmpty();
    assertThat(SnsNotification.from("")).isEmpty();
    assertThat(SnsNotification.from(null)).isEmpty();
  }

  @Test
  @DisplayName("a row whose data mentions the words Notification and Message is not parsed as an envelope")
  void cheapTestThenStrict() {
    String row = "{\"type\":\"insert\",\"data\":{\"kind\":\"Notification\",\"Message\":\"hello\"}}";

    assertThat(SnsNotification.mayBeNotification(row)).isTrue();
    assertThat(SnsNotification.from(row)).isEmpty();
    assertThat(SnsNotification.mayBeNotification("{\"type\":\"insert\"}")).isFalse();
  }
}
