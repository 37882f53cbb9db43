/**
 * Implementation details of the codec: JSON parsing, typed field access, value mapping, key
 * columns. Not part of the public API; nothing outside {@code audit-codec} may use it.
 */
package io.cdcaudit.codec.internal;
