package io.cdcaudit.benchmarks.harness;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Warm-up passes (not measured) until the JIT compilers are quiet: a pass is repeated while the
 * compilers spent more than a tenth of its wall time compiling and its rate still differs by more
 * than a tenth from the pass before, at most {@code maxPasses} times.
 * On two cores a compiler thread competes with the code it compiles, so a measurement taken while
 * it is busy measures the compiler.
 */
final class Warmup {

  private Warmup() {}

  /** Runs {@code pass} until the JIT is quiet; returns a line saying how it went. */
  static String untilJitQuiet(String what, int maxPasses, Callable<Measurement> pass) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    StringBuilder report = new StringBuilder("warm-up " + what + ":");
    double previous = -1;
    for (int i = 1; i <= maxPasses; i++) {
      long jitBefore = jit.getTotalCompilationTime();
      long wallBefore = System.nanoTime();
      Measurement m = pass.call();
      long jitMillis = jit.getTotalCompilationTime() - jitBefore;
      double wallMillis = (System.nanoTime() - wallBefore) / 1e6;
      report.append(String.format(Locale.ROOT, " pass %d %,.0f events/s (JIT %.0f%% of the time);", i, m.eventsPerSecond(),
          100 * jitMillis / wallMillis));
      double rate = m.eventsPerSecond();
      if (jitMillis < 0.1 * wallMillis || (previous > 0 && Math.abs(rate - previous) < 0.1 * previous)) {
        break;
      }
      previous = rate;
    }
    return report.substring(0, report.length() - 1);
  }
}
