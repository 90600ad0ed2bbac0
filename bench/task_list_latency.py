"""``GET /api/tasks`` latency with a long task list (200 tasks) against a short one (10 tasks).

Each case fills a ``tasks.json`` in its own temporary ``DIPPER_HOME`` with realistic tasks (BirdNET
inference configs, job folders, progress, exit codes, error messages), starts the real server
(``create_app`` + ``web.AppRunner`` + ``TCPSite`` on 127.0.0.1, port 0) on an event loop in a
background thread, and times 200 sequential requests from a keep-alive HTTP client in the main
thread (after 10 warm-up requests). Prints p50/p95/max latency, bytes per response, and the 200/10
ratios. Only final or unstarted tasks are stored so the task runner starts nothing meanwhile.

Run: ``.venv/bin/python bench/task_list_latency.py [--requests N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from aiohttp import web

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from backend.lightweight_server.app import create_app  # noqa: E402
from backend.lightweight_server.settings import ServerSettings  # noqa: E402
from backend.lightweight_server.store import Progress, Task, open_task_store  # noqa: E402

TOKEN = "bench"
SITES = ["Hollow Creek", "North Ridge", "Marsh 3", "Oak Transect", "Pond B", "Estuary"]
ERRORS = [
    "Could not read 3 of 412 files: 2023-05-02_0410.wav (unexpected end of file), …",
    "The PyTorch environment is missing. Install it from the Settings tab.",
    "stopped without an exit record",
]


def realistic_task(i: int, home: Path, rng: random.Random, created: datetime) -> Task:
    """One finished-or-unstarted BirdNET task like the ones a user accumulates over a season."""
    site = rng.choice(SITES)
    audio_dir = home / "recordings" / site.replace(" ", "_") / f"2024-{(i % 12) + 1:02d}"
    output_dir = home / "results" / site.replace(" ", "_")
    status = rng.choices(["completed", "failed", "canceled", "unstarted"], [14, 3, 2, 1])[0]
    created_iso = created.isoformat(timespec="seconds")
    config = {
        "model": "BirdNET",
        "audio_dir": str(audio_dir),
        "extensions": [".wav", ".flac", ".mp3", ".ogg"],
        "output_dir": str(output_dir),
        "batch_size": rng.choice([1, 8, 32]),
        "num_workers": rng.choice([0, 2]),
        "activation": "logits",
    }
    task = Task(
        kind="inference",
        name=f"BirdNET on {site} {created:%Y-%m-%d}",
        status=status,
        created_at=created_iso,
        config=config,
        run_in_parallel=rng.random() < 0.2,
    )
    if status == "unstarted":
        return task
    n_files = rng.randint(20, 900)
    ended = created + timedelta(seconds=rng.randint(60, 7200))
    done = n_files if status == "completed" else rng.randint(0, n_files)
    return task.model_copy(
        update={
            "started_at": created_iso,
            "ended_at": ended.isoformat(timespec="seconds"),
            "job_dir": str(output_dir / f"inference_{created:%Y%m%d-%H%M%S}_{task.id[:6]}"),
            "attempt": rng.choice([1, 1, 1, 2]),
            "pid": rng.randint(1000, 400000),
            "pid_create_time": created.timestamp() + 0.25,
            "exit_code": {"completed": 0, "failed": 1, "canceled": -15}[status],
            "error": rng.choice(ERRORS) if status == "failed" else None,
            "progress": Progress(
                fraction=done / n_files,
                message=f"{done}/{n_files} files",
                eta_s=None,
                updated_at=ended.isoformat(timespec="seconds"),
            ),
        }
    )


def fill_store(home: Path, n_tasks: int, seed: int = 0) -> None:
    """Write ``n_tasks`` realistic tasks into ``home/tasks.json``."""
    rng = random.Random(seed)
    store = open_task_store(home)
    start = datetime(2024, 3, 1, 5, 0, tzinfo=timezone.utc)
    for i in range(n_tasks):
        store.add(realistic_task(i, home, rng, start + timedelta(hours=7 * i)))


class ServerThread:
    """The real app on 127.0.0.1 (port 0), served from an event loop in a background thread."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runner: web.AppRunner | None = None
        self.port = 0

    async def _start(self) -> None:
        settings = ServerSettings(data_dir=self.home, token=TOKEN, allowed_roots=[self.home])
        self.runner = web.AppRunner(create_app(settings), access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = self.runner.addresses[0][1]

    def __enter__(self) -> ServerThread:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=30)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.runner is not None:
            asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


def time_requests(port: int, n_requests: int, expected_tasks: int) -> dict[str, float]:
    """Latency (ms) percentiles and bytes per response of ``GET /api/tasks``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    latencies_ms, sizes = [], []
    try:
        for i in range(10 + n_requests):
            started = time.perf_counter()
            conn.request("GET", "/api/tasks", headers=headers)
            response = conn.getresponse()
            body = response.read()
            elapsed_ms = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise RuntimeError(f"GET /api/tasks gave {response.status}: {body[:200]!r}")
            if i == 0 and body.count(b'"kind"') != expected_tasks:
                raise RuntimeError(f"expected {expected_tasks} tasks in the response")
            if i >= 10:
                latencies_ms.append(elapsed_ms)
                sizes.append(len(body))
    finally:
        conn.close()
    latencies_ms.sort()
    return {
        "p50_ms": statistics.median(latencies_ms),
        "p95_ms": latencies_ms[int(0.95 * (len(latencies_ms) - 1))],
        "max_ms": latencies_ms[-1],
        "bytes": statistics.mean(sizes),
    }


def run_case(n_tasks: int, n_requests: int) -> dict[str, float]:
    """Fill a fresh home with ``n_tasks`` tasks, serve it, time the task list."""
    with tempfile.TemporaryDirectory(prefix="dipper-bench-") as tmp:
        home = Path(tmp)
        fill_store(home, n_tasks)
        with ServerThread(home) as server:
            return time_requests(server.port, n_requests, n_tasks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="GET /api/tasks latency, 200 vs 10 tasks.")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)

    results = {n: run_case(n, args.requests) for n in (10, 200)}
    print(f"\nGET /api/tasks over keep-alive HTTP, {args.requests} requests per case")
    print(f"{'tasks':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'bytes/resp':>11}")
    for n, r in results.items():
        print(f"{n:6d} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} {r['max_ms']:8.2f} {r['bytes']:11.0f}")
    base, big = results[10], results[200]
    print(
        f"200/10 ratio: p50 {big['p50_ms'] / base['p50_ms']:.1f}x, "
        f"p95 {big['p95_ms'] / base['p95_ms']:.1f}x, bytes {big['bytes'] / base['bytes']:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
