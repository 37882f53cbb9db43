package io.cdcaudit.testservers.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A log file a child process appends to. {@link #scanner()} reads only what was written after it was created (so a
 * restart that appends to the same file is judged by its own lines); {@link #tail(int)} gives the last lines.
 */
public final class LogFile {

  private final Path path;

  public LogFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  public long size() {
    try {
      return Files.exists(path) ? Files.size(path) : 0L;
    } catch (IOException e) {
      return 0L;
    }
  }

  /** A scanner over the lines written from now on. */
  public Scanner scanner() {
    return new Scanner(size());
  }

  /** The last {@code lines} lines of the file (all of it when shorter), or a note that there is none. */
  public String tail(int lines) {
    if (!Files.exists(path)) {
      return "(no log file " + path + ")";
    }
    Deque<String> last = new ArrayDeque<>(lines);
    try {
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        if (last.size() == lines) {
          last.removeFirst();
        }
        last.addLast(line);
      }
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + path + ": " + e + ")";
    }
    return String.join(System.lineSeparator(), last);
  }

  /** Reads complete lines appended since the last call. */
  public final class Scanner {

    private final long start;
    private long position;
    private final StringBuilder partial = new StringBuilder();
    private boolean matched;

    private Scanner(long start) {
      this.start = start;
      this.position = start;
    }

    /** True once any line since the scanner's start matched; reads what is new. */
    public boolean found(Predicate<String> line) {
      if (matched) {
        return true;
      }
      for (String each : newLines()) {
        if (line.test(each)) {
          matched = true;
        }
      }
      return matched;
    }

    /** True when any line since the scanner's start contains {@code text}: rereads the whole range. */
    public boolean contains(String text) {
      return new Scanner(start).found(l -> l.contains(text));
    }

    List<String> newLines() {
      if (!Files.exists(path)) {
        return List.of();
      }
      try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
        long length = file.length();
        if (length < position) { // truncated: start over
          position = 0;
          partial.setLength(0);
        }
        if (length == position) {
          return List.of();
        }
        byte[] bytes = new byte[(int) Math.min(length - position, 16 * 1024 * 1024)];
        file.seek(position);
        file.readFully(bytes);
        position += bytes.length;
        partial.append(new String(bytes, StandardCharsets.UTF_8));
        int lastNewline = partial.lastIndexOf("\n");
        if (lastNewline < 0) {
          return List.of();
        }
        String complete = partial.substring(0, lastNewline);
        partial.delete(0, lastNewline + 1);
        return complete.lines().toList();
      } catch (IOException e) {
        return List.of();
      }
    }
  }
}
