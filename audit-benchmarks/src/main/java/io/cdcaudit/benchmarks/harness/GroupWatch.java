package io.cdcaudit.benchmarks.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * When a consumer group has its partitions: the start of a measurement. Asks the broker (admin
 * client, every 2 ms) until the group is stable with all partitions assigned, and reads the
 * clocks then. The group join before it is not the library's work and is left out; what follows
 * (finding the offsets, the first fetch) is in. Timing from the first record returned instead
 * would leave out the first fetch, up to 1 MiB a partition, a large share of a fast consumer's
 * run. Used for the pipeline, whose consumer is inside {@code KafkaChangeSource}; the plain
 * consumers use their own rebalance listener, which is exact, and measure this watch's lag
 * against it ({@link RawConsume}).
 */
final class GroupWatch implements AutoCloseable {

  private static final Map<String, Admin> ADMINS = new ConcurrentHashMap<>();
  private static volatile long calibrationNanos;

  private final CountDownLatch assigned = new CountDownLatch(1);
  private final AtomicInteger describes = new AtomicInteger();
  private final Thread thread;
  private volatile CpuClock.Reading reading;
  private volatile CpuBreakdown breakdown;
  private volatile RuntimeException failure;

  private GroupWatch(String bootstrap, String group, CpuClock clock) {
    Admin admin = ADMINS.computeIfAbsent(bootstrap, b -> {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, b);
      return Admin.create(props);
    });
    thread = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      try {
        while (System.nanoTime() - deadline < 0) {
          describes.incrementAndGet();
          ConsumerGroupDescription d = describe(admin, group);
          if (d != null && d.groupState() == GroupState.STABLE && assignedPartitions(d) >= BenchKafka.PARTITIONS) {
            breakdown = CpuBreakdown.snapshot();
            reading = clock.read();
            assigned.countDown();
            return;
          }
          Thread.sleep(2);
        }
        failure = new IllegalStateException("group " + group + " got no partitions in 3 minutes");
      } catch (InterruptedException e) {
        failure = new IllegalStateException("interrupted");
      } catch (Exception e) {
        failure = new IllegalStateException("cannot describe group " + group + ": " + e, e);
      }
      assigned.countDown();
    }, "bench-group-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching {@code group}; call it before the consumer subscribes. */
  static GroupWatch start(String bootstrap, String group, CpuClock clock) {
    return new GroupWatch(bootstrap, group, clock);
  }

  /**
   * The group as the broker describes it, or null while the broker does not know it yet: the watch
   * starts before the consumer joins, and a broker answers GroupIdNotFoundException until then.
   */
  private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
    try {
      return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return null;
      }
      throw e;
    }
  }

  /** How often the broker was asked so far. */
  int describes() {
    return describes.get();
  }

  private static int assignedPartitions(ConsumerGroupDescription d) {
    int n = 0;
    for (MemberDescription m : d.members()) {
      n += m.assignment().topicPartitions().size();
    }
    return n;
  }

  /**
   * How much later than the consumer itself this watch sees an assignment (measured by
   * {@link RawConsume} against its rebalance listener, in the same run): {@link #assignedAt()}
   * takes it off.
   */
  static void calibrate(long lagNanos) {
    calibrationNanos = Math.max(0, lagNanos);
  }

  static long calibration() {
    return calibrationNanos;
  }

  /** The clocks when the broker reported the assignment (waits for it). */
  CpuClock.Reading assignedAtAsSeen() throws InterruptedException {
    assigned.await();
    if (failure != null) {
      throw failure;
    }
    return reading;
  }

  /** The clocks when the group had its partitions: as seen, less the calibrated lag (wall time only). */
  CpuClock.Reading assignedAt() throws InterruptedException {
    CpuClock.Reading seen = assignedAtAsSeen();
    return new CpuClock.Reading(seen.wallNanos() - calibrationNanos, seen.cpuNanos(), seen.serverCpuNanos());
  }

  CpuBreakdown breakdownAtAssignment() throws InterruptedException {
    assignedAtAsSeen();
    return breakdown;
  }

  @Override
  public void close() {
    thread.interrupt();
  }

  /** Closes the admin clients (at the end of a run). */
  static void closeAll() {
    ADMINS.values().forEach(a -> a.close(Duration.ofSeconds(5)));
    ADMINS.clear();
  }
}
