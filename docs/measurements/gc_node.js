// V8's young-generation scavenges in Node.js on this machine, for the event_loop.gc_* defaults of
// docs/models.md.
//
//   node docs/measurements/gc_node.js ALLOC_MIB INFLIGHT_KIB [RUNS]
//
// It allocates ALLOC_MIB of short-lived objects the way a request handler does (a small object, an
// array, a string per item) while INFLIGHT_KIB of them stay alive at any time in a ring, as the
// objects of requests still in flight do: those are what a scavenge copies. It runs itself again
// under V8's --trace-gc-nvp and reads V8's own line for every scavenge (gc=s): the bytes allocated
// in new space since the previous one, the bytes that survived (copied within new space or promoted
// to old space) and the pause of the JavaScript thread. It prints the scavenges, the bytes allocated
// per scavenge after the young generation has grown to its steady size, and the pauses; a
// least-squares line pause = fixed + per_byte × survived over all scavenges.
'use strict';
const { spawnSync } = require('child_process');

function child(allocMiB, inflightKiB) {
  const itemBytes = 160; // an object with an array and a short string: about 160 B on V8's heap
  const ringLength = Math.max(1, Math.round((inflightKiB * 1024) / itemBytes));
  const ring = new Array(ringLength).fill(null);
  const items = Math.round((allocMiB * 1024 * 1024) / itemBytes);
  let sink = 0;
  for (let i = 0; i < items; i++) {
    const o = { id: i, parts: [i, i + 1, i + 2], name: 'r' + (i % 1000) };
    ring[i % ringLength] = o; // alive until ringLength items later (at least one: no escape analysis)
    sink += o.parts.length;
  }
  if (sink < 0) console.log(sink);
}

function median(v) {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function fit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { fixed: my - slope * mx, slope };
}

function main() {
  const [allocMiB, inflightKiB] = [Number(process.argv[2] || 1024), Number(process.argv[3] || 0)];
  if (process.env.GC_NODE_CHILD === '1') {
    child(allocMiB, inflightKiB);
    return;
  }
  const runs = Number(process.argv[4] || 1);
  const fs = require('fs');
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`node ${process.version}, load average ${load}, ${allocMiB} MiB allocated, ${inflightKiB} KiB in flight`);
  for (let r = 0; r < runs; r++) {
    const out = spawnSync(process.execPath, ['--trace-gc-nvp', __filename, String(allocMiB), String(inflightKiB)], {
      env: { ...process.env, GC_NODE_CHILD: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const scavenges = [];
    for (const line of out.stdout.split('\n')) {
      if (!line.includes(' gc=s ')) continue;
      const field = (name) => Number((line.match(new RegExp(`(?:^|\\s)${name}=([0-9.]+)`)) || [])[1]);
      scavenges.push({
        pause: field('pause'),
        allocated: field('allocated'),
        survived: field('new_space_survived') + field('promoted'),
      });
    }
    const steady = scavenges.slice(Math.floor(scavenges.length / 2));
    const fitted = fit(
      scavenges.map((s) => s.survived),
      scavenges.map((s) => s.pause)
    );
    console.log(
      `run ${r + 1}: scavenges ${scavenges.length}; allocated per scavenge (second half) median ` +
        `${(median(steady.map((s) => s.allocated)) / 1048576).toFixed(2)} MiB; survived median ` +
        `${(median(scavenges.map((s) => s.survived)) / 1024).toFixed(0)} KiB; pause median ` +
        `${median(scavenges.map((s) => s.pause)).toFixed(2)} ms; fit pause = ${fitted.fixed.toFixed(3)} ms + ` +
        `${(fitted.slope * 1e6).toFixed(3)} ns/B x survived`
    );
  }
}

main();
