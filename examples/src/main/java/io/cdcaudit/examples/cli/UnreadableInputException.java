package io.cdcaudit.examples.cli;

/** An input the command was pointed at cannot be read: missing, a directory, not readable. Exit 1, no usage. */
final class UnreadableInputException extends Exception {

  UnreadableInputException(String message) {
    super(message);
  }
}
