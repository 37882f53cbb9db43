package io.cdcaudit.benchmarks.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pauses a server JVM's unified GC log ({@code -Xlog:gc:file=...}) records while a run goes
 * on: the part of the log written since a mark. The Mongo stand-in keeps every document on its
 * heap, so its collector copies them; its pauses stop the server, which a real mongod does not do.
 */
final class GcLog {

  private static final Pattern PAUSE = Pattern.compile("Pause .* ([0-9.]+)ms$");
  private static final Pattern STALL = Pattern.compile("Allocation Stall .* ([0-9.]+)ms$");

  private final Path file;

  GcLog(Path file) {
    this.file = file;
  }

  /** Where the log ends now. */
  long mark() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Count, total and longest of the pauses logged since {@code mark}. */
  String pausesSince(long mark) {
    int count = 0;
    double total = 0;
    double max = 0;
    int stalls = 0;
    double stallMax = 0;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      f.seek(mark);
      byte[] bytes = new byte[(int) Math.max(0, f.length() - mark)];
      f.readFully(bytes);
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        Matcher stall = STALL.matcher(line.strip());
        if (stall.find()) {
          stalls++;
          stallMax = Math.max(stallMax, Double.parseDouble(stall.group(1)));
          continue;
        }
        Matcher m = PAUSE.matcher(line.strip());
        if (m.find()) {
          double ms = Double.parseDouble(m.group(1));
          count++;
          total += ms;
          max = Math.max(max, ms);
        }
      }
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return String.format(Locale.ROOT, "%d pauses, %.1f ms in all, longest %.1f ms; %d allocation stalls%s", count, total, max, stalls,
        stalls > 0 ? String.format(Locale.ROOT, ", longest %.0f ms", stallMax) : "");
  }
}
