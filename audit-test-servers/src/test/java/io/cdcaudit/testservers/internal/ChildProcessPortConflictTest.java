package io.cdcaudit.testservers.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The log lines by which each server here says a port was taken, so that its start is retried on other ports. */
class ChildProcessPortConflictTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "java.net.BindException: Address already in use",
      "run: open server: open service: listen tcp 127.0.0.1:8088: bind: address already in use",
      "Error: listen EADDRINUSE: address already in use 127.0.0.1:4567",
      "2026-12-04T20:47:17Z E i.q.c.h.HttpServer [98] could not bind socket [who=http-server, bindTo=127.0.0.1:9000]"})
  void portConflicts(String line) {
    assertThat(ChildProcess.saysPortTaken(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Listening on HTTP: 127.0.0.1:8086", "ready for connections"})
  void otherLines(String line) {
    assertThat(ChildProcess.saysPortTaken(line)).isFalse();
  }
}
