package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.testservers.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real-server harness of {@code scripts/bench}: one Kafka broker, one topic of N preloaded
 * synthetic Maxwell events in 4 partitions, and, one after the other in this JVM on that broker:
 * raw consume, each store's raw bulk write, the naive baseline, and the pipeline into each store;
 * then the pipeline at full backlog in a child JVM with a small heap, and the latency at a fixed
 * offered rate. The stores: memory, the Mongo stand-in and S3 on S3Mock (a server is started only
 * when its store is selected). Prints the table and ends with the {@code bench <store>:} lines. See BENCHMARKS.md.
 */
public final class Bench {

  private static final PrintStream OUT = System.out;

  private final BenchOptions options;
  private final List<Measurement> table = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, LatencyRun.Result> latencies = new LinkedHashMap<>();
  private final Map<String, Measurement> pipelines = new HashMap<>();
  private final Map<String, Measurement> naives = new HashMap<>();
  private final Map<String, Measurement> raws = new HashMap<>();
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private Measurement rawConsume;
  private Path outDir;

  private Bench(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    new Bench(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    outDir = Path.of(System.getProperty("cdcaudit.bench.out", "target/bench"));
    Files.createDirectories(outDir);
    double loadBefore = loadAverage();
    progress(String.format(Locale.ROOT, "machine: %d cores, %.1f GiB RAM, %s %s; harness -Xmx%d MiB, %s; load average %.2f at start",
        Runtime.getRuntime().availableProcessors(), totalMemoryGiB(), System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), HeapProbe.maxHeap() >> 20, HeapProbe.collectorNames(), loadBefore));
    progress("starting a Kafka broker (audit-test-servers KafkaBroker: Kafka 4.4.0, KRaft, own JVM)");
    long t0 = System.nanoTime();
    try (KafkaBroker kafka = KafkaBroker.start()) {
      progress(String.format(Locale.ROOT, "broker %s ready in %.1f s", kafka.bootstrapServers(), seconds(System.nanoTime() - t0)));
      ProcessHandle broker = CpuClock.findDescendant("kafka.Kafka").orElse(null);
      CpuClock clock = broker == null ? CpuClock.of(List.of()) : CpuClock.of(List.of(broker));
      String bootstrap = kafka.bootstrapServers();
      String topic = "bench-" + runId;
      BenchKafka.createTopic(bootstrap, topic);
      t0 = System.nanoTime();
      long bytes = BenchKafka.preload(bootstrap, topic, options.events());
      progress(String.format(Locale.ROOT,
          "preloaded %,d synthetic Maxwell events (mean %d bytes; inserts, updates with old, deletes 6:3:1 over 4 tables) "
              + "into %s, %d partitions, in %.1f s",
          options.events(), bytes / options.events(), topic, BenchKafka.PARTITIONS, seconds(System.nanoTime() - t0)));

      List<StoreUnderTest> stores = new ArrayList<>();
      stores.add(new MemoryStoreUnderTest());
      try {
        if (options.mongo()) {
          progress("starting the MongoDB stand-in (mongo-java-server 1.47.0, memory backend, own JVM)");
          MongoStoreUnderTest mongo = MongoStoreUnderTest.start(options.events(), outDir.resolve("mongo-standin-gc.log"));
          stores.add(mongo);
          clock = clock.with(mongo.process());
          progress("stand-in ready at " + mongo.uri());
        }
        if (options.s3()) {
          progress("starting S3Mock 5.2.0 (audit-test-servers S3MockServer: an S3 emulator, own JVM, objects in files)");
          S3StoreUnderTest s3 = S3StoreUnderTest.start();
          stores.add(s3);
          clock = clock.with(s3.process());
          progress("S3Mock ready at " + s3.endpoint());
        }
        measure(bootstrap, topic, clock, stores);
      } finally {
        GroupWatch.closeAll();
        for (StoreUnderTest s : stores) {
          s.close();
        }
      }
    }
    double loadAfter = loadAverage();
    printReport(loadBefore, loadAfter);
  }

