/**
 * Implementation details of the record's JSON form: the strict Jackson configuration, the checks
 * of a whole tree, typed field access. Not part of the public API; nothing outside
 * {@code audit-record-json} may use it.
 */
package io.cdcaudit.json.internal;
