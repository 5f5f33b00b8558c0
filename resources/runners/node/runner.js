#!/usr/bin/env node
// Executes a conviz request plan (`conviz-cli plan FILE --json`) with async functions on Node.js's
// event loop and prints what it measured as one JSON object, the fields of conviz-cli live's
// measured.cpp.<model> objects. No npm packages; docs/live.md, "Real Go and Node.js".
//
//   conviz-cli plan scenarios/default.toml --json | node runner.js
//
// What each step becomes:
//   cpu        a busy loop of calibrated iterations on the loop thread: the loop is held
//   offload    crypto.pbkdf2 on the libuv pool, its iterations calibrated to the step's CPU time
//   io         a timer (setTimeout): the request waits, the loop runs others
//   io + pool  holds a slot of a FIFO semaphore (the connection pool) for the wait
//   blocking   a read on a pipe on the libuv pool: a pool thread blocked in read(2) until the
//              loop writes a byte after the step's duration (fs.readFile on a slow disk)
//   fanout     an async function per child and Promise.all
//   stack      recursion on the loop thread to about that many bytes
// event_loop.processes > 1 forks that many workers (a cluster), requests dealt round-robin.
// libuv's pool has event_loop.threadpool threads (UV_THREADPOOL_SIZE); pool work is handed to
// it in FIFO order through a gate of that many slots, so a blocking read starts when it is
// submitted and its timer is right. Latency runs from when a request was due (no coordinated
// omission).
'use strict';

// Before anything touches the pool: libuv reads this when it starts its threads.
const PLAN_VERSION = 1; // request_plan.cpp's kPlanVersion
const fs = require('fs');
// A cluster worker (event_loop.processes > 1) is this script again, with `--worker SETUP`: the
// plan's model and pools, and the primary's calibration; it runs the requests the primary deals it.
const WORKER = process.argv[2] === '--worker' ? JSON.parse(process.argv[3]) : null;
const plan = WORKER ? WORKER.plan : readPlan();
process.env.UV_THREADPOOL_SIZE = String(plan.model.threadpool);
const crypto = require('crypto');
const os = require('os');
const path = require('path');

function fail(code, message) {
  process.stderr.write(`conviz node runner: ${message}\n`);
  process.exit(code);
}

function readPlan() {
  const file = process.argv[2] && process.argv[2] !== '-' ? process.argv[2] : 0;
  let p;
  try {
    p = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(2, `the plan could not be read: ${e.message}`);
  }
  if (p.format !== 'conviz-plan' || p.version !== PLAN_VERSION)
    fail(2, `not a conviz plan of version ${PLAN_VERSION} (format ${p.format}, version ${p.version})`);
  return p;
}

const nowNs = () => Number(process.hrtime.bigint());

// ---- CPU work -----------------------------------------------------------------------------

// The loop's state lives in an Int32Array, not a plain variable: once V8 inlines spin into the
// async function task, a plain number left it about five times slower than calibrated (measured:
// 750 ms of CPU for 160 ms of steps), and the event loop looked overloaded by the runner itself.
const spinState = new Int32Array(1);
function spin(n) {
  let x = spinState[0];
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0;
  spinState[0] = x;
}

// Iterations per ns of CPU time: the fastest of several trials, so time the kernel gave to other
// processes does not count (process.cpuUsage: only this thread is busy during calibration).
function calibrateSpin() {
  const n = 4_000_000;
  spin(n);
  let best = Infinity;
  for (let i = 0; i < 7; i++) {
    const t0 = process.cpuUsage();
    spin(n);
    const d = process.cpuUsage(t0);
    const ns = (d.user + d.system) * 1000;
    if (ns > 0) best = Math.min(best, ns);
  }
  return n / best;
}

// pbkdf2-sha256 iterations per ns of CPU time, measured on this thread.
function calibratePbkdf2() {
  const n = 20_000;
  crypto.pbkdf2Sync('conviz', 'salt', 1000, 32, 'sha256');
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = process.cpuUsage();
    crypto.pbkdf2Sync('conviz', 'salt', n, 32, 'sha256');
    const d = process.cpuUsage(t0);
    const ns = (d.user + d.system) * 1000;
    if (ns > 0) best = Math.min(best, ns);
  }
  return n / best;
}

