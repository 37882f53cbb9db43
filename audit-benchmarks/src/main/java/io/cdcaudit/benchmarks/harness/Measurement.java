package io.cdcaudit.benchmarks.harness;

/**
 * One measured run.
 *
 * @param name what ran, as the table shows it
 * @param store the store it wrote to ({@code memory}, {@code mongo}, ...), or {@code null} for raw consume
 * @param events events read, or stored
 * @param nanos from the first record returned by the consumer to the last record read (raw consume)
 *     or durable in the store
 * @param startupNanos from subscribing to the first record (the consumer-group join): not in {@code nanos}
 * @param cpuNanos CPU time of the JVM that ran it during {@code nanos}, or -1
 * @param serverCpuNanos CPU time of the broker during {@code nanos} (and of the store's server, where it has one), or -1
 * @param peakHeapUsed the largest heap in use during the run (sampled), or -1
 * @param peakHeapAfterGc the largest heap in use after a collection during the run, or -1
 * @param note a remark for the table, or {@code ""}
 */
record Measurement(String name, String store, long events, long nanos, long startupNanos, long cpuNanos,
                   long serverCpuNanos, long peakHeapUsed, long peakHeapAfterGc, String note) {

  double eventsPerSecond() {
    return events * 1e9 / nanos;
  }

  double cpuMicrosPerEvent() {
    return cpuNanos < 0 ? -1 : cpuNanos / 1e3 / events;
  }

  double serverCpuMicrosPerEvent() {
    return serverCpuNanos < 0 ? -1 : serverCpuNanos / 1e3 / events;
  }

  Measurement withNote(String newNote) {
    return new Measurement(name, store, events, nanos, startupNanos, cpuNanos, serverCpuNanos, peakHeapUsed, peakHeapAfterGc, newNote);
  }
}
