/** Implementation details of audit-test-servers (child processes, isolated class loaders, ports, logs); not API. */
package io.cdcaudit.testservers.internal;
