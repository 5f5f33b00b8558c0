// How much later than asked setTimeout(MS) wakes an otherwise idle Node.js loop: 300 timers of
// MS milliseconds (fractions allowed), one after another. node timer_lateness.js [MS=4]
'use strict';
const MS = Number(process.argv[2] || 4);
(async () => {
  const late = [];
  for (let i = 0; i < 300; i++) {
    const t0 = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, MS));
    late.push(Number(process.hrtime.bigint() - t0) / 1e6 - MS);
  }
  late.sort((a, b) => a - b);
  const mean = late.reduce((a, b) => a + b) / late.length;
  console.log(JSON.stringify({ asked_ms: MS, late_mean_ms: +mean.toFixed(3), late_p50_ms: +late[150].toFixed(3), late_p99_ms: +late[296].toFixed(3), load: require('fs').readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') }));
})();
