package io.cdcaudit.testservers;

import io.cdcaudit.testservers.ElasticMqServer.QueueCounts;
import io.cdcaudit.testservers.internal.Ports;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ElasticMqServerTest {

  @Test
  void serves_sqs_on_a_loopback_port_in_this_jvm_and_is_gone_when_closed() {
    ElasticMqServer sqs = ElasticMqServer.start();
    int port = sqs.endpoint().getPort();
    try {
      assertThat(sqs.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port);
      String queue = sqs.createQueue("plain", false);
      sqs.client().sendMessage(r -> r.queueUrl(queue).messageBody("hello")
          .messageAttributes(java.util.Map.of("key", ElasticMqServer.text("{\"id\":1}"))));
      assertThat(sqs.counts(queue)).isEqualTo(new QueueCounts(1, 0));

      List<Message> received = sqs.receiveRaw(queue, 30, 0);
      assertThat(received).singleElement().satisfies(m -> {
        assertThat(m.body()).isEqualTo("hello");
        assertThat(m.messageAttributes().get("key").stringValue()).isEqualTo("{\"id\":1}");
        assertThat(m.attributes()).containsKey(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
      });
      assertThat(sqs.counts(queue)).isEqualTo(new QueueCounts(0, 1));
      sqs.deleteQueue(queue);
    } finally {
      sqs.close();
    }
    assertThat(Ports.accepts(port)).as("port %d after close", port).isFalse();
    assertThatIllegalStateException().isThrownBy(sqs::client);
  }

  @Test
  void sends_any_number_of_messages_ten_per_call_into_a_fifo_queue() {
    try (ElasticMqServer sqs = ElasticMqServer.start()) {
      String queue = sqs.createQueue("ordered", true);
      assertThat(queue).endsWith(".fifo");
      assertThat(sqs.arnOf(queue)).endsWith(":" + queue.substring(queue.lastIndexOf('/') + 1));
      List<SendMessageBatchRequestEntry> entries = IntStream.range(0, 25)
          .mapToObj(i -> SendMessageBatchRequestEntry.builder().messageBody("m" + i)
              .messageGroupId("g").messageDeduplicationId("d" + i).build())
          .toList();
      sqs.sendAll(queue, entries);
      assertThat(sqs.counts(queue).visible()).isEqualTo(25);
      assertThat(sqs.receiveRaw(queue, 30, 0)).extracting(Message::body).startsWith("m0", "m1", "m2");
    }
  }

  @Test
  void runs_the_elasticmq_this_module_compiles_against() {
    assertThat(ServerJars.runsOn("elasticmq")).contains(ServerJars.compiledAgainst(SQSRestServer.class));
  }
}
