package io.cdcaudit.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Comparator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AcknowledgedPrefix")
class AcknowledgedPrefixTest {

  @Test
  @DisplayName("ends at the last of the contiguous acknowledged run, whatever order acknowledgements come in")
  void contiguousRun() {
    AcknowledgedPrefix<Long> prefix = AcknowledgedPrefix.ofOffsets();
    for (long offset : new long[] {10, 11, 14, 15}) { // 12 and 13 compacted away
      assertThat(prefix.delivered(offset)).isTrue();
    }
    assertThat(prefix.last()).isEmpty();
    prefix.acknowledged(14L);
    prefix.acknowledged(11L);
    assertThat(prefix.last()).isEmpty(); // 10 is not acknowledged
    prefix.acknowledged(10L);
    assertThat(prefix.last()).contains(14L);
    assertThat(prefix.pending()).isEqualTo(1);
    prefix.acknowledged(15L);
    assertThat(prefix.last()).contains(15L);
    assertThat(prefix.pending()).isZero();
  }

  @Test
  @DisplayName("ignores deliveries again and acknowledgements outside what is pending")
  void staleAndUnknown() {
    AcknowledgedPrefix<Long> prefix = AcknowledgedPrefix.ofOffsets();
    prefix.delivered(1L);
    prefix.delivered(2L);
    assertThat(prefix.delivered(2L)).isFalse();
    prefix.acknowledged(7L); // never delivered
    prefix.acknowledged(1L);
    assertThat(prefix.last()).contains(1L);
    assertThat(prefix.delivered(1L)).isFalse(); // before the prefix's end: counted already
    prefix.acknowledged(0L);
    prefix.delivered(7L);
    prefix.acknowledged(7L);
    assertThat(prefix.last()).contains(1L); // 2 is still pending, and 7 must not pass it
    prefix.acknowledged(2L);
    assertThat(prefix.last()).contains(7L);
  }

  /** A Kinesis-like position: records de-aggregated from one aggregate share a sequence number. */
  private record Sequence(BigInteger number, long sub) {}

  @Test
  @DisplayName("works with any ordered position, such as sequence and sub-sequence numbers")
  void compoundPositions() {
    AcknowledgedPrefix<Sequence> prefix = new AcknowledgedPrefix<>(
        Comparator.comparing(Sequence::number).thenComparingLong(Sequence::sub));
    Sequence a0 = new Sequence(new BigInteger("49590338271490256608559692538361571095921575989136588898"), 0);
    Sequence a1 = new Sequence(a0.number(), 1);
    Sequence b0 = new Sequence(a0.number().add(BigInteger.TEN), 0);
    prefix.delivered(a0);
    prefix.delivered(a1);
    prefix.delivered(b0);
    prefix.acknowledged(a0);
    prefix.acknowledged(b0);
    assertThat(prefix.last()).contains(a0); // checkpoint exactly inside the aggregate
    prefix.acknowledged(a1);
    assertThat(prefix.last()).contains(b0);
  }
}
