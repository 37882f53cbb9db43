package io.cdcaudit.examples.cli;

/** The command line was used wrongly; the message says how, and the usage follows it. */
final class UsageException extends Exception {

  UsageException(String message) {
    super(message);
  }
}
