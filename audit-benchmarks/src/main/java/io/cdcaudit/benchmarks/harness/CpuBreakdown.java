package io.cdcaudit.benchmarks.harness;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a JVM's CPU went during a run: CPU time of its Java threads by kind (the pipeline's
 * workers, its poll thread, Kafka's client threads, the rest), the collectors' pause time and the
 * JIT compilers' time. The process CPU that none of these explain is the JVM's own native threads
 * (concurrent GC, compiler threads beyond what the JVM reports).
 */
final class CpuBreakdown {

  private final Map<Long, Long> threadCpu;
  private final Map<Long, String> threadNames;
  private final long gcMillis;
  private final long jitMillis;
  private final long processCpu;
  private final long wall;

  private CpuBreakdown() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threadCpu = new HashMap<>();
    threadNames = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = threads.getThreadCpuTime(t.getId());
      if (cpu >= 0) {
        threadCpu.put(t.getId(), cpu);
        threadNames.put(t.getId(), t.getName());
      }
    }
    long gc = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, bean.getCollectionTime());
    }
    gcMillis = gc;
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    processCpu = CpuClock.processCpuNanos();
    wall = System.nanoTime();
  }

  static CpuBreakdown snapshot() {
    return new CpuBreakdown();
  }

  /** Microseconds of CPU per event between {@code start} and this snapshot, by kind. */
  String since(CpuBreakdown start, long events) {
    Map<String, Long> byKind = new TreeMap<>();
    for (Map.Entry<Long, Long> e : threadCpu.entrySet()) {
      long before = start.threadCpu.getOrDefault(e.getKey(), 0L);
      byKind.merge(kind(threadNames.get(e.getKey())), e.getValue() - before, Long::sum);
    }
    long threadsTotal = byKind.values().stream().mapToLong(Long::longValue).sum();
    long process = processCpu - start.processCpu;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "CPU us/event: process %.1f = ", process / 1e3 / events));
    byKind.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> s.append(String.format(Locale.ROOT, "%s %.1f + ", e.getKey(), e.getValue() / 1e3 / events)));
    s.append(String.format(Locale.ROOT, "JVM-internal threads (GC, JIT) %.1f", (process - threadsTotal) / 1e3 / events));
    s.append(String.format(Locale.ROOT, "; GC pauses %d ms, JIT %d ms in %.2f s", gcMillis - start.gcMillis,
        jitMillis < 0 ? -1 : jitMillis - start.jitMillis, (wall - start.wall) / 1e9));
    return s.toString();
  }

  private static String kind(String name) {
    if (name == null) {
      return "other";
    }
    if (name.contains("-worker-")) {
      return "workers";
    }
    if (name.endsWith("-poll")) {
      return "poll thread";
    }
    if (name.startsWith("kafka-") || name.contains("heartbeat") || name.contains("consumer")) {
      return "kafka threads";
    }
    return "other threads";
  }
}
