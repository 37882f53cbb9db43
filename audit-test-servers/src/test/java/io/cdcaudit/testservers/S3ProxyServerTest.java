package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.Ports;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An S3Proxy of its own: this test stops, restarts and kills it. */
class S3ProxyServerTest {

  @Test
  void serves_s3_on_loopback_only_refuses_an_existing_key_for_if_none_match_and_stops_and_dies() throws IOException {
    long started = System.nanoTime();
    S3ProxyServer s3 = S3ProxyServer.start();
    try {
      System.err.printf("S3Proxy ready in %.1f s on %s, RSS %s%n", (System.nanoTime() - started) / 1e9,
          s3.endpoint(), rss(s3.process().pid()));
      assertThat(s3.endpoint().toString()).isEqualTo("http://127.0.0.1:" + s3.port());
      assertThat(ListeningSockets.addressesOf(s3.port())).isEqualTo(Set.of("127.0.0.1"));

      String bucket = S3Buckets.createUnique(s3, "audit");
      try (S3Client client = S3Buckets.client(s3)) {
        client.putObject(r -> r.bucket(bucket).key("a/1.json"), RequestBody.fromString("{\"id\":1}"));
        assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key("a/1.json")).asUtf8String())
            .isEqualTo("{\"id\":1}");
        assertThatThrownBy(() -> client.putObject(r -> r.bucket(bucket).key("a/1.json").ifNoneMatch("*"),
            RequestBody.fromString("{\"id\":2}")))
            .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
      }

      int port = s3.port();
      s3.stop();
      assertThat(Ports.accepts(port)).as("port %d after stop", port).isFalse();
      s3.restart();
      try (S3Client client = S3Buckets.client(s3)) {
        assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key("a/1.json")).asUtf8String())
            .as("the object after a restart").isEqualTo("{\"id\":1}");
      }
      s3.kill();
      assertThat(s3.isRunning()).isFalse();
      assertThat(Ports.accepts(port)).as("port %d after kill", port).isFalse();
    } finally {
      s3.close();
    }
    assertThat(Files.exists(s3.dataDir())).isFalse();
  }

  private static String rss(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
  }
}
