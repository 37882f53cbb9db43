/**
 * Implementation details of audit-domain (canonical text, hashing, the SQL tokenizer); not API,
 * may change in any release.
 */
package io.cdcaudit.internal;
