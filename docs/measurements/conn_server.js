// An idle-connection memory server: Node.js http, measured by conn_memory.py.
//
//   node conn_server.js
//
// Listens on a free loopback port and prints it. GET / answers "ok" on a keep-alive connection,
// which stays open (keepAliveTimeout 0: no limit), each with its net.Socket, its HTTP parser
// and the server's per-connection state. GET /park?n=N starts N bare pending async functions
// (each awaiting one shared promise: the bare-task figure) and answers when they exist. GET /mem
// answers process.memoryUsage() as JSON.
'use strict';
const http = require('http');
let release;
const gate = new Promise((r) => { release = r; });
const parked = [];
const srv = http.createServer((req, res) => {
  if (req.url === '/mem') { // where the memory is, by V8's own account (read after /proc)
    const m = process.memoryUsage();
    res.end(JSON.stringify({ heap_used: m.heapUsed, heap_total: m.heapTotal, external: m.external,
      array_buffers: m.arrayBuffers }));
    return;
  }
  if (req.url.startsWith('/park')) {
    const n = Number(new URL(req.url, 'http://x').searchParams.get('n')) || 0;
    for (let i = 0; i < n; i++) parked.push((async () => { await gate; })());
  }
  res.end('ok');
});
srv.keepAliveTimeout = 0; // no idle limit (the default closes a keep-alive socket after 5 s)
srv.headersTimeout = 0;
srv.requestTimeout = 0;
srv.listen(0, '127.0.0.1', () => console.log(srv.address().port));
process.on('SIGTERM', () => { release(); process.exit(0); });
