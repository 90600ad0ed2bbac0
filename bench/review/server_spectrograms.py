"""Review tab serving speed: spectrogram images from a real server, cold and warm, WebP vs PNG.

Starts ``python -m backend.cli serve`` on 127.0.0.1 (temporary ``DIPPER_HOME``, stopped at the end)
with the demo recordings (real bird songs from the pykanto wheel) and measures, for 3 s clips:

- first spectrogram after a cold start (health 200 → first image), median over ``--cold-runs``
  fresh servers (target ≤ 1 s);
- warm per-request time, not cached (a new clip each time) and cached (the same clip again);
- a 12-clip page: 12 new clips fetched over 6 keep-alive connections as a browser does (target
  ≤ 300 ms), and over one connection;
- bytes per 12-clip page as WebP (target ≤ 1 MB) and as PNG, the baseline, with the PNG/WebP ratio;
- for reference, the cold import time of ``scipy.signal``, which the server avoids (numpy FFT).

Run: ``.venv/bin/python bench/review/server_spectrograms.py [--cold-runs 3] [--pages 5]``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from backend.common.demo import prepare_demo  # noqa: E402
from backend.common.paths import default_data_dir  # noqa: E402
from bench.server_startup import _healthy, free_port  # noqa: E402

PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
TOKEN = "bench"
CLIP_S = 3.0
PAGE_CLIPS = 12
CONNECTIONS = 6


def demo_clips(work_dir: Path) -> list[tuple[Path, float]]:
    """Distinct 3 s clips ``(file, start_s)`` cut from the demo recordings every 0.1 s."""
    import soundfile

    data_dir = work_dir / "demo-data"
    cached = default_data_dir() / "cache"
    if cached.is_dir():  # reuse the user's pykanto wheel instead of downloading it again
        shutil.copytree(cached, data_dir / "cache", dirs_exist_ok=True)
    demo = prepare_demo(data_dir, report=lambda line: print(f"  {line}", flush=True))
    if demo.audio_dir is None:
        raise SystemExit(f"No demo recordings: {demo.message}")
    clips = []
    for path in sorted(p for p in demo.audio_dir.rglob("*") if p.suffix.lower() == ".wav"):
        duration_s = soundfile.info(str(path)).duration
        start_s = 0.0
        while start_s + CLIP_S <= duration_s:
            clips.append((path, start_s))
            start_s = round(start_s + 0.1, 3)
    return clips


class Server:
    """One ``dipper serve`` process on a free port; ``stop()`` always ends it."""

    def __init__(self, home: Path, root: Path) -> None:
        self.port = free_port()
        python = PYTHON if PYTHON.exists() else Path(sys.executable)
        command = [str(python), "-m", "backend.cli", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--token", TOKEN, "--no-browser", "--root", str(root)]
        env = {**os.environ, "DIPPER_HOME": str(home)}
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        started = time.perf_counter()
        while not _healthy(f"http://127.0.0.1:{self.port}/api/health"):
            if self.process.poll() is not None or time.perf_counter() - started > 60:
                self.stop()
                raise SystemExit("the server did not start")
            time.sleep(0.01)

    def url(self, path: Path, start_s: float, fmt: str = "webp") -> str:
        query = {"path": str(path), "start_s": f"{start_s:g}", "end_s": f"{start_s + CLIP_S:g}"}
        query |= {"format": fmt, "token": TOKEN}
        return f"http://127.0.0.1:{self.port}/api/spectrogram?{urllib.parse.urlencode(query)}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_local = threading.local()


def fetch(url: str) -> tuple[float, int]:
    """Seconds for one GET (to the last byte) and the body size, over this thread's keep-alive
    connection (as a browser reuses its connections)."""
    parts = urllib.parse.urlsplit(url)
    connection = getattr(_local, "connection", None)
    if connection is None or getattr(_local, "netloc", None) != parts.netloc:
        connection = http.client.HTTPConnection(parts.netloc, timeout=30)
        _local.connection, _local.netloc = connection, parts.netloc
    started = time.perf_counter()
    connection.request("GET", f"{parts.path}?{parts.query}")
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{response.status} for {url}")
    return time.perf_counter() - started, len(body)


def fetch_page(pool: ThreadPoolExecutor, urls: list[str]) -> tuple[float, int]:
    """Wall seconds and total bytes for a page of images fetched through ``pool``."""
    started = time.perf_counter()
    sizes = [size for _, size in pool.map(fetch, urls)]
    return time.perf_counter() - started, sum(sizes)


def scipy_signal_import_s() -> float:
    """Cold ``import scipy.signal`` in a fresh interpreter (what the server does not do)."""
    code = (
        "import time; t = time.perf_counter(); import scipy.signal; print(time.perf_counter() - t)"
    )
    python = PYTHON if PYTHON.exists() else Path(sys.executable)
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Spectrogram serving speed and size.")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dipper-bench-review-") as tmp:
        work = Path(tmp)
        clips = demo_clips(work)
        needed = args.cold_runs + (args.pages + 2) * PAGE_CLIPS
        if len(clips) < needed:
            raise SystemExit(f"only {len(clips)} distinct clips, {needed} needed")
        root = clips[0][0].parents[1]
        cold = []
        for run in range(args.cold_runs):
            server = Server(work / f"home{run}", root)
            try:
                cold.append(fetch(server.url(*clips[run]))[0])
            finally:
                server.stop()
        server = Server(work / "home-warm", root)
        try:
            fetch(server.url(*clips[-1]))  # warm the imports
            fresh = clips[args.cold_runs :]
            uncached = [fetch(server.url(*clip))[0] for clip in fresh[:PAGE_CLIPS]]
            cached = [fetch(server.url(*clip))[0] for clip in fresh[:PAGE_CLIPS]]
            pages = [fresh[PAGE_CLIPS * (1 + i) : PAGE_CLIPS * (2 + i)] for i in range(args.pages)]
            with ThreadPoolExecutor(CONNECTIONS) as pool:
                webp = [fetch_page(pool, [server.url(*c) for c in page]) for page in pages]
                png = [
                    fetch_page(pool, [server.url(*c, fmt="png") for c in page]) for page in pages
                ]
            one = fresh[PAGE_CLIPS * (1 + args.pages) :][:PAGE_CLIPS]
            with ThreadPoolExecutor(1) as pool:
                sequential = fetch_page(pool, [server.url(*clip) for clip in one])[0]
        finally:
            server.stop()
    scipy_s = scipy_signal_import_s()

    cold_s = statistics.median(cold)
    page_s = statistics.median(t for t, _ in webp)
    page_bytes = statistics.median(b for _, b in webp)
    png_page_s = statistics.median(t for t, _ in png)
    png_bytes = statistics.median(b for _, b in png)
    print(f"\nSpectrograms of {CLIP_S:g} s demo clips, 400x200 px, via a real server")
    print(f"{'measure':44} {'value':>12}  target")
    print(
        f"{'first image after a cold start (median)':44} {cold_s * 1000:9.0f} ms  ≤ 1000 ms "
        f"{_verdict(cold_s <= 1.0)}"
    )
    print(f"{'warm, not cached, per request':44} {statistics.median(uncached) * 1000:9.1f} ms")
    print(f"{'warm, server-cached, per request':44} {statistics.median(cached) * 1000:9.1f} ms")
    print(
        f"{'12-clip page, WebP, 6 connections (median)':44} {page_s * 1000:9.0f} ms  ≤ 300 ms "
        f"{_verdict(page_s <= 0.3)}"
    )
    print(f"{'12-clip page, PNG, 6 connections (median)':44} {png_page_s * 1000:9.0f} ms")
    print(f"{'12-clip page, WebP, 1 connection':44} {sequential * 1000:9.0f} ms")
    print(
        f"{'bytes per 12-clip page, WebP':44} {page_bytes / 1e3:9.0f} kB  ≤ 1000 kB "
        f"{_verdict(page_bytes <= 1e6)}"
    )
    print(f"{'bytes per 12-clip page, PNG (baseline)':44} {png_bytes / 1e3:9.0f} kB")
    print(
        f"PNG/WebP bytes: {png_bytes / page_bytes:.1f}x; PNG/WebP page time: "
        f"{png_page_s / page_s:.2f}x"
    )
    print(f"(cold import scipy.signal, avoided on this path: {scipy_s * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
