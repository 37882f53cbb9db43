package io.cdcaudit.benchmarks.harness;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.pipeline.PipelineHealth;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline in a JVM of its own with a small heap ({@code -Xmx256m} from {@link Bench}): reads
 * the whole preloaded topic (the backlog) into a store that keeps nothing in this JVM (the
 * {@link CountingStore}, or {@code MongoAuditStore} on the stand-in), after a warm-up pass, and
 * prints one {@code RESULT} line for the parent. If the pipeline's memory grew with the backlog,
 * the backlog would not fit.
 *
 * <pre>ChildMain BOOTSTRAP TOPIC EVENTS GROUP STORE [SERVER_PID...]   (STORE: counting | mongodb://...)</pre>
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    long events = Long.parseLong(args[2]);
    String group = args[3];
    String storeSpec = args[4];
    List<Long> serverPids = new ArrayList<>();
    for (int i = 5; i < args.length; i++) {
      serverPids.add(Long.parseLong(args[i]));
    }
    CpuClock clock = CpuClock.ofPids(serverPids);
    GroupWatch.calibrate(Long.getLong("cdcaudit.bench.watchLagNanos", 0L));
    Duration timeout = Duration.ofSeconds(Math.max(300, events / 200));
    boolean mongo = storeSpec.startsWith("mongodb://");
    MongoClient client = mongo ? MongoClients.create(storeSpec) : null;
    try {
      long warmup = Math.min(events, 100_000);
      int[] pass = {0};
      String warmed = Warmup.untilJitQuiet("in the child", Integer.getInteger("cdcaudit.bench.warmupPasses", 6), () -> {
        try {
          return PipelineRun.run("warm-up", storeSpec, bootstrap, topic, warmup, group + "-warmup-" + (++pass[0]),
              store(client, "bench_child_warmup"), clock, PipelineRun.Settings.DEFAULTS, timeout).measurement();
        } finally {
          drop(client, "bench_child_warmup");
        }
      });
      System.out.println("WARMUP " + warmed);
      HeapProbe.usedAfterFullGc();
      PipelineRun.Outcome o = PipelineRun.run("measured", storeSpec, bootstrap, topic, events, group, store(client, "bench_child"), clock,
          PipelineRun.Settings.DEFAULTS, timeout);
      if (o.storeCount() != events) {
        throw new IllegalStateException("the store holds " + o.storeCount() + " records, expected " + events);
      }
      drop(client, "bench_child");
      Measurement m = o.measurement();
      PipelineHealth h = o.health();
      System.out.printf(Locale.ROOT,
          "RESULT events=%d nanos=%d startup=%d cpu=%d serverCpu=%d peakUsed=%d peakAfterGc=%d maxHeap=%d peakInFlightBytes=%d gc=%s%n",
          m.events(), m.nanos(), m.startupNanos(), m.cpuNanos(), m.serverCpuNanos(), m.peakHeapUsed(), m.peakHeapAfterGc(),
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax(), h.peakInFlightBytes(),
          HeapProbe.collectorNames().replace(' ', '_'));
      System.out.println("BREAKDOWN " + o.cpuBreakdown());
      System.out.flush();
    } finally {
      if (client != null) {
        client.close();
      }
    }
    System.exit(0);
  }

  private static CountedStore store(MongoClient client, String database) {
    if (client == null) {
      CountingStore counting = new CountingStore();
      return new CountedStore(counting, counting::count);
    }
    MongoDatabase db = client.getDatabase(database);
    MongoAuditStore store = MongoAuditStore.builder(db).build();
    store.ensureSchema();
    return new CountedStore(store, store::count);
  }

  private static void drop(MongoClient client, String database) {
    if (client != null) {
      client.getDatabase(database).drop();
    }
  }
}
