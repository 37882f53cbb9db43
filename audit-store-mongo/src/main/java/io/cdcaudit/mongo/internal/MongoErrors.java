package io.cdcaudit.mongo.internal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoStalePrimaryException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.WriteConcernError;
import io.cdcaudit.event.EventId;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sorts the driver's errors into what the pipeline needs to know (see {@code StoreException}):
 * <ul>
 *   <li><b>transient</b>, retried with backoff: the network, timeouts, no primary (an election, a
 *       node shutting down or recovering), write-concern timeouts, write conflicts, anything the
 *       server labels {@code RetryableWriteError} or {@code TransientTransactionError}, and a driver
 *       error that names no cause (the safe side: the pipeline keeps the messages and retries);
 *   <li><b>unusable</b>, which no retry and no other record mends, so the pipeline fails: failed
 *       authentication, a missing privilege, a misconfigured or incompatible client, a closed
 *       client (the driver says {@code IllegalStateException});
 *   <li><b>permanent</b>, which no retry of this request mends: a write concern that cannot be
 *       met, any other error code the server answers with, and any other exception that is not the
 *       driver's;
 *   <li><b>a rejection of one record</b>: a bulk-insert write error that is about that document
 *       (document validation, a key or document too large, a bad value).
 * </ul>
 */
public final class MongoErrors {

  /**
   * Server error codes that retrying mends: the driver's retryable-write codes (network, shutdown,
   * not primary, interrupted by a replica-set change), time limits, write-concern timeouts, lock and
   * write conflicts, and throttling.
   */
  static final Set<Integer> TRANSIENT_CODES = Set.of(
      6, // HostUnreachable
      7, // HostNotFound
      24, // LockTimeout
      46, // LockBusy
      50, // MaxTimeMSExpired
      64, // WriteConcernFailed (wtimeout)
      89, // NetworkTimeout
      91, // ShutdownInProgress
      112, // WriteConflict
      133, // FailedToSatisfyReadPreference
      134, // ReadConcernMajorityNotAvailableYet
      189, // PrimarySteppedDown
      202, // NetworkInterfaceExceededTimeLimit
      262, // ExceededTimeLimit
      9001, // SocketException
      10107, // NotWritablePrimary
      11600, // InterruptedAtShutdown
      11601, // Interrupted
      11602, // InterruptedDueToReplStateChange
      13435, // NotPrimaryNoSecondaryOk
      13436, // NotPrimaryOrSecondary
      16500); // RequestRateTooLarge (throttled)

  /** Write-error codes that are about the one document: it can never be inserted as it is. */
  static final Set<Integer> DOCUMENT_CODES = Set.of(
      2, // BadValue
      14, // TypeMismatch
      52, // DollarPrefixedFieldName
      121, // DocumentValidationFailure
      10334, // BSONObjectTooLarge
      17280, // KeyTooLong (index key too large, before 4.2)
      17419); // document too large

  /** The label servers (4.4+) and the driver put on errors that a retry of the write may mend. */
  static final String RETRYABLE_WRITE_ERROR_LABEL = "RetryableWriteError";

  /** Server codes that say this client may not do what the store needs, whatever it writes. */
  static final Set<Integer> REFUSED_CODES = Set.of(
      11, // UserNotFound
      13, // Unauthorized
      18, // AuthenticationFailed
      8000); // AtlasError (Atlas: authentication or a quota)

  private MongoErrors() {}

  /**
   * Whether the store cannot be used as it is set up, so that no record can succeed: failed
   * authentication, a missing privilege, a misconfigured or incompatible client, a closed client.
   */
  public static boolean isUnusable(Throwable e) {
    if (e instanceof MongoSecurityException
        || e instanceof MongoConfigurationException
        || e instanceof MongoIncompatibleDriverException
        || e instanceof IllegalStateException) { // the driver's "state should be: open" of a closed client
      return true;
    }
    if (e instanceof MongoBulkWriteException bulk) {
      return bulk.getWriteErrors().stream().anyMatch(w -> REFUSED_CODES.contains(w.getCode()));
    }
    return e instanceof MongoServerException server && REFUSED_CODES.contains(server.getCode());
  }

