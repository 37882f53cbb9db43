package io.cdcaudit.cassandra.internal;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import java.util.List;

/**
 * Tells an error that makes the store unusable as it is set up (failed authentication, a missing
 * permission, a missing keyspace or table, a closed session) from one a retry may mend.
 */
public final class CassandraErrors {

  private CassandraErrors() {}

  /**
   * Whether {@code e}, or an error it carries, says the store cannot be used as it is set up.
   *
   * @param e a driver error, as thrown or as the cause of a failed asynchronous write
   * @return true for authentication, authorization, a missing keyspace or table, a closed session
   */
  public static boolean isUnusable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException || t instanceof UnauthorizedException) {
        return true;
      }
      if (t instanceof InvalidQueryException invalid && missingSchema(invalid.getMessage())) {
        return true;
      }
      if (t instanceof IllegalStateException closed && String.valueOf(closed.getMessage()).contains("closed")) {
        return true;
      }
      if (t instanceof AllNodesFailedException all) {
        for (List<Throwable> errors : all.getAllErrors().values()) {
          if (errors.stream().anyMatch(CassandraErrors::isUnusable)) {
            return true;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean missingSchema(String message) {
    String m = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
    return (m.contains("keyspace") && m.contains("does not exist")) || m.contains("unconfigured table");
  }
}
