package io.cdcaudit.sqs.internal;

import io.cdcaudit.source.SourceException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Sorts the SDK's errors into what the pipeline needs to know: a queue that does not exist, or
 * credentials and permissions SQS refuses, make the source unusable (no retry mends them); the
 * rest (the network, throttling, a server error) is transient.
 */
public final class SqsErrors {

  /** Error codes AWS answers with when the caller is not who it says or may not do this. */
  static final Set<String> REFUSED_CODES = Set.of(
      "AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch",
      "UnrecognizedClientException", "InvalidSecurity", "AuthFailure", "MissingAuthenticationToken",
      "ExpiredToken", "KMS.AccessDeniedException");

  private SqsErrors() {}

  /**
   * The source exception for an SDK error.
   *
   * @param queueName the queue, for the message
   * @param what what failed, for example {@code receive failed}
   * @param e the SDK's error
   * @return an unusable or a transient {@link SourceException}
   */
  public static SourceException classified(String queueName, String what, SdkException e) {
    String message = "SQS queue " + queueName + ": " + what + ": " + e.getMessage();
    if (e instanceof QueueDoesNotExistException) {
      return SourceException.unusable(message + " (check the queue URL given to SqsChangeSource.builder)", e);
    }
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      if ((code != null && (REFUSED_CODES.contains(code) || code.endsWith("NonExistentQueue")))
          || service.statusCode() == 403) {
        return SourceException.unusable(message + " (the credentials or the permissions of the SqsClient: "
            + "sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:GetQueueAttributes)", e);
      }
    }
    return new SourceException(message, e);
  }
}