  private void measure(String bootstrap, String topic, CpuClock clock, List<StoreUnderTest> stores) throws Exception {
    long events = options.events();
    Duration timeout = Duration.ofSeconds(Math.max(300, events / 200));

    // Warm-up first: the JIT of this JVM and of the servers (broker, stand-in).
    long warmupEvents = Math.min(events, 100_000);
    progress("warm-up (not measured), until the JIT is quiet: raw consume, and the pipeline into each store ("
        + String.format(Locale.ROOT, "%,d", warmupEvents) + " events a pass)");
    int[] pass = {0};
    progress("  " + Warmup.untilJitQuiet("raw consume", options.quick() ? 4 : 6,
        () -> RawConsume.run(bootstrap, topic, events, group("warmup-raw-" + (++pass[0])), clock, timeout)));
    for (StoreUnderTest store : stores) {
      progress("  " + Warmup.untilJitQuiet("pipeline -> " + store.name(), options.quick() ? 4 : 6, () -> {
        try {
          return PipelineRun.run("warm-up", store.name(), bootstrap, topic, warmupEvents, group("warmup-" + store.name() + "-" + (++pass[0])),
              store.pipelineStore(), clock, options.settings(), timeout).measurement();
        } finally {
          store.reset();
        }
      }));
    }
    HeapProbe.usedAfterFullGc();

    // Then the raw store writes, on records built beforehand (not timed), into servers the warm-up has warmed too.
    progress("building " + String.format(Locale.ROOT, "%,d", events) + " audit records for the raw store writes (not timed)");
    List<AuditRecord> prebuilt = RawStore.records(events);
    for (StoreUnderTest store : stores) {
      // A warm-up write first (up to 50,000 records, not measured), so that the measured one runs compiled code.
      int threads = options.settings().effectiveParallelism();
      RawStore.run(store, prebuilt.subList(0, Math.min(prebuilt.size(), 50_000)), threads, clock);
      store.reset();
      List<AuditRecord> records = prebuilt;
      // A fast write is repeated (a fresh target each time) until 2 s are measured: the median pass counts.
      String[] contents = {""};
      Measurement raw = median(2.0, store.rawPasses(), () -> {
        try {
          Measurement m = RawStore.run(store, records, threads, clock);
          contents[0] = store.describeContents();
          return m;
        } finally {
          store.reset();
        }
      });
      if (!contents[0].isEmpty()) { // once, not once a pass
        notes.add("documents of the raw " + store.name() + " write: " + contents[0]);
      }
      raws.put(store.name(), raw);
      progress(line(raw));
      store.reset();
    }
    prebuilt = null;
    HeapProbe.usedAfterFullGc();

    List<Long> watchLags = new ArrayList<>();
    rawConsume = median(2.0, 7, () -> {
      RawConsume.Result r = RawConsume.runWithLag(bootstrap, topic, events, group("raw-" + (++pass[0])), clock, timeout);
      watchLags.add(r.watchLagNanos());
      return r.measurement();
    });
    progress(line(rawConsume));
    watchLags.sort(null);
    GroupWatch.calibrate(watchLags.get(watchLags.size() / 2));
    notes.add(String.format(Locale.ROOT, "start of the pipeline runs: the broker-side group watch (admin describeConsumerGroups) saw the "
        + "assignment %.1f ms (median of %d; %.1f to %.1f) after the plain consumer's own rebalance listener did; the pipeline runs' start "
        + "is taken that much earlier than the watch saw it", watchLags.get(watchLags.size() / 2) / 1e6, watchLags.size(),
        watchLags.get(0) / 1e6, watchLags.get(watchLags.size() - 1) / 1e6));
    table.add(rawConsume);

    for (StoreUnderTest store : stores) {
      table.add(raws.get(store.name()));
      Measurement naive = NaiveBaseline.run("naive: 1 message -> decode -> 1 insert -> commitSync", store.name(), bootstrap, topic,
          events, group("naive-" + store.name()), ChangeDecoders.auto(), options.settings().records(), store.naiveInsertOne(), clock,
          options.naiveTimeBox());
      naives.put(store.name(), naive);
      progress(line(naive));
      if (!store.naiveNote().isEmpty()) {
        notes.add(store.naiveNote());
      }
      table.add(naive);
      store.reset();
      HeapProbe.usedAfterFullGc();

      long heapBefore = HeapProbe.usedAfterFullGc();
      CountedStore target = store.pipelineStore();
      PipelineRun.Outcome outcome = PipelineRun.run("pipeline: AuditPipeline" + options.settings().describe(), store.name(), bootstrap,
          topic, events, group("pipeline-" + store.name()), target, clock, options.settings(), timeout);
      Measurement pipeline = outcome.measurement();
      long retained = HeapProbe.usedAfterFullGc() - heapBefore;
      String contents = store.describeContents();
      if (!contents.isEmpty()) {
        notes.add("documents of the pipeline's " + store.name() + " store: " + contents);
      }
      if (outcome.storeCount() != events) {
        throw new IllegalStateException("the " + store.name() + " store holds " + outcome.storeCount() + " records, expected " + events);
      }
      progress(line(pipeline));
      progress("  " + outcome.cpuBreakdown());
      notes.add("cpu, pipeline -> " + store.name() + ": " + outcome.cpuBreakdown());
      pipelines.put(store.name(), pipeline);
      table.add(pipeline);
      if (store.name().equals("memory")) {
        notes.add(String.format(Locale.ROOT,
            "heap, pipeline -> memory (this JVM, -Xms=-Xmx %,d MiB): peak in use %,d MiB%s; the store then held %,d MiB "
                + "(%,d bytes a record), which the reference store keeps by design; pipeline in flight at most %,d KiB",
            HeapProbe.maxHeap() >> 20, pipeline.peakHeapUsed() >> 20,
            pipeline.peakHeapAfterGc() > 0 ? String.format(Locale.ROOT, ", peak after GC %,d MiB", pipeline.peakHeapAfterGc() >> 20)
                : " (no collection ran)",
            retained >> 20, retained / events, outcome.health().peakInFlightBytes() >> 10));
      }
      target = null;
      store.reset();
      HeapProbe.usedAfterFullGc();
    }

    if (options.profile()) {
      for (StoreUnderTest store : stores) {
        Path file = outDir.resolve("pipeline-" + store.name() + ".jfr");
        progress("profiled pass (JFR, not in the table): the pipeline into the " + store.name() + " store");
        Measurement profiled;
        JfrProfile profile = JfrProfile.start(file);
        try {
          profiled = PipelineRun.run("pipeline -> " + store.name() + " (JFR on)", store.name(), bootstrap, topic, events,
              group("profiled-" + store.name()), store.pipelineStore(), clock, options.settings(), timeout).measurement();
        } finally {
          profile.close();
        }
        progress("  " + line(profiled));
        store.reset();
        HeapProbe.usedAfterFullGc();
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(text, true, StandardCharsets.UTF_8)) {
          JfrProfile.summarize(file, ps, "pipeline -> " + store.name() + ", "
              + String.format(Locale.ROOT, "%,.0f", profiled.eventsPerSecond()) + " events/s with JFR on", 12);
        }
        notes.add(text.toString(StandardCharsets.UTF_8).stripTrailing());
      }
    }

