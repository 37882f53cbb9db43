package io.cdcaudit.testservers.internal;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The settings of the AWS SDK clients that the emulators' launchers and helpers build: static dummy credentials and
 * {@value #REGION} (nothing read from the environment or {@code ~/.aws}), the Apache 5 HTTP client with a 5 s connect
 * and a 30 s socket timeout, an endpoint on the emulator's loopback port.
 */
public final class AwsClients {

  /** The region of every client, and the emulators' default region. */
  public static final String REGION = "us-east-1";
  /** The access key of every client: not a 12-digit account id, so kinesis-mock files it under its default account. */
  public static final String ACCESS_KEY = "test-key";
  /** The secret key of every client; neither emulator checks signatures. */
  public static final String SECRET_KEY = "test-secret";

  /** For readiness checks: a call given up after 2 s. */
  public static final Consumer<AwsRequestOverrideConfiguration.Builder> QUICK_CALL =
      o -> o.apiCallTimeout(Duration.ofSeconds(2));

  private AwsClients() {
  }

  /** Whether the emulator on loopback {@code port} accepts connections and answers {@code call} without an SDK error. */
  public static boolean answers(int port, Runnable call) {
    if (!Ports.accepts(port)) {
      return false;
    }
    try {
      call.run();
      return true;
    } catch (SdkException e) {
      return false;
    }
  }

  /** Builds a sync client with these settings against {@code endpoint}. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        // a builder, not a built client: the SDK closes the HTTP client it built with the service client (it never
        // closes one it was handed), so no kept-alive connection outlives close()
        .httpClientBuilder(Apache5HttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30)))
        .build();
  }
}
