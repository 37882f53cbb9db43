package io.cdcaudit.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time: of this JVM (all threads), and of the server processes the harness started (the Kafka
 * broker, the Mongo stand-in, S3Mock). On a machine of two cores, where the broker, the clients and the
 * pipeline share the cores, CPU per event says where the time goes even when other work on the
 * machine disturbs the wall-clock figures.
 */
final class CpuClock {

  private final List<ProcessHandle> servers;

  private CpuClock(List<ProcessHandle> servers) {
    this.servers = List.copyOf(servers);
  }

  /** The descendant of this JVM whose command line contains {@code mainClass} (the deepest one), if any. */
  static Optional<ProcessHandle> findDescendant(String mainClass) {
    return ProcessHandle.current().descendants()
        .filter(p -> commandLine(p).contains(mainClass))
        .reduce((a, b) -> b);
  }

  /** The full command line: {@code ProcessHandle.Info} cuts long ones (a server's class path), /proc does not. */
  private static String commandLine(ProcessHandle p) {
    try {
      return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "cmdline")),
          java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (java.io.IOException | RuntimeException e) {
      return p.info().commandLine().orElse("");
    }
  }

  /** A clock of this JVM and of these server processes. */
  static CpuClock of(List<ProcessHandle> servers) {
    return new CpuClock(servers);
  }

  /** A clock of this JVM and of the processes {@code pids} (those that exist). */
  static CpuClock ofPids(List<Long> pids) {
    List<ProcessHandle> found = new ArrayList<>();
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(found::add);
    }
    return new CpuClock(found);
  }

  /** The same servers and one more. */
  CpuClock with(ProcessHandle server) {
    List<ProcessHandle> more = new ArrayList<>(servers);
    more.add(server);
    return new CpuClock(more);
  }

  List<Long> serverPids() {
    return servers.stream().map(ProcessHandle::pid).toList();
  }

  /** This JVM's CPU time in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The servers' CPU time in nanoseconds, or -1 when there are none or one is unknown. */
  long serverCpuNanos() {
    if (servers.isEmpty()) {
      return -1;
    }
    long total = 0;
    for (ProcessHandle server : servers) {
      Optional<Duration> cpu = server.info().totalCpuDuration();
      if (cpu.isEmpty()) {
        return -1;
      }
      total += cpu.get().toNanos();
    }
    return total;
  }

  /** A reading of the clocks. */
  Reading read() {
    return new Reading(System.nanoTime(), processCpuNanos(), serverCpuNanos());
  }

  /** A reading: wall time, this JVM's CPU, the servers' CPU (-1: unknown). */
  record Reading(long wallNanos, long cpuNanos, long serverCpuNanos) {
    Reading minus(Reading earlier) {
      return new Reading(wallNanos - earlier.wallNanos, cpuNanos - earlier.cpuNanos,
          serverCpuNanos < 0 || earlier.serverCpuNanos < 0 ? -1 : serverCpuNanos - earlier.serverCpuNanos);
    }
  }
}
