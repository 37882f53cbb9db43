package io.cdcaudit.examples.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code cdc-audit} command line. One command so far, {@code decode}; see {@link DecodeCommand}
 * and {@code scripts/cdc-audit}, which builds the classpath and runs this class.
 *
 * <p>Exit codes: {@value #EXIT_OK} when the input was read (even if some lines did not decode),
 * {@value #EXIT_FAILED} when an input cannot be read (missing, a directory, not readable, or
 * failing midway), {@value #EXIT_USAGE} for a usage error, {@value #EXIT_LINE_ERRORS} with
 * {@code --strict} when a line did not decode.
 */
public final class CdcAuditCli {

  /** The input was read; per-line errors are reported in the output and counted on stderr. */
  public static final int EXIT_OK = 0;
  /** An input could not be read: missing, a directory, not readable, or failing midway. */
  public static final int EXIT_FAILED = 1;
  /** Unknown command or option, unknown format, a missing option value. */
  public static final int EXIT_USAGE = 2;
  /** With {@code --strict}: the input was read and at least one line did not decode. */
  public static final int EXIT_LINE_ERRORS = 3;

  static final String USAGE = String.join("\n",
      "usage: cdc-audit decode [--format maxwell|debezium|auto] [--keys FILE] [--strict]",
      "                        [--pk DATABASE.TABLE=COLUMN[,COLUMN...]]... [FILE|-]",
      "",
      "Decodes one Maxwell or Debezium JSON message per line of FILE (or standard input) and",
      "prints one JSON object per line: the decoded change, {\"line\":N,\"skipped\":\"tombstone|marker\"}",
      "or {\"line\":N,\"error\":\"...\"}. Lines are numbered from 1; blank lines count but print",
      "nothing; a line holding only null is a Debezium tombstone.",
      "",
      "  --format F   maxwell, debezium or auto (the default: tell them apart per line)",
      "  --keys FILE  record keys, one per line, paired with the input lines by number",
      "               (Debezium keys hold the primary key; Maxwell's Kafka keys are read too)",
      "  --pk T=C,..  the primary-key columns of table T, for events that do not say them",
      "               (Maxwell's default output); may be repeated",
      "  --strict     exit 3 when any line is an error (to check captures in CI)",
      "",
      "Exit status: 0 when the input was read (errors are counted on stderr), 1 when an input",
      "cannot be read (missing, a directory, not readable), 2 for a usage error, 3 with --strict",
      "when a line did not decode.");

  private CdcAuditCli() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(args, System.in, System.out, err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs the command line on the given streams, without exiting: the seam tests use.
   *
   * @return the exit status
   */
  public static int run(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
    List<String> arguments = Arrays.asList(args);
    if (arguments.isEmpty()) {
      stderr.println("cdc-audit: no command given");
      stderr.println(USAGE);
      return EXIT_USAGE;
    }
    String command = arguments.get(0);
    switch (command) {
      case "decode":
        return new DecodeCommand(stdin, stdout, stderr).run(arguments.subList(1, arguments.size()));
      case "help", "-h", "--help":
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        out.println(USAGE);
        return EXIT_OK;
      default:
        stderr.println("cdc-audit: unknown command '" + command + "'");
        stderr.println(USAGE);
        return EXIT_USAGE;
    }
  }
}
