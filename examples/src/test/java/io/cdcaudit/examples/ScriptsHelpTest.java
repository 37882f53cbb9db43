package io.cdcaudit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scripts answer --help at once: usage on stdout, exit 0, nothing built or installed first. */
class ScriptsHelpTest {

  private static final Path SCRIPTS = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts");

  private record Result(int status, String stdout, String stderr) {}

  private static Result run(String script, String argument) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", SCRIPTS.resolve(script).toString(), argument)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    // A guard, not a timing assertion: a script that started building would take minutes.
    boolean finished = process.waitFor(20, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as(script + " " + argument + " finished without building first").isTrue();
    return new Result(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "scripts/{0} {1}")
  @CsvSource({"demo, --help", "demo, -h", "bench, --help", "bench, -h"})
  void helpPrintsUsage(String script, String argument) throws Exception {
    assertThat(Files.isRegularFile(SCRIPTS.resolve(script))).as("scripts/" + script).isTrue();
    Result result = run(script, argument);
    assertThat(result.status()).isZero();
    assertThat(result.stdout()).startsWith("usage: scripts/" + script).contains("-h, --help")
        .doesNotContain("set -euo pipefail").doesNotContain("issue 9").doesNotContain("see --help");
    assertThat(result.stderr()).isEmpty();
  }

  @ParameterizedTest(name = "scripts/demo {0}")
  @CsvSource({"--bogus", "--producer=canal", "--store=gcs"})
  void demoRefusesUnknownOptions(String argument) throws Exception {
    Result result = run("demo", argument);
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("demo: ").contains("usage: scripts/demo");
  }

  @ParameterizedTest(name = "scripts/demo {0}")
  @CsvSource({"--store=gcs, '--store must be mongo, s3 or influx, got ''gcs'''",
      "--source=sqs, '--source must be kafka or kinesis, got ''sqs'''"})
  void demoNamesTheOptionAndTheWrongValue(String argument, String message) throws Exception {
    Result result = run("demo", argument);
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("demo: " + message);
  }
}
