/**
 * The {@code cdc-audit} command line ({@link io.cdcaudit.examples.cli.CdcAuditCli}), run from a
 * checkout with {@code scripts/cdc-audit}.
 *
 * <p>{@code cdc-audit decode [--format maxwell|debezium|auto] [--keys FILE] [--pk DB.TABLE=COLS] [FILE|-]}
 * prints one JSON object per input line: the decoded change
 * ({@code {"line":N,"id":..,"database":..,"table":..,"op":..,"pk":..,"changed":[..],"before":..,
 * "after":..,"tx":..,"committedAt":..,"statement":..}}), {@code {"line":N,"skipped":"tombstone|marker"}}
 * or {@code {"line":N,"error":".."}}. Lines are numbered from 1; a blank line counts but prints
 * nothing; a line {@code null} is a Debezium tombstone. {@code --keys FILE} pairs line N of FILE
 * with input line N as the record key (Debezium keys carry the primary key). Values print in the
 * audit-record JSON encoding. Exit status 0 when the input was read (the error count goes to
 * stderr), 1 when reading failed, 2 for a usage error.
 */
package io.cdcaudit.examples.cli;
