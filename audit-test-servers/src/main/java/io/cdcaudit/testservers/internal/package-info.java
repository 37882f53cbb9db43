/** Implementation details of audit-test-servers (child processes, ports, logs); not API. */
package io.cdcaudit.testservers.internal;
