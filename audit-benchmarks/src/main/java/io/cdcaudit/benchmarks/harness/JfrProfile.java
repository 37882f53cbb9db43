package io.cdcaudit.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of execution samples ({@code jdk.ExecutionSample}, every 10 ms per running
 * thread) around one run, summarised: where the harness JVM's CPU goes by thread kind, by layer of
 * the top frame (Jackson, the codec, the domain, the Kafka client, the JDK), the steps of the
 * pipeline's workers (inclusive: a sample counts for every step on its stack), and the hottest
 * methods (self time). The recording is kept for JDK Mission Control or {@code jfr print}.
 */
final class JfrProfile implements AutoCloseable {

  private static final Map<String, String> STEPS = new LinkedHashMap<>();

  static {
    STEPS.put("io.cdcaudit.codec.internal.Json.parse", "JSON parse to a tree (Jackson readTree)");
    STEPS.put("io.cdcaudit.codec.MaxwellDecoder.decodeTree", "Maxwell tree -> ChangeEvent (values, key, EventId)");
    STEPS.put("io.cdcaudit.event.EventId.derive", "  of which EventId.derive");
    STEPS.put("io.cdcaudit.pipeline.AuditRecordFactory.toRecord", "AuditRecordFactory.toRecord");
    STEPS.put("io.cdcaudit.event.RowDiff.of", "  of which RowDiff.of (diff)");
    STEPS.put("io.cdcaudit.policy.ColumnPolicy.apply", "  of which ColumnPolicy.apply");
    STEPS.put("io.cdcaudit.memory.InMemoryAuditStore.append", "InMemoryAuditStore.append");
    STEPS.put("io.cdcaudit.mongo.MongoAuditStore.append", "MongoAuditStore.append");
    STEPS.put("io.cdcaudit.mongo.internal.AuditDocumentCodec.encode", "  of which encoding the BSON documents");
    STEPS.put("io.cdcaudit.mongo.MongoAuditStore.insert", "  of which insertMany (driver, waiting for the server)");
    STEPS.put("io.cdcaudit.s3.S3AuditStore.append", "S3AuditStore.append");
    STEPS.put("io.cdcaudit.json.AuditRecordJson.toBytes", "  of which AuditRecordJson.toBytes (the data lines)");
    STEPS.put("io.cdcaudit.s3.internal.GzipLines.write", "  of which gzip (data objects, batch indexes, index buckets)");
    STEPS.put("io.cdcaudit.s3.S3AuditStore.writeBatchIndex", "  of which the batch index object");
    STEPS.put("io.cdcaudit.s3.internal.IndexCompactor.compact", "  of which IndexCompactor.compact (every 50th append)");
    STEPS.put("io.cdcaudit.s3.internal.BucketAccess.putIfAbsent", "  of which conditional PutObject (SDK, waiting for S3)");
    STEPS.put("io.cdcaudit.kafka.KafkaChangeSource.poll", "KafkaChangeSource.poll (poll thread)");
    STEPS.put("io.cdcaudit.kafka.KafkaChangeSource.acknowledge", "KafkaChangeSource.acknowledge (commit)");
  }

  private final Recording recording;
  private final Path file;

  private JfrProfile(Path file) {
    this.file = file;
    this.recording = new Recording();
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
    recording.setToDisk(true);
    recording.start();
  }

  static JfrProfile start(Path file) {
    return new JfrProfile(file);
  }

  @Override
  public void close() throws IOException {
    recording.stop();
    recording.dump(file);
    recording.close();
  }

  Path file() {
    return file;
  }

  /** Prints the summary of the recording. */
  static void summarize(Path file, PrintStream out, String title, int top) throws IOException {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byLayer = new HashMap<>();
    Map<String, Integer> selfMethods = new HashMap<>();
    Map<String, Integer> steps = new HashMap<>();
    int total = 0;
    int workerSamples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      total++;
      RecordedThread thread = event.getThread("sampledThread");
      String kind = threadKind(thread == null ? "" : thread.getJavaName());
      byThread.merge(kind, 1, Integer::sum);
      List<RecordedFrame> frames = stack.getFrames();
      RecordedFrame topFrame = frames.get(0);
      String topType = topFrame.getMethod().getType().getName();
      byLayer.merge(layer(topType), 1, Integer::sum);
      selfMethods.merge(simpleName(topType) + '.' + topFrame.getMethod().getName(), 1, Integer::sum);
      if (kind.startsWith("pipeline worker") || kind.startsWith("pipeline poll")) {
        if (kind.startsWith("pipeline worker")) {
          workerSamples++;
        }
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
          String name = frame.getMethod().getType().getName() + '.' + frame.getMethod().getName();
          if (STEPS.containsKey(name) && seen.add(name)) {
            steps.merge(name, 1, Integer::sum);
          }
        }
      }
    }
    out.printf(Locale.ROOT, "profile: %s: %d execution samples (JFR jdk.ExecutionSample, 10 ms), recording %s%n", title, total, file);
    if (total == 0) {
      return;
    }
    out.println("  by thread:     " + shares(byThread, total));
    out.println("  by top frame:  " + shares(byLayer, total));
    out.printf(Locale.ROOT, "  pipeline steps, inclusive, %% of all samples (worker samples: %d = %.0f%%):%n",
        workerSamples, 100.0 * workerSamples / total);
    for (Map.Entry<String, String> step : STEPS.entrySet()) {
      int n = steps.getOrDefault(step.getKey(), 0);
      if (n > 0) {
        out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * n / total, step.getValue());
      }
    }
    out.println("  hottest methods (self):");
    int all = total;
    selfMethods.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
  }

  private static String shares(Map<String, Integer> counts, int total) {
    StringBuilder s = new StringBuilder();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> s.append(String.format(Locale.ROOT, "%s %.0f%%; ", e.getKey(), 100.0 * e.getValue() / total)));
    return s.length() > 2 ? s.substring(0, s.length() - 2) : "";
  }

  private static String threadKind(String name) {
    if (name.contains("-worker-")) {
      return "pipeline workers";
    }
    if (name.endsWith("-poll")) {
      return "pipeline poll";
    }
    if (name.startsWith("kafka-") || name.contains("consumer") || name.contains("heartbeat")) {
      return "kafka client threads";
    }
    if (name.startsWith("bench-heap")) {
      return "harness";
    }
    return "other (" + name.replaceAll("[0-9]+", "N") + ")";
  }

  private static String layer(String type) {
    if (type.startsWith("com.fasterxml.jackson.")) {
      return "Jackson";
    }
    if (type.startsWith("io.cdcaudit.codec.")) {
      return "cdc-audit codec";
    }
    if (type.startsWith("io.cdcaudit.memory.")) {
      return "memory store";
    }
    if (type.startsWith("io.cdcaudit.mongo.")) {
      return "mongo store";
    }
    if (type.startsWith("com.mongodb.") || type.startsWith("org.bson.")) {
      return "Mongo driver";
    }
    if (type.startsWith("io.cdcaudit.s3.")) {
      return "s3 store";
    }
    if (type.startsWith("software.amazon.awssdk.") || type.startsWith("org.apache.hc.")) {
      return "AWS SDK and HTTP client";
    }
    if (type.startsWith("io.cdcaudit.kafka.")) {
      return "cdc-audit kafka source";
    }
    if (type.startsWith("io.cdcaudit.")) {
      return "cdc-audit domain";
    }
    if (type.startsWith("org.apache.kafka.")) {
      return "Kafka client";
    }
    if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.")) {
      return "JDK";
    }
    return "other";
  }

  private static String simpleName(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }
}
