"""Bounded load test of the chat API on loopback, with gradio_client.

    python -m tools.loadtest [--url http://127.0.0.1:7860/] [--burst 50] [--duration 120]
                                 [--workers 8] [--max-requests 20000] [--sessions 5000] [--ttl 20]
    python -m tools.loadtest --compare 4,32 [--duration 20] [--unique]    # /api/ask vs /chat, side by side

Without --url it starts the app in this process on a free loopback port, with every limit of
web.guard installed. Phase 1 fires `--burst` chats at once; phase 2 keeps `--workers` chats going for
`--duration` seconds (and at most `--max-requests`). Prints throughput, p50/p95/p99 latency and
errors per phase; exits 1 on any error. With the local app, a memory phase follows: `--sessions`
chats each in its own session, then as many calls whose result is never fetched; the resident memory
is printed at start, after them, and once sessions and results have expired (`--ttl` seconds).
Only loopback addresses are accepted: this is not a tool for loading other machines.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from eval.metrics import percentile

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass
class Phase:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    def row(self) -> dict:
        lat = self.latencies_ms

        def pct(p: int) -> float:
            return round(percentile(lat, p), 1) if lat else float("nan")

        n = len(lat) + len(self.errors)
        return {
            "phase": self.name,
            "requests": n,
            "errors": len(self.errors),
            "throughput_rps": round(len(lat) / self.wall_s, 1) if self.wall_s else 0.0,
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "wall_s": round(self.wall_s, 1),
        }


def _questions() -> list[str]:
    lines = (ROOT / "eval/questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x)["question"] for x in lines if x.strip()]


def _call(client, question: str, phase: Phase, lock: threading.Lock) -> None:
    t = time.perf_counter()
    try:
        out = client.predict(question, [], api_name="/chat")
        ok = isinstance(out, dict) and isinstance(out.get("answer"), str) and out["answer"]
        err = None if ok else f"bad payload: {str(out)[:80]}"
    except Exception as e:  # noqa: BLE001 - every failure is counted, not raised
        err = f"{type(e).__name__}: {str(e)[:120]}"
    ms = (time.perf_counter() - t) * 1000
    with lock:
        (phase.errors.append(err) if err else phase.latencies_ms.append(ms))


def burst(url: str, n: int, questions: list[str]) -> Phase:
    from gradio_client import Client

    phase, lock = Phase(f"burst x{n}"), threading.Lock()
    clients = [Client(url, verbose=False) for _ in range(n)]
    start = threading.Barrier(n + 1)

    def one(i: int) -> None:
        start.wait()
        _call(clients[i], questions[i % len(questions)], phase, lock)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for th in threads:
        th.start()
    t0 = time.perf_counter()
    start.wait()
    for th in threads:
        th.join(timeout=300)
    phase.wall_s = time.perf_counter() - t0
    return phase


def _gradio_client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False)


def _api_client(url: str):
    import httpx

    return httpx.Client(base_url=url, timeout=60.0)


def _api_call(client, question: str, phase: Phase, lock: threading.Lock) -> None:
    t = time.perf_counter()
    try:
        r = client.post("api/ask", json={"question": question, "history": []})
        ok = r.status_code == 200 and isinstance(r.json().get("answer"), str) and r.json()["answer"]
        err = None if ok else f"HTTP {r.status_code}: {r.text[:80]}"
    except Exception as e:  # noqa: BLE001 - every failure is counted, not raised
        err = f"{type(e).__name__}: {str(e)[:120]}"
    ms = (time.perf_counter() - t) * 1000
    with lock:
        (phase.errors.append(err) if err else phase.latencies_ms.append(ms))


def sustained(url: str, workers: int, duration: float, max_requests: int, questions: list[str],
              make_client=_gradio_client, call=_call, name: str = "", unique: bool = False) -> Phase:
    """`unique`: each request's question gets its own numbered suffix, so no answer or query vector
    can come from a cache (the plain run cycles through the 133 public questions)."""
    phase = Phase(name or f"sustained {workers} workers {duration:.0f}s")
    lock = threading.Lock()
    deadline = time.perf_counter() + duration
    counter = iter(range(max_requests))
    ready, go = threading.Barrier(workers + 1), threading.Barrier(workers + 1)

    def worker(w: int) -> None:
        client = make_client(url)
        ready.wait()  # clients are made before the clock starts
        go.wait()
        while time.perf_counter() < deadline:
            i = next(counter, None)
            if i is None:
                return
            question = questions[(i * 7 + w) % len(questions)]
            call(client, f"{question} #{i}" if unique else question, phase, lock)

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(workers)]
    for th in threads:
        th.start()
    ready.wait()
    t0 = time.perf_counter()
    deadline = t0 + duration
    go.wait()
    for th in threads:
        th.join(timeout=duration + 120)
    phase.wall_s = time.perf_counter() - t0
    return phase


def start_app_process(timeout: float = 900.0):
    """`python app.py` in its own process (so the load generator does not share its GIL) on a free
    loopback port, without a login; returns (process, url) once /api/plans answers."""
    import os
    import subprocess

    import httpx

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANQA_AUTH_")}
    env.update(PLANQA_HOST="127.0.0.1", PLANQA_PORT=str(port))
    # The server's log goes to a file: at shutdown uvicorn prints a traceback for every Gradio event
    # stream still open, which would bury the figures; it is shown only if the app fails to start.
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"error: app.py exited with {proc.returncode}:\n{log.read()[-2000:]}")
        try:
            if httpx.get(url + "api/plans", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(1)
    proc.terminate()
    raise SystemExit("error: app.py did not start in time")


def compare(clients: list[int], duration: float, max_requests: int, unique: bool = False) -> list[Phase]:
    """The JSON API and Gradio /chat side by side, same server process, same questions."""
    proc, url = start_app_process()
    questions = _questions()
    phases = []
    try:
        for n in clients:
            for label, make, call in (("POST /api/ask", _api_client, _api_call), ("gradio /chat", _gradio_client, _call)):
                phases.append(sustained(url, n, duration, max_requests, questions, make, call, f"{label} x{n} clients",
                                        unique))
    finally:
        proc.terminate()
        proc.wait(30)
    return phases


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_local_app(ttl: float | None = None):
    """The real app (default settings, real model and index, web.guard limits) on a free loopback port."""
    import app as planqa_app
    from assistant.pipeline import Assistant
    from corpus.settings import get_settings
    from web.guard import launch_options

    settings = get_settings()
    if ttl is not None:
        settings = settings.model_copy(update={"session_ttl": ttl, "result_ttl": ttl})
    assistant = Assistant(settings)
    assistant.warm_up()
    demo = planqa_app.build_app(assistant, settings)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    port = _free_port()
    options = launch_options(demo, settings.model_copy(update={"host": "127.0.0.1", "port": port}))
    demo.launch(prevent_thread_lock=True, quiet=True, **options)
    return demo, f"http://127.0.0.1:{port}/"


def rss_mb() -> float:
    """This process's resident memory (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory_phase(url: str, sessions: int, ttl: float, questions: list[str], workers: int = 16) -> tuple[Phase, dict]:
    """`sessions` chats each in a new session (result fetched), then `sessions` calls never fetched;
    RSS at start, after both, and after the sweeper has expired them (ttl + a few sweeps)."""
    import gc

    import httpx

    phase, lock = Phase(f"memory: {sessions} sessions + {sessions} unclaimed"), threading.Lock()
    base = url.rstrip("/")
    figures = {"start_mb": round(rss_mb(), 1)}
    todo = iter(range(2 * sessions))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            while (i := next(todo, None)) is not None:
                q = questions[i % len(questions)]
                t = time.perf_counter()
                err = None
                for _ in range(200):  # a full queue is waited out, not counted as an error
                    r = c.post("/gradio_api/call/chat", json={"data": [q, []]})
                    if r.status_code != 503:
                        break
                    time.sleep(0.05)
                if r.status_code != 200:
                    err = f"HTTP {r.status_code}"
                elif i < sessions:  # a normal session: fetch the result
                    text = c.get(f"/gradio_api/call/chat/{r.json()['event_id']}").text
                    err = None if "event: complete" in text else f"no result: {text[:80]!r}"
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    (phase.errors.append(err) if err else phase.latencies_ms.append(ms))

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=3600)
    phase.wall_s = time.perf_counter() - t0
    gc.collect()
    figures["after_calls_mb"] = round(rss_mb(), 1)
    time.sleep(ttl + 15)  # expiry, then a few sweeps
    gc.collect()
    figures["after_expiry_mb"] = round(rss_mb(), 1)
    figures["growth_mb"] = round(figures["after_expiry_mb"] - figures["start_mb"], 1)
    return phase, figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.loadtest", description=__doc__.split("\n\n")[0])
    p.add_argument("--url", help="a running PlanQA on loopback; default: start one in this process")
    p.add_argument("--burst", type=int, default=50)
    p.add_argument("--duration", type=float, default=120.0)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--max-requests", type=int, default=20000)
    p.add_argument("--sessions", type=int, default=5000, help="memory phase (local app only); 0 to skip")
    p.add_argument("--ttl", type=float, default=20.0, help="session and result expiry of the local app (s)")
    p.add_argument("--compare", metavar="CLIENTS", help="e.g. 4,32: POST /api/ask vs gradio /chat at each client "
                   "count, --duration seconds each (default 20), against app.py started in its own process")
    p.add_argument("--unique", action="store_true", help="with --compare: every question made unique (a numbered "
                   "suffix), so nothing is answered from a cache")
    args = p.parse_args(argv)
    if args.compare:
        phases = compare([int(x) for x in args.compare.split(",")], args.duration if args.duration != 120.0 else 20.0,
                         args.max_requests, args.unique)
        _print(phases)
        for line in _ratios(phases):
            print(line)
        return 1 if any(ph.errors for ph in phases) else 0
    demo = None
    if args.url:
        if urlparse(args.url).hostname not in LOOPBACK:
            print("error: --url must be a loopback address (127.0.0.1, localhost or ::1)", file=sys.stderr)
            return 2
        url = args.url
    else:
        demo, url = start_local_app(args.ttl)
    ready_mb = round(rss_mb(), 1)
    questions = _questions()
    memory = None
    try:
        phases = [burst(url, args.burst, questions)]
        if args.duration > 0:
            phases.append(sustained(url, args.workers, args.duration, args.max_requests, questions))
        if demo is not None and args.sessions > 0:
            phase, memory = memory_phase(url, args.sessions, args.ttl, questions)
            memory = {"ready_mb": ready_mb, **memory, "growth_since_ready_mb": round(memory["after_expiry_mb"] - ready_mb, 1)}
            phases.append(phase)
    finally:
        if demo is not None:
            demo.close()
    _print(phases, memory)
    return 1 if any(ph.errors for ph in phases) else 0


