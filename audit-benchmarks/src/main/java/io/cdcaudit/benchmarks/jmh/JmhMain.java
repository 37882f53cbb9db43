package io.cdcaudit.benchmarks.jmh;

import io.cdcaudit.benchmarks.RowMessages;
import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DecodeBenchmark} and prints one table: ops/s of each step and its ratio to Jackson's
 * {@code readTree} of the same bytes, measured in the same run.
 *
 * <pre>
 *   java -cp ... io.cdcaudit.benchmarks.jmh.JmhMain [--quick] [--out DIR]
 * </pre>
 *
 * Default: one fork, warm-up 2 x 2 s, measurement 3 x 2 s per case, and the {@link HotspotBenchmark}s;
 * {@code --quick}: one fork, warm-up 2 x 2 s, measurement 2 x 1 s, no hot spots. JMH's own log goes to {@code DIR/jmh.log}, its results to
 * {@code DIR/jmh-result.json}.
 */
public final class JmhMain {

  private static final String[] FORMATS = {"maxwell", "debezium"};
  private static final int[] COLUMNS = {5, 20, 100};
  private static final String[] STEPS = {"jacksonReadTree", "jacksonTokens", "decode", "decodeToRecord"};
  private static final String[] HOTSPOTS = {
      "policyApply", "hmacAsIs", "hmacReusedMac", "eventIdDerive", "sha256NewDigest", "sha256ReusedDigest"};

  private JmhMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    File out = new File("target");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = new File(args[++i]);
        default -> {
          System.err.println("usage: JmhMain [--quick] [--out DIR]");
          System.exit(2);
        }
      }
    }
    out.mkdirs();
    // The decoder's code needs about 4 s of one thread to be compiled (C2): the warm-up stays 2 x 2 s even with --quick.
    int warmups = 2;
    int warmupSeconds = 2;
    int measurements = quick ? 2 : 3;
    int measurementSeconds = quick ? 1 : 2;
    int cases = FORMATS.length * COLUMNS.length * STEPS.length + (quick ? 0 : HOTSPOTS.length);
    PrintStream console = System.out;
    console.printf(Locale.ROOT, "jmh: %d cases, 1 fork each, warm-up %d x %d s, measurement %d x %d s (about %d s); log: %s%n",
        cases, warmups, warmupSeconds, measurements, measurementSeconds,
        cases * (warmups * warmupSeconds + measurements * measurementSeconds + 2), new File(out, "jmh.log"));
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(DecodeBenchmark.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(warmupSeconds))
        .measurementIterations(measurements)
        .measurementTime(TimeValue.seconds(measurementSeconds))
        .output(new File(out, "jmh.log").getPath())
        .resultFormat(ResultFormatType.JSON)
        .result(new File(out, "jmh-result.json").getPath());
    if (!quick) {
      options.include(HotspotBenchmark.class.getName() + "\\.");
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    print(console, results, quick);
  }

  private static void print(PrintStream out, Collection<RunResult> results, boolean quick) {
    Map<String, double[]> scores = new HashMap<>();
    for (RunResult r : results) {
      String step = r.getParams().getBenchmark();
      step = step.substring(step.lastIndexOf('.') + 1);
      String key = r.getParams().getParam("format") == null ? step
          : r.getParams().getParam("format") + '/' + r.getParams().getParam("columns") + '/' + step;
      scores.put(key, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    out.println();
    out.println("JMH, one thread, ops/s (x = ratio to Jackson readTree of the same bytes, same run)"
        + (quick ? " [--quick settings: indicative only]" : ""));
    out.printf(Locale.ROOT, "%-9s %5s %6s | %12s | %12s %7s | %12s %7s | %12s %7s | %9s%n",
        "format", "cols", "bytes", "readTree", "tokens only", "x", "decode", "x", "decode->rec", "x", "us/record");
    List<String> rows = new ArrayList<>();
    for (String format : FORMATS) {
      for (int columns : COLUMNS) {
        double[] base = scores.get(format + '/' + columns + "/jacksonReadTree");
        double[] tokens = scores.get(format + '/' + columns + "/jacksonTokens");
        double[] decode = scores.get(format + '/' + columns + "/decode");
        double[] record = scores.get(format + '/' + columns + "/decodeToRecord");
        if (base == null || tokens == null || decode == null || record == null) {
          continue;
        }
        rows.add(String.format(Locale.ROOT, "%-9s %5d %6d | %12s | %12s %6.2fx | %12s %6.2fx | %12s %6.2fx | %9.2f",
            format, columns, averageBytes(format, columns), ops(base[0]), ops(tokens[0]), tokens[0] / base[0],
            ops(decode[0]), decode[0] / base[0], ops(record[0]), record[0] / base[0], 1e6 / record[0]));
      }
    }
    rows.forEach(out::println);
    out.println("(error bars, 99.9%: see jmh.log; 'bytes' is the mean message size of the 100 messages of a case)");
    if (scores.get("policyApply") == null) {
      return;
    }
    out.println();
    out.println("JMH, hot spots of the record step on the harness's own events (SyntheticMaxwellEvents 0-9), one thread");
    for (String step : HOTSPOTS) {
      double[] s = scores.get(step);
      if (s != null) {
        out.printf(Locale.ROOT, "  %-20s %14s ops/s  %8.3f us/op%n", step, ops(s[0]), 1e6 / s[0]);
      }
    }
    double[] asIs = scores.get("hmacAsIs");
    double[] reused = scores.get("hmacReusedMac");
    if (asIs != null && reused != null) {
      out.printf(Locale.ROOT, "  HMAC with a reused Mac: %.1fx the library's per-call Mac.getInstance+init%n", reused[0] / asIs[0]);
    }
    double[] newDigest = scores.get("sha256NewDigest");
    double[] reusedDigest = scores.get("sha256ReusedDigest");
    if (newDigest != null && reusedDigest != null) {
      out.printf(Locale.ROOT, "  SHA-256 with a reused MessageDigest: %.1fx a MessageDigest.getInstance per call%n", reusedDigest[0] / newDigest[0]);
    }
  }

  private static String ops(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static int averageBytes(String format, int columns) {
    long total = 0;
    for (int n = 0; n < 100; n++) {
      total += (format.equals("maxwell") ? RowMessages.maxwell(columns, n) : RowMessages.debezium(columns, n)).value().length;
    }
    return (int) (total / 100);
  }
}
