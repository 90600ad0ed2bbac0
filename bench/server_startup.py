"""Server start-up time and idle memory: plain ``python -m backend.cli serve`` vs the frozen build.

For each variant, 5 runs: time from ``Popen`` to the first ``200`` from ``/api/health`` (polled
every 10 ms), then the resident memory of the server process (and any children) after 3 s idle.
Prints a table of medians and the frozen/plain ratio. The frozen variant is skipped when
``build/out/dipper-server`` has not been built (``make build-server``).

Run: ``.venv/bin/python bench/server_startup.py [--runs N]``. Servers bind 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

REPO_ROOT = Path(__file__).resolve().parents[1]
FROZEN_EXE = REPO_ROOT / "build" / "out" / "dipper-server" / "dipper-server"
PLAIN_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
IDLE_S = 3.0
HEALTH_TIMEOUT_S = 60.0


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its children."""
    root = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])


def measure_once(prefix: list[str], home: Path) -> tuple[float, int]:
    """Start one server; return (seconds to first health 200, idle RSS bytes). Always stops it."""
    port = free_port()
    command = [*prefix, "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--token", "bench", "--no-browser"]
    env = {**os.environ, "DIPPER_HOME": str(home)}
    url = f"http://127.0.0.1:{port}/api/health"
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {process.returncode}")
            if time.perf_counter() - started > HEALTH_TIMEOUT_S:
                raise RuntimeError(f"no health 200 within {HEALTH_TIMEOUT_S} s")
            time.sleep(0.01)
        startup_s = time.perf_counter() - started
        time.sleep(IDLE_S)
        return startup_s, tree_rss_bytes(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure(prefix: list[str], runs: int) -> dict[str, float]:
    """Median start-up seconds and idle RSS (MB) over ``runs`` fresh servers."""
    startups, rss = [], []
    with tempfile.TemporaryDirectory(prefix="dipper-bench-") as tmp:
        for i in range(runs):
            startup_s, rss_bytes = measure_once(prefix, Path(tmp) / f"home{i}")
            startups.append(startup_s)
            rss.append(rss_bytes / 1e6)
    return {
        "startup_median_s": statistics.median(startups),
        "startup_min_s": min(startups),
        "startup_max_s": max(startups),
        "rss_median_mb": statistics.median(rss),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Server start-up time and idle memory.")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    python = PLAIN_PYTHON if PLAIN_PYTHON.exists() else Path(sys.executable)
    variants: dict[str, list[str]] = {"plain": [str(python), "-m", "backend.cli"]}
    if FROZEN_EXE.is_file():
        variants["frozen"] = [str(FROZEN_EXE)]

    results = {name: measure(prefix, args.runs) for name, prefix in variants.items()}
    print(f"\nServer start-up to first /api/health 200 ({args.runs} runs each, medians)")
    print(f"{'variant':8} {'median s':>9} {'min s':>7} {'max s':>7} {'idle RSS MB':>12}")
    for name, r in results.items():
        print(
            f"{name:8} {r['startup_median_s']:9.3f} {r['startup_min_s']:7.3f} "
            f"{r['startup_max_s']:7.3f} {r['rss_median_mb']:12.1f}"
        )
    if "frozen" in results:
        plain, frozen = results["plain"], results["frozen"]
        startup_ratio = frozen["startup_median_s"] / plain["startup_median_s"]
        rss_ratio = frozen["rss_median_mb"] / plain["rss_median_mb"]
        print(f"frozen/plain: start-up {startup_ratio:.2f}x, idle RSS {rss_ratio:.2f}x")
    else:
        print(f"frozen: skipped ({FROZEN_EXE.relative_to(REPO_ROOT)} not built; make build-server)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
