package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.AwsClients;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 client helpers for an {@link S3MockServer} or an {@link S3ProxyServer}: a client with the test settings, and a
 * bucket of a test's own. Needs the AWS SDK's {@code s3} and {@code apache5-client}.
 */
public final class S3Buckets {

  private S3Buckets() {
  }

  /**
   * A new sync client of {@code server}'s plain HTTP endpoint, which the caller closes: path-style access, the Apache
   * 5 HTTP client (5 s connect, 30 s socket timeout), region {@code us-east-1}, static dummy credentials (nothing read
   * from the environment).
   */
  public static S3Client client(S3MockServer server) {
    return client(server.endpoint());
  }

  /** A new sync client of {@code server}'s endpoint, which the caller closes: as {@link #client(S3MockServer)}. */
  public static S3Client client(S3ProxyServer server) {
    return client(server.endpoint());
  }

  /**
   * A new sync client of {@code server}'s endpoint with the test settings, and the caller's on top (an execution
   * interceptor that counts requests, say), which the caller closes.
   */
  public static S3Client client(S3MockServer server, Consumer<S3ClientBuilder> settings) {
    S3ClientBuilder builder = S3Client.builder().forcePathStyle(true);
    settings.accept(builder);
    return AwsClients.build(builder, server.endpoint());
  }

  private static S3Client client(URI endpoint) {
    return AwsClients.build(S3Client.builder().forcePathStyle(true), endpoint);
  }

  /** Creates a bucket {@code <prefix>-<8 hex>} (lower case, as bucket names must be) and returns its name. */
  public static String createUnique(S3MockServer server, String prefix) {
    return create(server.endpoint(), prefix, false);
  }

  /** Creates a bucket {@code <prefix>-<8 hex>} (lower case) on {@code server} and returns its name. */
  public static String createUnique(S3ProxyServer server, String prefix) {
    return create(server.endpoint(), prefix, false);
  }

  /**
   * Creates a bucket {@code <prefix>-<8 hex>} with object lock enabled and returns its name. S3Mock does not turn
   * versioning on for it (S3 does): enable it with {@code putBucketVersioning} where a test needs versions.
   */
  public static String createUniqueWithObjectLock(S3MockServer server, String prefix) {
    return create(server.endpoint(), prefix, true);
  }

  private static String create(URI endpoint, String prefix, boolean objectLock) {
    String name = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (S3Client client = client(endpoint)) {
      client.createBucket(r -> r.bucket(name).objectLockEnabledForBucket(objectLock));
    }
    return name;
  }
}
