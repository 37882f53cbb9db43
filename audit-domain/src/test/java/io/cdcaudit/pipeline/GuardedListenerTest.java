package io.cdcaudit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.pipeline.PipelineDoubles.HeardListener;
import io.cdcaudit.pipeline.PipelineHealth.State;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GuardedListener")
class GuardedListenerTest {

  @Test
  @DisplayName("passes every call on to the listener")
  void forwards() {
    HeardListener heard = new HeardListener();
    GuardedListener guarded = new GuardedListener(heard, new PipelineLog("test"));

    guarded.onStored(List.of(), Duration.ZERO);
    guarded.onSkipped(2);
    guarded.onDeadLettered(1);
    guarded.onAcknowledged(3);
    guarded.onRetry(RetriedOperation.SOURCE, 1, new IllegalStateException(), Duration.ofMillis(5));
    guarded.onStateChange(State.NEW, State.RUNNING);
    guarded.onStoredWithoutKey(TableRef.of("shop", "logs"));

    assertThat(heard.heard).containsExactly("stored 0", "skipped 2", "dead-lettered 1", "acknowledged 3",
        "retry source 1", "NEW -> RUNNING", "without key shop.logs");
  }

  @Test
  @DisplayName("overrides every method of PipelineListener, so that none falls through to the no-op default")
  void overridesEveryMethod() {
    List<String> missing = Arrays.stream(PipelineListener.class.getDeclaredMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !declares(GuardedListener.class, m))
        .map(Method::getName)
        .toList();
    assertThat(missing).isEmpty();
  }

  private static boolean declares(Class<?> type, Method method) {
    try {
      type.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Test
  @DisplayName("a listener that throws never breaks the caller; its 1st, 2nd, 4th, 8th failure is logged with the error")
  void throwingListenerIsLoggedRateLimited() {
    PipelineListener broken = new PipelineListener() {
      @Override
      public void onSkipped(int count) {
        throw new IllegalStateException("metrics backend down");
      }

      @Override
      public String toString() {
        return "BrokenListener";
      }
    };
    GuardedListener guarded = new GuardedListener(broken, new PipelineLog("orders-audit"));

    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 10; i++) {
        assertThatCode(() -> guarded.onSkipped(1)).doesNotThrowAnyException();
      }

      List<LogRecord> ours = log.records.stream().filter(r -> r.getMessage().startsWith("pipeline 'orders-audit'")).toList();
      assertThat(ours).extracting(LogRecord::getMessage).containsExactly(
          "pipeline 'orders-audit': the listener BrokenListener threw (1 time); the pipeline goes on",
          "pipeline 'orders-audit': the listener BrokenListener threw (2 times); the pipeline goes on",
          "pipeline 'orders-audit': the listener BrokenListener threw (4 times); the pipeline goes on",
          "pipeline 'orders-audit': the listener BrokenListener threw (8 times); the pipeline goes on");
      assertThat(ours).allSatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getThrown()).hasMessage("metrics backend down");
      });
    }
  }
}
