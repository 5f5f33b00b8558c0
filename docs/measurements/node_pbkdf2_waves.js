// Eight pbkdf2 calls at once on Node's libuv pool: when does each finish?
const crypto = require('crypto');
const n = Number(process.argv[2] || 8), iterations = Number(process.argv[3] || 100000);
// Calibrate: one call alone.
let t0 = process.hrtime.bigint();
crypto.pbkdf2Sync('pw', 'salt', iterations, 64, 'sha512');
const single = Number(process.hrtime.bigint() - t0) / 1e6;
t0 = process.hrtime.bigint();
const done = [];
for (let i = 0; i < n; i++)
  crypto.pbkdf2('pw', 'salt', iterations, 64, 'sha512', () => {
    done.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (done.length === n) console.log(JSON.stringify({single_ms: single, finish_ms: done.map(x => +x.toFixed(1))}));
  });
