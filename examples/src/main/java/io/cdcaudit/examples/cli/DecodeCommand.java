package io.cdcaudit.examples.cli;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cdc-audit decode}: decodes one message per input line and prints one JSON object per
 * line. See {@link CdcAuditCli#USAGE} for the options.
 *
 * <ul>
 *   <li>Lines are numbered from 1. A blank line counts but prints nothing (so numbers still match
 *       the file). A line holding only {@code null} is a Debezium tombstone.
 *   <li>With {@code --keys FILE}, line N of FILE is the record key of input line N; a blank or
 *       {@code null} key line, or a missing one, means no key.
 *   <li>A summary goes to stderr: lines read, changes, skipped messages, errors.
 * </ul>
 */
final class DecodeCommand {

  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintStream stderr;

  DecodeCommand(InputStream stdin, OutputStream stdout, PrintStream stderr) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs the command with the arguments after {@code decode}; returns the exit status. */
  int run(List<String> args) {
    DecodeOptions options;
    try {
      options = DecodeOptions.parse(args);
    } catch (UsageException e) {
      stderr.println("cdc-audit decode: " + e.getMessage());
      stderr.println(CdcAuditCli.USAGE);
      return CdcAuditCli.EXIT_USAGE;
    } catch (UnreadableInputException e) {
      stderr.println("cdc-audit decode: " + e.getMessage());
      return CdcAuditCli.EXIT_FAILED;
    }
    if (options.help()) {
      return CdcAuditCli.run(new String[] {"help"}, stdin, stdout, stderr);
    }
    try {
      Counts counts = decode(options);
      stderr.println("cdc-audit decode: " + counts);
      return options.strict() && counts.errors > 0 ? CdcAuditCli.EXIT_LINE_ERRORS : CdcAuditCli.EXIT_OK;
    } catch (IOException e) {
      stderr.println("cdc-audit decode: cannot read " + options.inputName() + ": " + e.getMessage());
      return CdcAuditCli.EXIT_FAILED;
    }
  }

  private Counts decode(DecodeOptions options) throws IOException {
    ChangeDecoder decoder = options.decoder();
    List<byte[]> keys = options.keys() == null ? List.of() : readKeys(options);
    SourcePartition partition = SourcePartition.ordered(options.inputName(), "");
    Counts counts = new Counts();
    InputStream in = options.input() == null ? stdin : Files.newInputStream(options.input());
    try (DecodedLinePrinter printer = new DecodedLinePrinter(stdout)) {
      ByteLines lines = new ByteLines(new BufferedInputStream(in, 64 * 1024));
      int number = 0;
      for (byte[] line = lines.next(); line != null; line = lines.next()) {
        number++;
        counts.lines++;
        if (ByteLines.isBlank(line)) {
          continue;
        }
        SourceMessage message = SourceMessage.builder(new MessageCoordinates(partition, Integer.toString(number)))
            .key(number <= keys.size() ? keys.get(number - 1) : null)
            .value(line)
            .build();
        try {
          Decoded decoded = decoder.decode(message);
          if (decoded instanceof Decoded.Change change) {
            counts.changes++;
            printer.change(number, change.event());
          } else {
            counts.skipped++;
            printer.skipped(number, (Decoded.Skipped) decoded);
          }
        } catch (DecodeException e) {
          counts.errors++;
          printer.error(number, e.getMessage());
        }
      }
    } finally {
      if (options.input() != null) {
        in.close(); // standard input belongs to the caller
      }
    }
    return counts;
  }

  private static List<byte[]> readKeys(DecodeOptions options) throws IOException {
    List<byte[]> keys = new ArrayList<>();
    try (InputStream in = Files.newInputStream(options.keys())) {
      ByteLines lines = new ByteLines(new BufferedInputStream(in));
      for (byte[] line = lines.next(); line != null; line = lines.next()) {
        boolean none = ByteLines.isBlank(line) || new String(line, java.nio.charset.StandardCharsets.UTF_8).trim().equals("null");
        keys.add(none ? null : line);
      }
    }
    return keys;
  }

  /** What a run saw. */
  private static final class Counts {
    int lines;
    int changes;
    int skipped;
    int errors;

    @Override
    public String toString() {
      return count(lines, "line") + ", " + count(changes, "change") + ", " + skipped + " skipped, "
          + count(errors, "error");
    }

    private static String count(int n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }
  }
}