  /** Whether retrying the same request may succeed. */
  public static boolean isTransient(Throwable e) {
    if (e instanceof MongoSecurityException
        || e instanceof MongoConfigurationException
        || e instanceof MongoIncompatibleDriverException) {
      return false;
    }
    if (e instanceof MongoSocketException
        || e instanceof MongoTimeoutException
        || e instanceof MongoExecutionTimeoutException
        || e instanceof MongoNotPrimaryException
        || e instanceof MongoNodeIsRecoveringException
        || e instanceof MongoConnectionPoolClearedException
        || e instanceof MongoServerUnavailableException
        || e instanceof MongoStalePrimaryException
        || e instanceof MongoInterruptedException) {
      return true;
    }
    if (!(e instanceof MongoException mongo)) {
      return false;
    }
    if (hasTransientLabel(mongo)) {
      return true;
    }
    if (e instanceof MongoWriteConcernException concern) {
      return isTransient(concern.getWriteConcernError());
    }
    if (e instanceof MongoServerException server) {
      return TRANSIENT_CODES.contains(server.getCode());
    }
    // A driver error that says no more (an internal or client-side error): retry rather than dead-letter.
    return true;
  }

  private static boolean hasTransientLabel(MongoException e) {
    return e.hasErrorLabel(RETRYABLE_WRITE_ERROR_LABEL) || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL);
  }

  /** Whether a write-concern error may go away (a timeout, an election), not a write concern that cannot be met. */
  static boolean isTransient(WriteConcernError error) {
    return error.getCode() != 79 /* UnknownReplWriteConcern */ && error.getCode() != 100 /* UnsatisfiableWriteConcern */;
  }

  /**
   * What a failed unordered bulk insert of the documents of {@code ids} (in that order) means: the
   * records that can never be stored, or a {@code StoreException} to throw. Duplicate keys are
   * changes stored already: success.
   *
   * @return the rejections; the other documents were inserted or were there already
   * @throws StoreException transient when any error is, else permanent when an
   *     error is not about its document
   */
  public static List<AppendResult.Rejection> bulkOutcome(MongoBulkWriteException e, List<EventId> ids, String namespace) {
    WriteConcernError concern = e.getWriteConcernError();
    if (concern != null) {
      String message = "MongoDB could not confirm the write concern of an append to " + namespace + " (error " + concern.getCode()
          + ": " + concern.getMessage() + ")";
      throw new StoreException(message, e, !isTransient(concern) && !hasTransientLabel(e));
    }
    List<AppendResult.Rejection> rejected = new ArrayList<>(0);
    BulkWriteError transientError = null;
    BulkWriteError permanentError = null;
    for (BulkWriteError error : e.getWriteErrors()) {
      // A duplicate _id is a redelivered change, stored already: insert, never replace, so it stays as it was.
      if (error.getCategory() == ErrorCategory.DUPLICATE_KEY) {
        continue;
      }
      if (error.getCategory() == ErrorCategory.EXECUTION_TIMEOUT || TRANSIENT_CODES.contains(error.getCode())) {
        transientError = transientError == null ? error : transientError;
      } else if (DOCUMENT_CODES.contains(error.getCode()) && error.getIndex() >= 0 && error.getIndex() < ids.size()) {
        rejected.add(new AppendResult.Rejection(ids.get(error.getIndex()),
            "MongoDB refused the record's document (error " + error.getCode() + ": " + error.getMessage() + ")"));
      } else {
        permanentError = permanentError == null ? error : permanentError;
      }
    }
    BulkWriteError failed = transientError != null ? transientError : permanentError;
    if (failed != null && transientError == null && REFUSED_CODES.contains(failed.getCode())) {
      throw StoreException.unusable("MongoDB refused an append to " + namespace + " (error " + failed.getCode() + ": "
          + failed.getMessage() + "): check the credentials and roles of the MongoClient (insert and find on "
          + namespace + ")", e);
    }
    if (failed != null) {
      throw new StoreException("MongoDB refused a document of an append to " + namespace + " (error " + failed.getCode()
          + ": " + failed.getMessage() + "); " + e.getWriteErrors().size() + " of " + ids.size() + " documents failed", e,
          transientError == null);
    }
    return rejected;
  }
}
