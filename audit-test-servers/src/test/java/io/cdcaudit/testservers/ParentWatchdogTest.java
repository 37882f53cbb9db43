package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.JavaCommand;
import io.cdcaudit.testservers.runner.ParentWatchdog;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The child JVMs exit when the test JVM is gone, even when it could not run its shutdown hooks. */
class ParentWatchdogTest {

  /** A main that would run for ten minutes. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
  }

  @Test
  void a_child_exits_when_its_standard_input_closes() throws Exception {
    List<String> command = new ArrayList<>(List.of(JavaCommand.java(), "-XX:TieredStopAtLevel=1", "-cp",
        JavaCommand.ownClasses() + File.pathSeparator + System.getProperty("java.class.path"),
        ParentWatchdog.class.getName(), Sleeper.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      assertThat(child.waitFor(1, TimeUnit.SECONDS)).as("still running while stdin is open").isFalse();

      child.getOutputStream().close(); // what the OS does when the parent dies

      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
      assertThat(new String(child.getInputStream().readAllBytes())).contains("parent test JVM is gone");
    } finally {
      child.destroyForcibly();
    }
  }
}
