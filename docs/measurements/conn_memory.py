#!/usr/bin/env python3
"""Resident memory per idle keep-alive connection and per bare task, measured alike.

    python3 docs/measurements/conn_memory.py [--runs 3] [--n 0,100,1000,10000] [--servers go,node,cpp]

Builds conn_server.go (CGO_ENABLED=0) and conn_server.cpp into a temporary folder, then for each
server, mode and N starts a fresh server, sends one warm-up request on a connection it closes,
and then either (mode "conn") opens N keep-alive connections, makes one request on each and
leaves them open, or (mode "task") asks GET /park?n=N on one connection it closes, which starts
N bare tasks (parked goroutines, pending async functions, waiting threads). After a second of
rest it reads the server's VmRSS, VmSize and Threads (/proc/PID/status) and Rss, Pss and the
private pages (/proc/PID/smaps_rollup), and the load average. N = 0 is the baseline: the same
server after the same warm-up request. Every measurement is its own server process, repeated
--runs times. Prints every run, then a Markdown summary: per connection or task
(RSS at N minus the median baseline, over N), median and min–max over the runs; then, for Go and
Node.js, where it went by the runtime's own account (GET /mem: Go's MemStats, Node's
process.memoryUsage()).

Needs go (golang-go), node and g++; raises its open-file limit to the hard limit (10,000
connections need 10,000 descriptors on each side).
"""
import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REQUEST = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"


def build(tmp):
    env = dict(os.environ, CGO_ENABLED="0")
    go = os.path.join(tmp, "conn_server_go")
    subprocess.run(["go", "build", "-o", go, os.path.join(HERE, "conn_server.go")], check=True, env=env, cwd=tmp)
    cpp = os.path.join(tmp, "conn_server_cpp")
    subprocess.run(["g++", "-O2", "-std=c++20", "-pthread", "-o", cpp, os.path.join(HERE, "conn_server.cpp")], check=True)
    return {"go": [go], "node": ["node", os.path.join(HERE, "conn_server.js")], "cpp": [cpp]}


def read_answer(sock):
    data = b""
    while not data.endswith(b"ok"):
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError("server closed the connection")
        data += chunk


def request(port, path):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    read_answer(s)
    s.close()


