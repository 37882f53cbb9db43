package io.cdcaudit.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Partition offsets")
class PartitionOffsetsTest {

  @Test
  @DisplayName("commit nothing before the first delivered message is acknowledged")
  void nothingBeforeFirst() {
    PartitionOffsets offsets = new PartitionOffsets();
    offsets.delivered(10);
    offsets.delivered(11);
    offsets.acknowledged(11);

    assertThat(offsets.toCommit()).isEqualTo(-1);
    assertThat(offsets.pending()).isEqualTo(2);
  }

  @Test
  @DisplayName("commit past the contiguous run of acknowledged messages, whatever order they came in")
  void contiguousRun() {
    PartitionOffsets offsets = new PartitionOffsets();
    for (long o = 0; o < 5; o++) {
      offsets.delivered(o);
    }
    offsets.acknowledged(2);
    offsets.acknowledged(0);
    assertThat(offsets.toCommit()).isEqualTo(1);
    offsets.acknowledged(1);
    assertThat(offsets.toCommit()).isEqualTo(3);
    offsets.acknowledged(4);
    assertThat(offsets.toCommit()).isEqualTo(3);
    offsets.acknowledged(3);
    assertThat(offsets.toCommit()).isEqualTo(5);
    assertThat(offsets.pending()).isZero();
  }

  @Test
  @DisplayName("skip over gaps in offsets (compaction, transaction markers)")
  void gaps() {
    PartitionOffsets offsets = new PartitionOffsets();
    offsets.delivered(3);
    offsets.delivered(7);
    offsets.delivered(20);
    offsets.acknowledged(3);
    offsets.acknowledged(7);

    assertThat(offsets.toCommit()).isEqualTo(8);
    offsets.acknowledged(20);
    assertThat(offsets.toCommit()).isEqualTo(21);
  }

  @Test
  @DisplayName("offer a commit once, and again only after it moved")
  void commitOnce() {
    PartitionOffsets offsets = new PartitionOffsets();
    offsets.delivered(0);
    offsets.acknowledged(0);
    offsets.committed(offsets.toCommit());

    assertThat(offsets.toCommit()).isEqualTo(-1);
    offsets.delivered(1);
    offsets.acknowledged(1);
    assertThat(offsets.toCommit()).isEqualTo(2);
  }

  @Test
  @DisplayName("ignore acknowledgements of offsets before what is pending, and repeated deliveries")
  void staleAcknowledgements() {
    PartitionOffsets offsets = new PartitionOffsets();
    offsets.delivered(5);
    offsets.delivered(5);
    offsets.acknowledged(4);
    assertThat(offsets.toCommit()).isEqualTo(-1);
    assertThat(offsets.pending()).isEqualTo(1);
    offsets.acknowledged(5);
    assertThat(offsets.toCommit()).isEqualTo(6);
  }
}
