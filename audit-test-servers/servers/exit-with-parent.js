'use strict';
// Preloaded into every Node.js test server (node -r servers/exit-with-parent.js ...; see
// io.cdcaudit.testservers.internal.NodePackage): the server exits when its standard input, a pipe the test JVM
// holds open and never writes to, reaches its end, that is when the test JVM is gone, even after a SIGKILL.
// The Node.js counterpart of runner.ParentWatchdog. The unref'd stream keeps no server alive on its own.
if (!process.stdin.isTTY) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
  process.stdin.unref();
}