def runtime_figures(port):
    """The runtime's own account (GET /mem, Go and Node.js only), read on a connection of its own."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /mem HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    if b"chunked" in head.lower():  # Go chunks a body it did not know the length of
        body = body.split(b"\r\n", 1)[1].rsplit(b"\r\n0", 1)[0]
    return json.loads(body)


def proc_figures(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmSize"):
                out[k] = int(v.split()[0]) * 1024
            elif k == "Threads":
                out[k] = int(v)
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Anonymous"):
                out[k] = int(v.split()[0]) * 1024
    out["Private"] = out.pop("Private_Clean") + out.pop("Private_Dirty")
    with open("/proc/loadavg") as f:
        out["load"] = float(f.read().split()[0])
    return out


def measure(cmd, mode, n):
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    socks = []
    try:
        port = int(server.stdout.readline())
        request(port, "/")  # the warm-up request every baseline has had
        if mode == "conn":
            for _ in range(n):
                s = socket.create_connection(("127.0.0.1", port))
                s.sendall(REQUEST)
                read_answer(s)
                socks.append(s)
        elif n:
            request(port, f"/park?n={n}")
        time.sleep(1.0)
        figures = proc_figures(server.pid)
        if "conn_server_cpp" not in cmd[0]:
            figures["runtime"] = runtime_figures(port)
        return figures
    finally:
        for s in socks:
            s.close()
        server.terminate()
        server.wait()


def mib(b):
    return f"{b / 2**20:.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--n", default="0,100,1000,10000")
    ap.add_argument("--servers", default="go,node,cpp")
    ap.add_argument("--modes", default="conn,task")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    ns = [int(x) for x in args.n.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        cmds = build(tmp)
        rows = []
        print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
              f"open files {hard}", flush=True)
        print("server mode N run VmRSS Pss Private Anonymous VmSize Threads load runtime(GET /mem)", flush=True)
        for name in args.servers.split(","):
            for mode in args.modes.split(","):
                for n in ns:
                    if n == 0 and mode != args.modes.split(",")[0]:
                        continue  # one baseline per server
                    for run in range(args.runs):
                        r = measure(cmds[name], mode, n)
                        r.update(server=name, mode=mode if n else "base", n=n, run=run)
                        rows.append(r)
                        print(name, r["mode"], n, run, r["VmRSS"], r["Pss"], r["Private"], r["Anonymous"],
                              r["VmSize"], r["Threads"], r["load"], json.dumps(r.get("runtime", {})), flush=True)
    summarise(rows, args.servers.split(","), args.modes.split(","), [n for n in ns if n])
    summarise_runtime(rows, args.servers.split(","), args.modes.split(","), [n for n in ns if n])


def summarise(rows, servers, modes, ns):
    print()
    print("| server | what | N | VmRSS MiB (min–max) | per one, bytes of RSS (min–max) | per one, Private bytes | threads | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|")
    for name in servers:
        base = [r for r in rows if r["server"] == name and r["n"] == 0]
        if not base:
            continue
        b_rss = statistics.median(r["VmRSS"] for r in base)
        b_priv = statistics.median(r["Private"] for r in base)
        print(f"| {name} | baseline | 0 | {mib(b_rss)} ({mib(min(r['VmRSS'] for r in base))}–"
              f"{mib(max(r['VmRSS'] for r in base))}) | | Private {mib(b_priv)} MiB | "
              f"{base[0]['Threads']} | {min(r['load'] for r in base):.1f}–{max(r['load'] for r in base):.1f} |")
        for mode in modes:
            for n in ns:
                rs = [r for r in rows if r["server"] == name and r["mode"] == mode and r["n"] == n]
                if not rs:
                    continue
                per = sorted((r["VmRSS"] - b_rss) / n for r in rs)
                priv = sorted((r["Private"] - b_priv) / n for r in rs)
                thr = sorted({r["Threads"] for r in rs})
                print(f"| {name} | {'connections' if mode == 'conn' else 'bare tasks'} | {n} | "
                      f"{mib(statistics.median(r['VmRSS'] for r in rs))} ({mib(min(r['VmRSS'] for r in rs))}–"
                      f"{mib(max(r['VmRSS'] for r in rs))}) | {statistics.median(per):,.0f} ({per[0]:,.0f}–{per[-1]:,.0f}) | "
                      f"{statistics.median(priv):,.0f} ({priv[0]:,.0f}–{priv[-1]:,.0f}) | "
                      f"{thr[0] if len(thr) == 1 else f'{thr[0]}–{thr[-1]}'} | "
                      f"{min(r['load'] for r in rs):.1f}–{max(r['load'] for r in rs):.1f} |")


def summarise_runtime(rows, servers, modes, ns):
    """Per connection or task, the runtime's own account: where the RSS went (medians over runs)."""
    print()
    print("| server | what | N | per one, by the runtime's account (median bytes over the runs) |")
    print("|---|---|---|---|")
    for name in servers:
        base = [r for r in rows if r["server"] == name and r["n"] == 0 and r.get("runtime")]
        if not base:
            continue
        keys = sorted(base[0]["runtime"])
        b = {k: statistics.median(r["runtime"][k] for r in base) for k in keys}
        for mode in modes:
            for n in ns:
                rs = [r for r in rows if r["server"] == name and r["mode"] == mode and r["n"] == n]
                if not rs:
                    continue
                per = {k: statistics.median((r["runtime"][k] - b[k]) / n for r in rs) for k in keys}
                text = ", ".join(f"{k} {v:,.0f}" for k, v in per.items())
                print(f"| {name} | {'connections' if mode == 'conn' else 'bare tasks'} | {n} | {text} |")


if __name__ == "__main__":
    sys.exit(main())
