package io.cdcaudit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.pipeline.PipelineDoubles.ListSink;
import io.cdcaudit.pipeline.PipelineDoubles.MapStore;
import io.cdcaudit.pipeline.PipelineDoubles.RecordingSource;
import io.cdcaudit.pipeline.PipelineDoubles.TextDecoder;
import io.cdcaudit.pipeline.PipelineHealth.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AuditPipeline.Builder")
class AuditPipelineBuilderTest {

  private static AuditPipeline.Builder complete(RecordingSource source) {
    return AuditPipeline.builder()
        .source(source)
        .decoder(new TextDecoder())
        .store(new MapStore())
        .deadLetters(new ListSink());
  }

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    @DisplayName("names the first required setting missing: source, decoder, store, dead-letter sink")
    void required() {
      AuditPipeline.Builder builder = AuditPipeline.builder();
      assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("AuditPipeline.source is required");
      builder.source(new RecordingSource());
      assertThatThrownBy(builder::build).hasMessage("AuditPipeline.decoder is required");
      builder.decoder(new TextDecoder());
      assertThatThrownBy(builder::build).hasMessage("AuditPipeline.store is required");
      builder.store(new MapStore());
      assertThatThrownBy(builder::build)
          .hasMessage("AuditPipeline.deadLetters is required: undecodable messages must go somewhere");
      builder.deadLetters(new ListSink());
      builder.build().stop();
    }

    @Test
    @DisplayName("names a setting out of its range, with the value given")
    void ranges() {
      List<String> messages = new ArrayList<>();
      List<UnaryOperator<AuditPipeline.Builder>> wrong = List.of(
          b -> b.reportIdleRulesAfter(0),
          b -> b.batchSize(100_001),
          b -> b.parallelism(0),
          b -> b.maxInFlightBytes(1023),
          b -> b.maxInFlightMessages(0),
          b -> b.pollTimeout(Duration.ofSeconds(61)),
          b -> b.pollTimeout(null),
          b -> b.shutdownTimeout(Duration.ofSeconds(-1)),
          b -> b.name(" "));
      for (UnaryOperator<AuditPipeline.Builder> setting : wrong) {
        RecordingSource source = new RecordingSource();
        assertThatThrownBy(() -> setting.apply(complete(source)).build())
            .isInstanceOf(IllegalArgumentException.class)
            .satisfies(e -> messages.add(e.getMessage()));
        assertThat(source.closed).as("a source is taken only by a pipeline that is built").isFalse();
      }
      assertThat(messages).containsExactly(
          "AuditPipeline.reportIdleRulesAfter must be at least 1, got 0",
          "AuditPipeline.batchSize must be 1 to 100000, got 100001",
          "AuditPipeline.parallelism must be 1 to 256, got 0",
          "AuditPipeline.maxInFlightBytes must be at least 1024, got 1023",
          "AuditPipeline.maxInFlightMessages must be at least 1, got 0",
          "AuditPipeline.pollTimeout must be 0 to 60 s, got PT1M1S",
          "AuditPipeline.pollTimeout must be 0 to 60 s, got null",
          "AuditPipeline.shutdownTimeout must not be negative, got PT-1S",
          "AuditPipeline.name must not be blank");
    }

    @Test
    @DisplayName("when several settings are wrong, names the first in a fixed order")
    void firstWrongSetting() {
      assertThatThrownBy(() -> complete(new RecordingSource()).name("").batchSize(0).parallelism(0).build())
          .hasMessageStartingWith("AuditPipeline.batchSize");
    }
  }

  @Nested
  @DisplayName("ownership")
  class Ownership {

    @Test
    @DisplayName("a source given as an instance builds one pipeline; one given as a supplier builds one per call")
    void instanceOrSupplier() {
      AuditPipeline.Builder builder = complete(new RecordingSource());
      builder.build().stop();
      assertThatThrownBy(builder::build).hasMessageStartingWith("AuditPipeline.source was given to the pipeline built before");

      List<RecordingSource> made = new ArrayList<>();
      AuditPipeline.Builder fresh = complete(new RecordingSource()).source(() -> {
        RecordingSource source = new RecordingSource();
        made.add(source);
        return source;
      });
      fresh.build().stop();
      fresh.build().stop();
      assertThat(made).hasSize(2).allSatisfy(source -> assertThat(source.closed).isTrue());
    }

    @Test
    @DisplayName("after a pipeline took the source instance, giving a supplier builds again, as the refusal advises")
    void supplierAfterInstance() {
      AuditPipeline.Builder builder = complete(new RecordingSource());
      builder.build().stop();

      builder.source(RecordingSource::new);

      builder.build().stop();
      builder.build().stop();
    }

    @Test
    @DisplayName("a dead-letter sink supplier that gives null closes the source made for the pipeline, which never runs")
    void sinkSupplierGivesNull() {
      RecordingSource source = new RecordingSource();
      AuditPipeline.Builder builder = complete(source).deadLetters(() -> null);

      assertThatThrownBy(builder::build).isInstanceOf(NullPointerException.class)
          .hasMessage("AuditPipeline.deadLetters supplier gave null");
      assertThat(source.closed).isTrue();
    }
  }

  @Test
  @DisplayName("a pipeline stopped before it started closes its source, shows STOPPED, and does not start")
  void stopBeforeStart() {
    RecordingSource source = new RecordingSource();
    AuditPipeline pipeline = complete(source).name("orders-audit").build();
    assertThat(pipeline.health().state()).isEqualTo(State.NEW);
    assertThat(pipeline).hasToString("AuditPipeline[orders-audit, NEW]");

    pipeline.stop();

    assertThat(source.closed).isTrue();
    assertThat(pipeline.awaitTermination(Duration.ZERO)).isTrue();
    assertThat(pipeline.health().state()).isEqualTo(State.STOPPED);
    assertThatThrownBy(pipeline::start).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("pipeline 'orders-audit' was started or stopped already");
  }
}