// ---- Waiting ------------------------------------------------------------------------------

const sleep = (ns) => new Promise((resolve) => setTimeout(resolve, ns / 1e6));

// A FIFO counting semaphore: acquire resolves, in order, when a slot is free.
class Semaphore {
  constructor(size) {
    this.free = size;
    this.waiting = [];
  }
  acquire() {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

// The libuv pool's slots. Pool work only ever starts when a thread is free, so libuv's own queue
// stays empty and the wait for a thread happens here, in the same FIFO order.
class UvPool {
  constructor(size) {
    this.gate = new Semaphore(size);
    this.pipes = null; // one FIFO per slot, made before the run when the plan blocks
    this.freeSlots = [];
    for (let i = size - 1; i >= 0; i--) this.freeSlots.push(i);
    this.size = size;
  }
  makePipes() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conviz-node-'));
    const { execFileSync } = require('child_process');
    this.pipes = [];
    for (let i = 0; i < this.size; i++) {
      const p = path.join(this.dir, `slot${i}`);
      execFileSync('mkfifo', [p]);
      this.pipes.push(fs.openSync(p, 'r+')); // read-write: opening never blocks, reading does
    }
  }
  cleanUp() {
    if (!this.pipes) return;
    for (const fd of this.pipes) fs.closeSync(fd);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
  async offload(ns) {
    await this.gate.acquire();
    const iterations = Math.max(1, Math.round(ns * pbkdf2PerNs));
    await new Promise((resolve) => crypto.pbkdf2('conviz', 'salt', iterations, 32, 'sha256', resolve));
    this.gate.release();
  }
  async blocking(ns) {
    await this.gate.acquire();
    const slot = this.freeSlots.pop();
    const fd = this.pipes[slot];
    const buffer = Buffer.alloc(1);
    setTimeout(() => fs.writeSync(fd, buffer), ns / 1e6);
    await new Promise((resolve) => fs.read(fd, buffer, 0, 1, null, resolve));
    this.freeSlots.push(slot);
    this.gate.release();
  }
}

// ---- Requests -----------------------------------------------------------------------------

let spinPerNs = 0;
let pbkdf2PerNs = 0;
const uv = new UvPool(plan.model.threadpool);
const pools = plan.pools.map((p) => new Semaphore(p.size));
let live = 0; // requests and fan-out children in progress
let peakLive = 0;
let stackNote = '';

function enter() {
  if (++live > peakLive) peakLive = live;
}

// About 128 bytes of stack a frame (V8 on x86-64, a small function); recursion to `bytes`.
function deepen(frames) {
  return frames > 0 ? deepen(frames - 1) + 1 : 0;
}

async function task(steps) {
  for (const s of steps) {
    if (s.cpu !== undefined) {
      spin(Math.round(s.cpu * spinPerNs));
    } else if (s.offload !== undefined) {
      await uv.offload(s.offload);
    } else if (s.io !== undefined) {
      const pool = s.pool !== undefined ? pools[s.pool] : null;
      if (pool) await pool.acquire();
      await sleep(s.io);
      if (pool) pool.release();
    } else if (s.blocking !== undefined) {
      await uv.blocking(s.blocking);
    } else if (s.stack !== undefined) {
      try {
        deepen(Math.ceil(s.stack / 128));
      } catch (e) {
        stackNote = `a stack step of ${s.stack} bytes overflowed V8's stack (${e.message})`;
      }
    } else if (s.fanout !== undefined) {
      await Promise.all(
        s.fanout.map(async (child) => {
          enter();
          await task(child);
          live--;
        }),
      );
    }
  }
}

const n = plan.requests.length;
const latency = new Float64Array(n).fill(-1);
let issued = 0;
let completed = 0;
let start = 0;
let lastEnd = 0;

// The cluster's worker processes (startCluster), and the requests they have been dealt.
const workers = [];
let finishing = false; // a worker's exit is expected once the run is over
const dealt = new Map();
let dealtCount = 0;

async function request(k, due) {
  issued++;
  enter();
  if (workers.length > 0) {
    // Round-robin, as the cluster module's primary deals connections.
    await new Promise((resolve) => {
      dealt.set(k, resolve);
      workers[dealtCount++ % workers.length].send({ k, steps: plan.requests[k] });
    });
  } else {
    await task(plan.requests[k]);
  }
  live--;
  const end = nowNs();
  latency[k] = end - due;
  completed++;
  lastEnd = Math.max(lastEnd, end - start);
}

const loadOpen = (due) => plan.load.duration_ns === 0 || due - start < plan.load.duration_ns;

// Resolves once every request issued has ended.
function issue() {
  const load = plan.load;
  if (load.kind === 'open') {
    return new Promise((resolve) => {
      const pending = [];
      let k = 0;
      const dispatch = () => {
        // Every arrival already due, then a timer for the next one.
        const now = nowNs();
        while (k < n && start + load.arrivals_ns[k] <= now) {
          pending.push(request(k, start + load.arrivals_ns[k]));
          k++;
        }
        if (k < n) setTimeout(dispatch, (start + load.arrivals_ns[k] - nowNs()) / 1e6);
        else Promise.all(pending).then(resolve);
      };
      dispatch();
    });
  }
  if (load.kind === 'closed') {
    let next = 0;
    const client = async () => {
      let due = start;
      for (;;) {
        const wait = due - nowNs();
        // Due already (no think time): the request still arrives from outside, behind the
        // callbacks already waiting, instead of running on in this one.
        if (wait > 0) await sleep(wait);
        else await new Promise(setImmediate);
        const k = next++;
        if (k >= n || !loadOpen(due)) return;
        await request(k, due);
        due = nowNs() + load.think_ns[k];
      }
    };
    return Promise.all(Array.from({ length: Math.min(load.clients, n) }, client));
  }
  return Promise.all(Array.from({ length: n }, (_, k) => request(k, start)));
}

// ---- Measuring ----------------------------------------------------------------------------

function procFigures() {
  const f = { threads: 0, vmPeak: 0 };
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    f.threads = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[17]);
    const m = /VmPeak:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) f.vmPeak = Number(m[1]) * 1024;
  } catch (e) {
    // not Linux: the figures stay 0
  }
  return f;
}

