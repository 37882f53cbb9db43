package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An influxd and a QuestDB of their own: this test stops, restarts and kills them. */
class InfluxServerTest {

  @Test
  void influxd_serves_the_v1_api_on_loopback_keeps_data_over_a_restart_and_stops_and_dies() throws Exception {
    long started = System.nanoTime();
    InfluxServer influx = InfluxServer.start();
    Path dir = influx.logFile().getParent().resolve("influxd-" + influx.port());
    try {
      System.err.printf("influxd %s ready in %.1f s on %s, RSS %s%n", influx.version(),
          (System.nanoTime() - started) / 1e9, influx.url(), rss(influx.process().pid()));
      assertThat(influx.version()).startsWith("1.6.7");
      assertThat(ListeningSockets.addressesOf(influx.port())).isEqualTo(Set.of("127.0.0.1"));
      influx.query("CREATE DATABASE t");
      assertThat(post(influx.url() + "/write?db=t&precision=ns", "m,k=a f=1i 1700000000000000000")).isEqualTo(204);
      assertThat(post(influx.url() + "/api/v2/write?bucket=t&precision=ns", "m,k=a f=2i 1700000000000000001"))
          .as("1.6.7 has no v2 write API").isEqualTo(404);
      assertThat(influx.query("SELECT f FROM m", "t")).contains("[1700000000000000000,1]");

      int port = influx.port();
      influx.stop();
      assertThat(Ports.accepts(port)).as("port %d after stop", port).isFalse();
      influx.restart();
      assertThat(influx.query("SELECT f FROM m", "t")).as("after a restart").contains("[1700000000000000000,1]");
      influx.kill();
      assertThat(influx.isRunning()).isFalse();
      assertThat(Ports.accepts(port)).as("port %d after kill", port).isFalse();
    } finally {
      influx.close();
    }
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void questdb_takes_v2_line_protocol_and_answers_sql() throws Exception {
    long started = System.nanoTime();
    QuestDbServer quest = QuestDbServer.start();
    try {
      System.err.printf("QuestDB ready in %.1f s on %s, RSS %s%n", (System.nanoTime() - started) / 1e9, quest.url(),
          rss(quest.process().pid()));
      assertThat(ListeningSockets.addressesOf(quest.port())).isEqualTo(Set.of("127.0.0.1"));
      assertThat(post(quest.url() + "/api/v2/write?bucket=any&org=-&precision=ns",
          "m,tag1=a f1=1i,f2=\"x\" 1700000000000000000")).isEqualTo(204);
      long deadline = System.nanoTime() + 30_000_000_000L;
      String answer = quest.exec("SELECT tag1, f1, f2 FROM m");
      while (!answer.contains("\"dataset\":[[\"a\",1,\"x\"]]") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        answer = quest.exec("SELECT tag1, f1, f2 FROM m");
      }
      assertThat(answer).contains("\"dataset\":[[\"a\",1,\"x\"]]");
    } finally {
      quest.close();
    }
  }

  private static int post(String url, String body) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String rss(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
  }
}
