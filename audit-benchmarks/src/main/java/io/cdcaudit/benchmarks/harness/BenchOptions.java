package io.cdcaudit.benchmarks.harness;

import java.time.Duration;

/** The command line of {@link Bench} ({@code scripts/bench} passes its own options through). */
record BenchOptions(long events, boolean quick, Duration naiveTimeBox, Duration latencyDuration, int latencyRate,
                    String childHeap, boolean profile, boolean child, boolean mongo, boolean s3,
                    PipelineRun.Settings settings) {

  static final String USAGE = """
      usage: scripts/bench [--quick] [--events N] [--naive-seconds S] [--latency-seconds S] [--rate R]
                           [--child-heap SIZE] [--no-profile] [--no-child] [--no-mongo] [--no-s3] [--parallelism P]
                           [--batch-size B] [--no-policy]
        --events N           events preloaded into the topic (default 200000; 50000 with --quick)
        --quick              50,000 events, shorter baseline and latency runs, short JMH (about 10 minutes, 2.5 more with S3)
        --naive-seconds S    time box of the naive baseline (default 45; 15 with --quick)
        --latency-seconds S  duration of the fixed-rate latency run (default 20; 8 with --quick)
        --rate R             offered rate of the latency run, events/s (default 5000)
        --child-heap SIZE    -Xmx of the child JVM that runs the pipeline at full backlog (default 256m)
        --no-profile         no JFR-profiled pass
        --no-child           no child-JVM passes
        --no-mongo           no MongoDB rows (no stand-in)
        --no-s3              no S3 rows (no S3Mock); --s3 turns them back on
        --parallelism P, --batch-size B   pipeline settings (default: the library's defaults)
        --no-policy          pipeline runs without the column policy (to measure what it costs; not the issue's figures)""";

  static BenchOptions parse(String[] args) {
    Long events = null;
    boolean quick = false;
    Integer naive = null;
    Integer latency = null;
    int rate = 5000;
    String childHeap = "256m";
    boolean profile = true;
    boolean child = true;
    boolean mongo = true;
    boolean s3 = true;
    int parallelism = 0;
    int batchSize = 0;
    boolean policy = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> quick = true;
        case "--events" -> events = Long.parseLong(value(args, ++i, a));
        case "--naive-seconds" -> naive = Integer.parseInt(value(args, ++i, a));
        case "--latency-seconds" -> latency = Integer.parseInt(value(args, ++i, a));
        case "--rate" -> rate = Integer.parseInt(value(args, ++i, a));
        case "--child-heap" -> childHeap = value(args, ++i, a);
        case "--no-profile" -> profile = false;
        case "--no-child" -> child = false;
        case "--no-mongo" -> mongo = false;
        case "--no-s3" -> s3 = false;
        case "--s3" -> s3 = true;
        case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, a));
        case "--batch-size" -> batchSize = Integer.parseInt(value(args, ++i, a));
        case "--no-policy" -> policy = false;
        default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
      }
    }
    long n = events != null ? events : quick ? 50_000 : 200_000;
    if (n < 1_000) {
      throw new IllegalArgumentException("--events must be at least 1000, got " + n);
    }
    if (rate < 1 || rate > 100_000) {
      throw new IllegalArgumentException("--rate must be 1 to 100000, got " + rate);
    }
    return new BenchOptions(n, quick, Duration.ofSeconds(naive != null ? naive : quick ? 15 : 45),
        Duration.ofSeconds(latency != null ? latency : quick ? 8 : 20), rate, childHeap, profile, child, mongo, s3,
        new PipelineRun.Settings(parallelism, batchSize, policy));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }
}
