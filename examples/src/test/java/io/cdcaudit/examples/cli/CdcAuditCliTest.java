package io.cdcaudit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cdc-audit decode")
class CdcAuditCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** One run of the command line, in process. */
  private record Run(int status, String stdout, String stderr) {

    List<JsonNode> lines() throws IOException {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : stdout.split("\n")) {
        if (!line.isEmpty()) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }

    JsonNode line(int number) throws IOException {
      for (JsonNode line : lines()) {
        if (line.get("line").asInt() == number) {
          return line;
        }
      }
      throw new AssertionError("no output for line " + number + " in\n" + stdout);
    }
  }

  private Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CdcAuditCli.run(args, new ByteArrayInputStream(stdin), out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run run(String... args) {
    return run(new byte[0], args);
  }

  private String fixture(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, Fixtures.text(name), StandardCharsets.UTF_8);
    return file.toString();
  }

  @Nested
  @DisplayName("on the captured fixtures")
  class OnFixtures {

    @Test
    @DisplayName("prints one object per Maxwell line, numbered from 1, and a summary on stderr")
    void maxwell() throws IOException {
      Run run = run("decode", "--format", "maxwell", fixture("maxwell.jsonl"));

      assertThat(run.status()).isZero();
      assertThat(run.lines()).hasSize(28);
      assertThat(run.lines().stream().map(l -> l.get("line").asInt()).toList())
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 28).boxed().toList());
      JsonNode update = run.line(9);
      assertThat(update.get("op").asText()).isEqualTo("update");
      assertThat(update.get("pk").toString()).isEqualTo("{\"id\":2}");
      assertThat(update.get("changed").toString()).isEqualTo("[\"status\",\"total\",\"note\"]");
      assertThat(update.get("before").get("total").decimalValue()).isEqualByComparingTo("250.00");
      assertThat(run.stdout()).contains("\"total\":250.00", "\"total\":245.50");
      assertThat(update.get("tx").asText()).isEqualTo("453");
      assertThat(update.get("committedAt").asText()).isEqualTo("2026-11-23T08:12:11Z");
      assertThat(update.get("statement").isNull()).isTrue();
      assertThat(update.get("id").asText()).matches("[0-9a-f]{32}");
      assertThat(run.line(1).get("op").asText()).isEqualTo("schema_change");
      assertThat(run.line(23).toString()).isEqualTo("{\"line\":23,\"skipped\":\"marker\"}");
      assertThat(run.stderr()).contains("28 lines, 26 changes, 2 skipped, 0 errors");
    }

    @Test
    @DisplayName("pairs Debezium keys with values by line number, and prints tombstones as skipped")
    void debeziumWithKeys() throws IOException {
      Run run = run("decode", "--format", "debezium", "--keys", fixture("debezium-keys.jsonl"), fixture("debezium.jsonl"));

      assertThat(run.status()).isZero();
      assertThat(run.lines()).hasSize(32);
      assertThat(run.line(19).get("after").get("full_name").asText()).isEqualTo("Björn Ørsted");
      assertThat(run.line(19).get("before").get("full_name").isNull()).isTrue();
      assertThat(run.line(19).get("tx").asText()).isEqualTo("0-1-65");
      assertThat(run.line(29).get("pk").toString()).isEqualTo("{\"code\":\"SPRING10\"}");
      assertThat(run.line(24).toString()).isEqualTo("{\"line\":24,\"skipped\":\"tombstone\"}");
      assertThat(run.stderr()).contains("32 lines, 30 changes, 2 skipped, 0 errors");
    }

    @Test
    @DisplayName("finds Maxwell default-output keys only when --pk names them")
    void maxwellDefaultWithPk() throws IOException {
      String file = fixture("maxwell-default.jsonl");

      Run without = run("decode", file);
      Run with = run("decode", "--pk", "storefront.orders=id", "--pk=storefront.customers=id", file);

      assertThat(without.line(3).get("pk").isNull()).isTrue();
      assertThat(with.line(3).get("pk").toString()).isEqualTo("{\"id\":1}");
      assertThat(with.line(1).get("pk").toString()).isEqualTo("{\"id\":1}");
      assertThat(with.line(15).get("pk").isNull()).as("promo_codes was not named").isTrue();
    }

    @Test
    @DisplayName("tells Maxwell and Debezium lines apart in one input with --format auto")
    void autoOnMixedInput() throws IOException {
      String mixed = Fixtures.lines("maxwell.jsonl").get(8) + "\n" + Fixtures.lines("debezium.jsonl").get(17) + "\n";

      Run run = run(mixed.getBytes(StandardCharsets.UTF_8), "decode", "-");

      assertThat(run.line(1).get("tx").asText()).isEqualTo("453");
      assertThat(run.line(2).get("tx").asText()).isEqualTo("0-1-64");
      assertThat(run.line(2).get("changed").toString()).isEqualTo("[\"status\",\"total\",\"note\"]");
    }
  }

  @Nested
  @DisplayName("on bad input")
  class BadInput {

    @Test
    @DisplayName("reports each bad line, keeps blank lines in the numbering, and still exits 0")
    void badLines() throws IOException {
      byte[] input = String.join("\n",
          "garbage",
          "",
          "{\"database\":\"shop\",\"type\":\"insert\"}",
          "null",
          "   ",
          "{\"type\":\"upsert\",\"database\":\"shop\",\"table\":\"t\"}").getBytes(StandardCharsets.UTF_8);

      Run run = run(input, "decode");

      assertThat(run.status()).isZero();
      assertThat(run.lines()).hasSize(4);
      assertThat(run.line(1).get("error").asText()).startsWith("auto: the message is not JSON");
      assertThat(run.line(3).get("error").asText()).isEqualTo("maxwell: $.table is missing");
      assertThat(run.line(4).toString()).isEqualTo("{\"line\":4,\"skipped\":\"tombstone\"}");
      assertThat(run.line(6).get("error").asText()).isEqualTo("maxwell: $.type 'upsert' is not a Maxwell event type");
      assertThat(run.stderr()).contains("6 lines, 0 changes, 1 skipped, 3 errors");
    }

    @Test
    @DisplayName("reads CRLF line ends, and reports bytes that are not UTF-8 as an error of their line")
    void lineEndsAndEncoding() throws IOException {
      String maxwell = Fixtures.lines("maxwell-default.jsonl").get(0);
      ByteArrayOutputStream input = new ByteArrayOutputStream();
      input.writeBytes((maxwell + "\r\n").getBytes(StandardCharsets.UTF_8));
      input.writeBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'});

      Run run = run(input.toByteArray(), "decode", "--format", "maxwell");

      assertThat(run.line(1).get("op").asText()).isEqualTo("insert");
      assertThat(run.line(2).get("error").asText()).startsWith("maxwell: the message is not JSON");
      assertThat(run.stderr()).contains("2 lines, 1 change, 0 skipped, 1 error");
    }
  }

  @Nested
  @DisplayName("on usage errors, exits 2 with the usage on stderr")
  class Usage {

    @Test
    @DisplayName("for an unknown option, format, command or option value")
    void usageErrors() {
      List<String[]> wrong = List.of(
          new String[] {"decode", "--verbose"},
          new String[] {"decode", "-v"},
          new String[] {"decode", "--format", "canal"},
          new String[] {"decode", "--format"},
          new String[] {"decode", "--pk", "orders"},
          new String[] {"decode", "-", "-"},
          new String[] {"encode"},
          new String[] {});

      for (String[] args : wrong) {
        Run run = run(args);
        assertThat(run.status()).as("exit status of %s", List.of(args)).isEqualTo(2);
        assertThat(run.stderr()).as("stderr of %s", List.of(args)).contains("usage: cdc-audit decode");
        assertThat(run.stdout()).as("stdout of %s", List.of(args)).isEmpty();
      }
      assertThat(run("decode", "--format", "canal").stderr())
          .startsWith("cdc-audit decode: unknown format 'canal'; expected maxwell, debezium or auto");
    }

    @Test
    @DisplayName("but prints the usage on stdout and exits 0 when asked for help")
    void help() {
      Run run = run("decode", "--help");

      assertThat(run.status()).isZero();
      assertThat(run.stdout()).contains("usage: cdc-audit decode", "--keys FILE");
    }
  }

  @Nested
  @DisplayName("on an input it cannot read, exits 1 naming it, without the usage")
  class Unreadable {

    @Test
    @DisplayName("a missing input or keys file")
    void missing() {
      Run input = run("decode", dir.resolve("missing.jsonl").toString());
      assertThat(input.status()).isEqualTo(1);
      assertThat(input.stderr()).isEqualTo("cdc-audit decode: no such input file: " + dir.resolve("missing.jsonl")
          + System.lineSeparator());
      Run keys = run("decode", "--keys", dir.resolve("missing-keys.jsonl").toString(), "-");
      assertThat(keys.status()).isEqualTo(1);
      assertThat(keys.stderr()).startsWith("cdc-audit decode: no such keys file: ").doesNotContain("usage:");
    }

    @Test
    @DisplayName("a directory, named as a directory")
    void directory() {
      Run run = run("decode", dir.toString());
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.stderr()).startsWith("cdc-audit decode: input file " + dir + " is a directory, not a file")
          .doesNotContain("usage:");
      assertThat(run.stdout()).isEmpty();
    }
  }

  @Test
  @DisplayName("with --strict, exits 3 when a line did not decode, 0 when every line did")
  void strict() throws java.io.IOException {
    java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.jsonl"), "hello world\n");
    java.nio.file.Path empty = java.nio.file.Files.writeString(dir.resolve("empty.jsonl"), "");
    assertThat(run("decode", "--strict", bad.toString()).status()).isEqualTo(3);
    assertThat(run("decode", bad.toString()).status()).isZero();
    assertThat(run("decode", "--strict", empty.toString()).status()).isZero();
  }
}
