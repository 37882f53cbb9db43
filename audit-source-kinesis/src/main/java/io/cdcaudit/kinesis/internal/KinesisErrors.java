package io.cdcaudit.kinesis.internal;

import io.cdcaudit.source.SourceException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Sorts the SDK's errors into what the pipeline needs to know: a stream that does not exist, and
 * credentials or permissions AWS refuses, make the source unusable (no retry mends them); the rest
 * (the network, throttling, a server error) is transient.
 */
public final class KinesisErrors {

  /** Error codes AWS answers with when the caller is not who it says or may not do this. */
  static final Set<String> REFUSED_CODES = Set.of(
      "AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch",
      "UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationToken",
      "ExpiredToken", "ExpiredTokenException", "KMSAccessDeniedException");

  private KinesisErrors() {}

  /**
   * The source exception for a failed call.
   *
   * @param what what failed, naming the stream or table, for example {@code Kinesis stream orders: describe failed}
   * @param permissions the IAM actions the call needs, for the message
   * @param error the error, possibly wrapped by a future
   * @return an unusable or a transient {@link SourceException}
   */
  public static SourceException classified(String what, String permissions, Throwable error) {
    Throwable e = unwrapped(error);
    String message = what + ": " + e.getMessage();
    if (e instanceof software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException) {
      return SourceException.unusable(message + " (check the stream name and the region of the KinesisAsyncClient)", e);
    }
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      if ((code != null && REFUSED_CODES.contains(code)) || service.statusCode() == 403) {
        return SourceException.unusable(message + " (the credentials or the permissions: " + permissions + ")", e);
      }
    }
    return new SourceException(message, e);
  }

  /**
   * Whether a DynamoDB call failed because the table is not there (the KCL creates it).
   *
   * @param error the error, possibly wrapped by a future
   * @return {@code true} for a missing table
   */
  public static boolean isMissingTable(Throwable error) {
    return unwrapped(error) instanceof ResourceNotFoundException;
  }

  private static Throwable unwrapped(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