    if (options.child()) {
      for (StoreUnderTest store : stores) {
        String spec = store instanceof MongoStoreUnderTest mongo ? mongo.uri() : store.name().equals("memory") ? "counting" : null;
        if (spec == null) {
          continue;
        }
        progress("the pipeline at full backlog in a child JVM with -Xmx" + options.childHeap() + " into "
            + (spec.equals("counting") ? "a counting store (keeps nothing)" : "the " + store.name() + " store"));
        Measurement child = runChild(bootstrap, topic, clock, spec);
        progress(line(child));
        table.add(child);
      }
    }

    for (StoreUnderTest store : stores) {
      progress(String.format(Locale.ROOT, "latency: %,d events/s offered for %d s, pipeline -> %s", options.latencyRate(),
          options.latencyDuration().toSeconds(), store.name()));
      long gcMark = store instanceof MongoStoreUnderTest m ? m.gcLog().mark() : -1;
      LatencyRun.Result r = LatencyRun.run(store.name(), bootstrap, "bench-" + runId, store.pipelineStore().store(), options.latencyRate(),
          options.latencyDuration());
      if (store instanceof MongoStoreUnderTest m) {
        String pauses = m.gcLog().pausesSince(gcMark);
        progress("  the stand-in's collector during this run: " + pauses);
        notes.add("the Mongo stand-in's collector during the mongo latency run: " + pauses + " (its GC log: " + outDir.resolve("mongo-standin-gc.log") + ")");
      }
      latencies.put(store.name(), r);
      progress(String.format(Locale.ROOT, "  p50 %.1f ms, p99 %.1f ms, max %.1f ms over %,d events (offered %,.0f/s); after the first %d s: p50 %.1f ms, p99 %.1f ms",
          r.p50Millis(), r.p99Millis(), r.maxMillis(), r.events(), r.offeredRate(), LatencyRun.SETTLE_SECONDS, r.steadyP50Millis(),
          r.steadyP99Millis()));
      store.reset();
    }
  }

  /**
   * Repeats {@code pass} until {@code minSeconds} of measured time (at least 3 passes, at most
   * {@code maxPasses}) and returns the pass of median rate, noting how many there were.
   */
  private static Measurement median(double minSeconds, int maxPasses, java.util.concurrent.Callable<Measurement> pass) throws Exception {
    List<Measurement> passes = new ArrayList<>();
    double total = 0;
    while (passes.size() < maxPasses && (passes.size() < Math.min(3, maxPasses) || total < minSeconds)) {
      Measurement m = pass.call();
      passes.add(m);
      total += m.nanos() / 1e9;
    }
    if (passes.size() == 1) {
      return passes.get(0);
    }
    List<Measurement> sorted = new ArrayList<>(passes);
    sorted.sort(java.util.Comparator.comparingDouble(Measurement::eventsPerSecond));
    Measurement mid = sorted.get(sorted.size() / 2);
    return mid.withNote(String.format(Locale.ROOT, "median of %d passes, %,.0f to %,.0f/s", passes.size(),
        sorted.get(0).eventsPerSecond(), sorted.get(sorted.size() - 1).eventsPerSecond()));
  }

  private Measurement runChild(String bootstrap, String topic, CpuClock clock, String storeSpec) throws IOException, InterruptedException {
    String storeName = storeSpec.startsWith("mongodb://") ? "mongo" : storeSpec;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + options.childHeap());
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Dcdcaudit.bench.watchLagNanos=" + GroupWatch.calibration());
    command.add("-Dcdcaudit.bench.warmupPasses=" + (options.quick() ? 4 : 6));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildMain.class.getName());
    command.add(bootstrap);
    command.add(topic);
    command.add(Long.toString(options.events()));
    command.add(group("child-" + storeName));
    command.add(storeSpec);
    for (long pid : clock.serverPids()) {
      command.add(Long.toString(pid));
    }
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = null;
    String breakdown = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = reader.readLine()) != null; ) {
        if (l.startsWith("RESULT ")) {
          result = l.substring("RESULT ".length());
        } else if (l.startsWith("WARMUP ")) {
          progress("  " + l.substring("WARMUP ".length()));
        } else if (l.startsWith("BREAKDOWN ")) {
          breakdown = l.substring("BREAKDOWN ".length());
        }
      }
    }
    if (breakdown != null) {
      progress("  " + breakdown);
      notes.add("cpu, pipeline -> " + storeName + " store, child JVM: " + breakdown);
    }
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    if (result == null || process.exitValue() != 0) {
      throw new IllegalStateException("the child JVM failed (exit " + process.exitValue() + "): with -Xmx" + options.childHeap()
          + " an OutOfMemoryError ends it");
    }
    Map<String, String> v = new HashMap<>();
    for (String pair : result.split(" ")) {
      int eq = pair.indexOf('=');
      v.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    long peakUsed = Long.parseLong(v.get("peakUsed"));
    long peakAfterGc = Long.parseLong(v.get("peakAfterGc"));
    notes.add(String.format(Locale.ROOT,
        "heap, pipeline -> %s store at a backlog of %,d events in a child JVM with -Xmx%s (%s): peak in use %,d MiB, peak after GC %,d MiB "
            + "of %,d MiB; pipeline in flight at most %,d KiB (defaults: maxInFlightMessages 20,000, maxInFlightBytes 64 MiB)",
        storeName, options.events(), options.childHeap(), v.get("gc").replace('_', ' '), peakUsed >> 20, peakAfterGc >> 20,
        Long.parseLong(v.get("maxHeap")) >> 20, Long.parseLong(v.get("peakInFlightBytes")) >> 10));
    return new Measurement("pipeline, child JVM -Xmx" + options.childHeap(), storeName, Long.parseLong(v.get("events")),
        Long.parseLong(v.get("nanos")), Long.parseLong(v.get("startup")), Long.parseLong(v.get("cpu")),
        Long.parseLong(v.get("serverCpu")), peakUsed, peakAfterGc, "");
  }

  // ---- the report --------------------------------------------------------------------------------

  private void printReport(double loadBefore, double loadAfter) {
    OUT.println();
    OUT.printf(Locale.ROOT, "Results: %,d events, %d partitions, one broker, one run (load average %.2f at start, %.2f at end%s)%n",
        options.events(), BenchKafka.PARTITIONS, loadBefore, loadAfter,
        Math.max(loadBefore, loadAfter) > 2.5 ? "; other work on this 2-core machine disturbed the timings" : "");
    OUT.printf(Locale.ROOT, "%-60s %-8s %9s %8s %11s %9s %9s %10s %10s%n",
        "run", "store", "events", "seconds", "events/s", "x naive", "% limit", "us/ev JVM", "us/ev srv");
    for (Measurement m : table) {
      String store = m.store() == null ? "-" : m.store();
      Measurement naive = naives.get(m.store());
      double limit = limit(m.store());
      boolean isPipeline = m.name().startsWith("pipeline");
      OUT.printf(Locale.ROOT, "%-60s %-8s %9d %8.2f %11.0f %9s %9s %10s %10s%s%n",
          m.name(), store, m.events(), m.nanos() / 1e9, m.eventsPerSecond(),
          isPipeline && naive != null ? String.format(Locale.ROOT, "%.1fx", m.eventsPerSecond() / naive.eventsPerSecond()) : "",
          isPipeline && limit > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * m.eventsPerSecond() / limit) : "",
          m.cpuNanos() < 0 ? "" : String.format(Locale.ROOT, "%.1f", m.cpuMicrosPerEvent()),
          m.serverCpuNanos() < 0 ? "" : String.format(Locale.ROOT, "%.1f", m.serverCpuMicrosPerEvent()),
          m.note().isEmpty() ? "" : "  (" + m.note() + ")");
    }
    OUT.println("  events/s: from the moment the consumer group has its partitions to the last record read (raw consume) or durable in the");
    OUT.println("  store; the group join before it is left out. limit = min(raw consume, the store's raw bulk write); the counting");
    OUT.println("  store keeps nothing, so its limit is raw consume. us/ev JVM: CPU of the JVM that ran it; srv: of the broker (and store server).");
    for (String note : notes) {
      OUT.println(note);
    }
    for (LatencyRun.Result r : latencies.values()) {
      OUT.printf(Locale.ROOT,
          "latency, pipeline -> %s at %,d events/s offered (%,.0f achieved) for %d s: commit-to-stored p50 %.1f ms, p99 %.1f ms, max %.1f ms "
              + "(after the first %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms)%n",
          r.store(), options.latencyRate(), r.offeredRate(), options.latencyDuration().toSeconds(), r.p50Millis(), r.p99Millis(),
          r.maxMillis(), LatencyRun.SETTLE_SECONDS, r.steadyP50Millis(), r.steadyP99Millis(), r.steadyMaxMillis());
    }
    OUT.println();
    Measurement memory = pipelines.get("memory");
    if (memory != null) {
      OUT.printf(Locale.ROOT, "bench memory: pipeline=%.0f limit=%.0f pipeline/limit = %.1f%%%n",
          memory.eventsPerSecond(), limit("memory"), 100 * memory.eventsPerSecond() / limit("memory"));
    }
    Measurement mongo = pipelines.get("mongo");
    if (mongo != null) {
      double baseline = naives.get("mongo").eventsPerSecond();
      OUT.printf(Locale.ROOT, "bench mongo: pipeline=%.0f baseline=%.0f limit=%.0f pipeline/baseline = %.1fx; pipeline/limit = %.1f%%%n",
          mongo.eventsPerSecond(), baseline, limit("mongo"), mongo.eventsPerSecond() / baseline,
          100 * mongo.eventsPerSecond() / limit("mongo"));
    }
    Measurement s3 = pipelines.get("s3");
    if (s3 != null) {
      // pipeline/raw: the store's layout, index and conditional writes against plain PutObject of the same bytes
      double raw = raws.get("s3").eventsPerSecond();
      double baseline = naives.get("s3").eventsPerSecond();
      OUT.printf(Locale.ROOT, "bench s3: pipeline=%.0f raw=%.0f pipeline/raw = %.3f; baseline=%.0f pipeline/baseline = %.1fx%n",
          s3.eventsPerSecond(), raw, s3.eventsPerSecond() / raw, baseline, s3.eventsPerSecond() / baseline);
    }
  }

  private double limit(String store) {
    if (rawConsume == null || store == null) {
      return -1;
    }
    Measurement raw = raws.get(store);
    return raw == null ? rawConsume.eventsPerSecond() : Math.min(rawConsume.eventsPerSecond(), raw.eventsPerSecond());
  }

  private static String line(Measurement m) {
    return String.format(Locale.ROOT, "%s%s: %,d events in %.2f s = %,.0f events/s (join %.1f s before; CPU %s us/event here, %s in servers)%s",
        m.name(), m.store() == null ? "" : " [" + m.store() + "]", m.events(), m.nanos() / 1e9, m.eventsPerSecond(),
        m.startupNanos() / 1e9, m.cpuNanos() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", m.cpuMicrosPerEvent()),
        m.serverCpuNanos() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", m.serverCpuMicrosPerEvent()),
        m.note().isEmpty() ? "" : " (" + m.note() + ")");
  }

  private String group(String what) {
    return "bench-" + runId + "-" + what;
  }

  private static final long STARTED = System.nanoTime();

  private static void progress(String message) {
    long s = (System.nanoTime() - STARTED) / 1_000_000_000L;
    OUT.printf(Locale.ROOT, "bench: [%d:%02d] %s%n", s / 60, s % 60, message);
    OUT.flush();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double totalMemoryGiB() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (double) (1L << 30);
  }
}
