package io.cdcaudit.examples.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's command line, as scripts/demo checks it too: {@code --producer}, {@code --source} and {@code --store},
 * each as {@code --option value} or {@code --option=value}, each with its default.
 */
record DemoOptions(String producer, String source, String store) {

  static final String USAGE =
      "usage: scripts/demo [--producer maxwell|debezium] [--source kafka|kinesis] [--store mongo|s3|influx]";

  /** Each option's values, the default first. */
  private static final Map<String, List<String>> CHOICES = Map.of(
      "--producer", List.of("maxwell", "debezium"),
      "--source", List.of("kafka", "kinesis"),
      "--store", DemoStore.CHOICES);

  /**
   * Reads {@code args}.
   *
   * @throws IllegalArgumentException naming the option and the value when one is unknown or wrong
   */
  static DemoOptions parse(String[] args) {
    Map<String, String> chosen = new LinkedHashMap<>();
    CHOICES.forEach((option, values) -> chosen.put(option, values.get(0)));
    for (int i = 0; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      String option = equals < 0 ? args[i] : args[i].substring(0, equals);
      List<String> values = CHOICES.get(option);
      if (values == null) {
        throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
      String value = equals >= 0 ? args[i].substring(equals + 1) : ++i < args.length ? args[i] : "";
      if (!values.contains(value)) {
        throw new IllegalArgumentException(option + " must be " + String.join(", ", values.subList(0,
            values.size() - 1)) + " or " + values.get(values.size() - 1) + ", got '" + value + "'");
      }
      chosen.put(option, value);
    }
    DemoOptions options = new DemoOptions(chosen.get("--producer"), chosen.get("--source"), chosen.get("--store"));
    if (options.source().equals("kinesis") && options.producer().equals("debezium")) {
      throw new IllegalArgumentException("--source kinesis runs with --producer maxwell: Maxwell has a Kinesis producer"
          + " of its own, Debezium's is Debezium Server, which the demo does not run");
    }
    return options;
  }
}