function nearestRank(sorted, q) {
  const i = Math.min(Math.max(Math.ceil(q * sorted.length), 1), sorted.length);
  return sorted[i - 1];
}

// What a process measured of itself, for the cluster's primary to add up.
function ownFigures(before) {
  const after = process.resourceUsage();
  return {
    cpuUs: after.userCPUTime - before.userCPUTime + after.systemCPUTime - before.systemCPUTime,
    maxRssBytes: after.maxRSS * 1024,
    vmPeak: procFigures().vmPeak,
    voluntary: after.voluntaryContextSwitches - before.voluntaryContextSwitches,
    involuntary: after.involuntaryContextSwitches - before.involuntaryContextSwitches,
  };
}

// A worker: runs each request it is dealt and answers with its index; on `stats`, its figures.
function workerMain() {
  spinPerNs = WORKER.spinPerNs;
  pbkdf2PerNs = WORKER.pbkdf2PerNs;
  if (WORKER.blocking) uv.makePipes();
  let peakThreads = 0;
  const sampler = setInterval(() => {
    peakThreads = Math.max(peakThreads, procFigures().threads);
  }, 10);
  const before = process.resourceUsage();
  process.on('disconnect', () => process.exit(0)); // the primary is gone
  process.on('message', async (m) => {
    if (m.stats) {
      clearInterval(sampler);
      const own = ownFigures(before);
      own.threads = Math.max(peakThreads, procFigures().threads);
      own.peakLive = peakLive;
      uv.cleanUp();
      process.send({ stats: own }, () => process.exit(0));
      return;
    }
    enter();
    await task(m.steps);
    live--;
    process.send({ k: m.k });
  });
  process.send({ ready: true });
}

// Forks event_loop.processes workers and waits until each is ready.
async function startCluster(blocking) {
  const { fork } = require('child_process');
  const setup = JSON.stringify({ plan: { model: plan.model, pools: plan.pools, requests: [], load: plan.load }, spinPerNs, pbkdf2PerNs, blocking });
  const ready = [];
  for (let i = 0; i < plan.model.processes; i++) {
    const w = fork(__filename, ['--worker', setup], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    ready.push(new Promise((resolve) => w.once('message', resolve)));
    w.on('exit', (code) => {
      if (code !== 0 && !finishing) fail(2, `cluster worker ${i} exited with code ${code}`);
    });
    w.on('message', (m) => {
      if (m.k !== undefined) {
        const resolve = dealt.get(m.k);
        dealt.delete(m.k);
        resolve();
      }
    });
    workers.push(w);
  }
  await Promise.all(ready);
}

// Every worker's figures, once the run is over.
function clusterFigures() {
  return Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          w.on('message', (m) => m.stats && resolve(m.stats));
          w.send({ stats: true });
        }),
    ),
  );
}

