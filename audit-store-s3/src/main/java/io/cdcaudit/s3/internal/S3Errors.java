package io.cdcaudit.s3.internal;

import io.cdcaudit.store.StoreException;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Which {@link StoreException} an SDK error is: the store cannot work as set up, or a retry may succeed. */
public final class S3Errors {

  /** Codes that no retry mends: credentials, permissions, a missing bucket, a bucket that cannot do what is asked. */
  private static final Set<String> UNUSABLE = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
      "NoSuchBucket", "AllAccessDisabled", "AccountProblem", "InvalidBucketName", "InvalidBucketState",
      "InvalidToken", "ExpiredToken", "InvalidRequest", "AuthorizationHeaderMalformed", "PermanentRedirect",
      "MissingSecurityHeader", "NotImplemented", "MethodNotAllowed");

  private S3Errors() {}

  /** The error code S3 gave, or {@code null}. */
  public static String code(SdkException e) {
    return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorCode()
        : null;
  }

  /** The store exception for an error while trying to {@code what}. */
  public static StoreException of(String what, RuntimeException e) {
    if (e instanceof IllegalStateException) {
      // The SDK's client was closed (its connection pool is shut down): nothing will work again.
      return StoreException.unusable("cannot " + what + ": the S3 client is closed (" + e.getMessage() + ")", e);
    }
    SdkException sdk = (SdkException) e;
    String code = code(sdk);
    int status = sdk instanceof AwsServiceException aws ? aws.statusCode() : 0;
    String message = "cannot " + what + ": " + (code == null ? "" : code + " ") + firstLine(sdk.getMessage());
    if ("NotImplemented".equals(code)) {
      message += " (an S3-compatible store without a feature the store uses: object tags, which tagObjects(false) "
          + "turns off, or Object Lock)";
    }
    if (code != null && UNUSABLE.contains(code) || status == 401 || status == 403 || status == 301) {
      return StoreException.unusable(message, e);
    }
    return new StoreException(message, e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** S3 refused to delete some objects it was asked to (under lock, or no permission). */
  public static StoreException refusedDeletes(String what, java.util.List<String> refused) {
    return StoreException.unusable("S3 refused to delete " + refused.size() + " " + what + ": "
        + String.join(", ", refused.subList(0, Math.min(5, refused.size()))) + (refused.size() > 5 ? ", ..." : ""), null);
  }
}
