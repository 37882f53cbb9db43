package io.cdcaudit.sqs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SqsText and QueueUrl")
class SqsTextTest {

  @Test
  @DisplayName("takes valid UTF-8 of characters SQS allows as text, and refuses the rest")
  void sqsText() {
    assertThat(SqsText.asSqsText("{\"a\":\"café ✓ 😀\"}\n\t".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"a\":\"café ✓ 😀\"}\n\t");
    assertThat(SqsText.asSqsText(new byte[] {(byte) 0xC3, 0x28})).isNull(); // malformed UTF-8
    assertThat(SqsText.asSqsText(new byte[] {'a', 0, 'b'})).isNull(); // NUL is not allowed in SQS
    assertThat(SqsText.asSqsText(new byte[] {'a', 0x1B})).isNull(); // nor other control characters
    assertThat(SqsText.sanitize("a\u0000b\uFFFEc")).isEqualTo("a?b?c");
  }

  @Test
  @DisplayName("makes FIFO ids: short printable ASCII as it is, anything else hashed")
  void fifoIds() {
    assertThat(SqsText.fifoId("orders.fifo/key-7")).isEqualTo("orders.fifo/key-7");
    assertThat(SqsText.fifoId("with space")).hasSize(64).matches("[0-9a-f]+");
    assertThat(SqsText.fifoId("x".repeat(129))).hasSize(64);
    assertThat(SqsText.fifoId("")).hasSize(64);
  }

  @Test
  @DisplayName("reads the queue name and FIFO-ness from a queue URL, naming the setting when it is wrong")
  void queueUrls() {
    QueueUrl q = QueueUrl.parse("https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo", "S.queueUrl");
    assertThat(q.name()).isEqualTo("orders.fifo");
    assertThat(q.fifo()).isTrue();
    assertThat(QueueUrl.parse("http://127.0.0.1:9324/000000000000/orders/", "S.queueUrl").fifo()).isFalse();
    for (String bad : new String[] {null, " ", "orders", "https://sqs.eu-west-1.amazonaws.com/", "http://[bad"}) {
      org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
          .isThrownBy(() -> QueueUrl.parse(bad, "S.queueUrl"))
          .withMessageStartingWith("S.queueUrl");
    }
  }
}