async function main() {
  spinPerNs = calibrateSpin();
  const kinds = JSON.stringify(plan.requests);
  if (kinds.includes('"offload"')) pbkdf2PerNs = calibratePbkdf2();
  if (plan.model.processes > 1) await startCluster(kinds.includes('"blocking"'));
  else if (kinds.includes('"blocking"')) uv.makePipes(); // before the clock starts: mkfifo takes milliseconds
  let peakThreads = 0;
  const sampler = setInterval(() => {
    peakThreads = Math.max(peakThreads, procFigures().threads);
  }, 10);
  const maxWallNs = plan.max_wall_ns > 0 ? plan.max_wall_ns : 60e9;
  const before = process.resourceUsage();
  start = nowNs();
  let stopped = 'finished';
  let wallTimer;
  await Promise.race([
    issue(),
    new Promise((resolve) => {
      wallTimer = setTimeout(() => {
        stopped = 'wall_limit';
        resolve();
      }, maxWallNs / 1e6);
    }),
  ]);
  const wallNs = nowNs() - start;
  clearTimeout(wallTimer);
  clearInterval(sampler);
  const proc = procFigures();
  peakThreads = Math.max(peakThreads, proc.threads);
  // A cluster's figures are the primary's and its workers' together (peak RSS and threads: the sum
  // of each process's peak, an upper bound of what they held at once).
  const own = ownFigures(before);
  finishing = true;
  for (const w of stopped === 'finished' ? await clusterFigures() : []) {
    for (const key of ['cpuUs', 'maxRssBytes', 'vmPeak', 'voluntary', 'involuntary']) own[key] += w[key];
    peakThreads += w.threads;
    peakLive = Math.max(peakLive, w.peakLive);
  }
  finishing = true;
  for (const w of workers) w.kill();

  const done = Array.from(latency.filter((l) => l >= 0)).sort((a, b) => a - b);
  const ms = (ns) => ns / 1e6;
  const mean = done.length ? done.reduce((a, b) => a + b, 0) / done.length : 0;
  const cpuUs = own.cpuUs;
  const out = {
    runtime: `node ${process.version}`,
    completed,
    refused: 0,
    unfinished: issued - completed,
    stopped,
    throughput_rps: lastEnd > 0 ? completed / (lastEnd / 1e9) : 0,
    latency_ms: {
      mean: ms(mean),
      p50: done.length ? ms(nearestRank(done, 0.5)) : 0,
      p90: done.length ? ms(nearestRank(done, 0.9)) : 0,
      p99: done.length ? ms(nearestRank(done, 0.99)) : 0,
      max: done.length ? ms(done[done.length - 1]) : 0,
    },
    cpu_utilization: (cpuUs * 1000) / (wallNs * os.cpus().length),
    memory: {
      peak_rss_bytes: own.maxRssBytes, // the kernel's high-water mark (ru_maxrss)
      peak_virtual_bytes: own.vmPeak, // the kernel's high-water mark (VmPeak)
      stack_reserved_bytes: null, // an async function keeps no stack of its own
      stack_committed_bytes: null,
      tasks_at_peak: null,
    },
    peak_tasks: peakLive,
    peak_threads: peakThreads,
    threads_created: null,
    workers: Math.max(1, workers.length),
    context_switches: { voluntary: own.voluntary, involuntary: own.involuntary },
    wall_seconds: wallNs / 1e9,
    note: [
      stackNote,
      workers.length > 0 ? `a cluster of ${workers.length} worker processes, requests dealt round-robin` : '',
    ]
      .filter((s) => s)
      .join('; '),
  };
  uv.cleanUp();
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(stopped === 'finished' ? 0 : 1);
}

if (WORKER) workerMain();
else main();