def _ratios(phases: list[Phase]) -> list[str]:
    """One line a client count: the API's p95 and its throughput as a multiple of Gradio's."""
    rows = {ph.name: ph.row() for ph in phases}
    out = []
    for name, api in rows.items():
        if not name.startswith("POST /api/ask"):
            continue
        gradio = rows.get(name.replace("POST /api/ask", "gradio /chat"))
        ratio = f"{api['throughput_rps'] / gradio['throughput_rps']:.1f}x" if gradio and gradio["throughput_rps"] else "n/a"
        out.append(f"{name.split()[-2][1:]} clients: API p95 {api['p95_ms']} ms, {api['throughput_rps']} req/s = "
                   f"{ratio} Gradio ({gradio['throughput_rps'] if gradio else '-'} req/s), "
                   f"errors {api['errors']} + {gradio['errors'] if gradio else '-'}")
    return out


def _print(phases: list[Phase], memory: dict | None = None) -> None:
    rows = [ph.row() for ph in phases]
    cols = list(rows[0])
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    if memory is not None:
        print("\nresident memory (MB): " + ", ".join(f"{k} {v}" for k, v in memory.items()))
    for ph in phases:
        for e in sorted(set(ph.errors))[:5]:
            print(f"{ph.name}: {ph.errors.count(e)} x {e}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
