package io.cdcaudit.sqs.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An SQS queue URL ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}) and what it tells:
 * the queue name, and whether the queue is FIFO. SQS requires a FIFO queue's name to end in
 * {@code .fifo} and forbids that ending for a standard queue, so the name alone decides.
 *
 * @param url the URL as given
 * @param name the last path segment
 * @param fifo whether the name ends in {@code .fifo}
 */
public record QueueUrl(String url, String name, boolean fifo) {

  /**
   * Parses a queue URL.
   *
   * @param setting the setting name for the error message, such as {@code SqsChangeSource.queueUrl}
   * @throws IllegalArgumentException naming {@code setting} when the URL is missing or has no queue name
   */
  public static QueueUrl parse(String url, String setting) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(setting + " is required");
    }
    String path;
    try {
      URI uri = new URI(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException(setting + " must be an absolute queue URL such as "
            + "https://sqs.eu-west-1.amazonaws.com/123456789012/orders, got " + url);
      }
      path = uri.getPath() == null ? "" : uri.getPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(setting + " is not a URL: " + url, e);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(setting + " must end with the queue name, got " + url);
    }
    return new QueueUrl(url.trim(), name, name.endsWith(".fifo"));
  }
}
