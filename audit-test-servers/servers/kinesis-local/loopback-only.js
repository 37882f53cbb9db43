'use strict';
// Preloaded by io.cdcaudit.testservers.KinesisLocal (node -r ./loopback-only.js node_modules/kinesis-local/main.js):
// kinesis-mock has no host setting and listens on every interface; this binds every TCP server of the process to
// 127.0.0.1 instead. It rewrites the host of net.Server.prototype.listen (tls.Server and http.Server inherit it) in
// each of its forms: listen(port[, host][, backlog][, callback]) and listen(options[, callback]); a Unix socket path,
// a handle or a file descriptor is left alone.
const net = require('net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (args.length === 0 || typeof first === 'function') {
    args.unshift({ port: 0, host: LOOPBACK });
  } else if (isPort(first)) {
    if (typeof args[1] === 'string' || args[1] === undefined || args[1] === null) {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  } else if (first !== null && typeof first === 'object' && first.path === undefined && first.fd === undefined
      && first.handle === undefined && first._handle === undefined) {
    args[0] = Object.assign({}, first, { host: LOOPBACK });
  }
  return listen.apply(this, args);
};
