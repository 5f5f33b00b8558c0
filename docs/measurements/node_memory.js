const http = require('http');
const fs = require('fs');
function st() { return fs.readFileSync('/proc/self/status','utf8').split('\n').filter(l=>/^(VmRSS|VmSize|Threads)/.test(l)).map(l=>l.replace(/\s+/g,' ')).join(', '); }
const srv = http.createServer((q,r)=>r.end('ok')).listen(18081, '127.0.0.1', async () => {
  await new Promise(r=>setTimeout(r,300));
  console.log('idle http server:', st());
  const n = 100000; let release; const gate = new Promise(r=>release=r);
  const ps = []; for (let i=0;i<n;i++) ps.push((async()=>{ await gate; })());
  await new Promise(r=>setTimeout(r,300));
  global.gc && global.gc();
  console.log(n, 'pending async functions:', st(), 'heapUsed', process.memoryUsage().heapUsed);
  release(); await Promise.all(ps); srv.close();
});
