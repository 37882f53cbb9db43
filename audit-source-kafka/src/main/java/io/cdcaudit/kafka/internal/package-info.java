/**
 * Implementation details of audit-source-kafka (offset bookkeeping per partition); not API, may
 * change in any release.
 */
package io.cdcaudit.kafka.internal;
