package io.cdcaudit.examples.cli;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.codec.DebeziumDecoder;
import io.cdcaudit.codec.MaxwellDecoder;
import io.cdcaudit.decode.ChangeDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code cdc-audit decode}, parsed and checked.
 *
 * @param format {@code maxwell}, {@code debezium} or {@code auto}
 * @param input the file to read, or {@code null} for standard input
 * @param keys the file of record keys, or {@code null}
 * @param primaryKeys key columns per {@code database.table}
 * @param help whether the usage was asked for
 * @param strict whether a line that does not decode fails the run ({@code --strict})
 */
record DecodeOptions(String format, Path input, Path keys, Map<String, List<String>> primaryKeys, boolean help,
    boolean strict) {

  private static final List<String> FORMATS = List.of("maxwell", "debezium", "auto");

  /**
   * Parses the arguments after {@code decode}.
   *
   * @throws UsageException for an unknown option, a missing or unknown option value, or a second
   *     input file
   * @throws UnreadableInputException for an input or keys file that is missing, a directory, or
   *     not readable
   */
  static DecodeOptions parse(List<String> args) throws UsageException, UnreadableInputException {
    String format = "auto";
    Path input = null;
    Path keys = null;
    Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
    boolean inputGiven = false;
    boolean strict = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!optionsEnded && arg.startsWith("--") && arg.length() > 2) {
        String name = arg;
        String value = null;
        int equals = arg.indexOf('=');
        if (equals > 0) {
          name = arg.substring(0, equals);
          value = arg.substring(equals + 1);
        }
        switch (name) {
          case "--help" -> {
            return new DecodeOptions(format, null, null, Map.of(), true, false);
          }
          case "--format" -> {
            value = value != null ? value : valueOf(args, ++i, name);
            if (!FORMATS.contains(value)) {
              throw new UsageException("unknown format '" + value + "'; expected maxwell, debezium or auto");
            }
            format = value;
          }
          case "--keys" -> keys = existingFile(value != null ? value : valueOf(args, ++i, name), "keys file");
          case "--strict" -> strict = true;
          case "--pk" -> addPrimaryKey(primaryKeys, value != null ? value : valueOf(args, ++i, name));
          default -> throw new UsageException("unknown option '" + name + "'");
        }
      } else if (!optionsEnded && arg.equals("--")) {
        optionsEnded = true;
      } else if (!optionsEnded && arg.equals("-h")) {
        return new DecodeOptions(format, null, null, Map.of(), true, false);
      } else if (!optionsEnded && arg.startsWith("-") && !arg.equals("-")) {
        throw new UsageException("unknown option '" + arg + "'");
      } else {
        if (inputGiven) {
          throw new UsageException("only one input file may be given, got '" + arg + "' as well");
        }
        inputGiven = true;
        input = arg.equals("-") ? null : existingFile(arg, "input file");
      }
    }
    return new DecodeOptions(format, input, keys, Map.copyOf(primaryKeys), false, strict);
  }

  /** The decoder these options ask for. */
  ChangeDecoder decoder() {
    MaxwellDecoder.Builder maxwell = MaxwellDecoder.builder().primaryKeys(primaryKeys);
    DebeziumDecoder.Builder debezium = DebeziumDecoder.builder().primaryKeys(primaryKeys);
    return switch (format) {
      case "maxwell" -> maxwell.build();
      case "debezium" -> debezium.build();
      default -> ChangeDecoders.auto(maxwell.build(), debezium.build());
    };
  }

  /** The name of the input for messages: the file name, or {@code stdin}. */
  String inputName() {
    return input == null ? "stdin" : input.toString();
  }

  private static String valueOf(List<String> args, int index, String option) throws UsageException {
    if (index >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(index);
  }

  private static Path existingFile(String name, String what) throws UnreadableInputException {
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new UnreadableInputException(what + " " + name + " is a directory, not a file");
    }
    if (!Files.exists(path)) {
      throw new UnreadableInputException("no such " + what + ": " + name);
    }
    if (!Files.isReadable(path)) { // a pipe or /dev/stdin is fine: only what cannot be read is refused
      throw new UnreadableInputException("cannot read " + what + " " + name + ": permission denied");
    }
    return path;
  }

  private static void addPrimaryKey(Map<String, List<String>> keys, String spec) throws UsageException {
    int equals = spec.indexOf('=');
    if (equals <= 0 || equals == spec.length() - 1) {
      throw new UsageException("--pk expects DATABASE.TABLE=COLUMN[,COLUMN...], got '" + spec + "'");
    }
    String table = spec.substring(0, equals);
    List<String> columns = new ArrayList<>(List.of(spec.substring(equals + 1).split(",", -1)));
    try {
      // Validate as the decoders will, so that a bad --pk is a usage error rather than a crash.
      MaxwellDecoder.builder().primaryKey(table, columns.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--pk " + spec + ": " + e.getMessage().replace("MaxwellDecoder.primaryKey: ", ""));
    }
    keys.put(table, List.copyOf(columns));
  }
}
