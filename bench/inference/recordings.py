"""A benchmark folder of real recordings and the helpers the inference benchmarks share.

The sources are the demo recordings (``backend.common.demo.prepare_demo``: great tit songs, a
storm-petrel, an AudioMoth clip, from the pykanto wheel) and opensoundscape's
``sample_data/birds_10s.wav`` (a warbler chorus) from the torch environment. Benchmark file ``i``
tiles source ``i mod 6`` to the requested length at the source's own sample rate (22.05, 32, 44.1
and 48 kHz, 16-bit mono WAV), so the model's decoding and resampling run as on field data. Every
folder lives in a temporary directory and is removed afterwards; nothing is committed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psutil
import soundfile

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from backend.common.demo import prepare_demo  # noqa: E402
from backend.common.paths import default_data_dir  # noqa: E402
from backend.lightweight_server.environment.status import torch_python  # noqa: E402

DIPPER_CLI = REPO_ROOT / ".venv" / "bin" / "dipper"
BARE_PREDICT = Path(__file__).resolve().parent / "bare_predict.py"


def source_recordings(work_dir: Path) -> list[Path]:
    """The real recordings the benchmark folders are tiled from (demo + ``birds_10s.wav``)."""
    data_dir = work_dir / "demo-data"
    cached = default_data_dir() / "cache"
    if cached.is_dir():  # reuse the user's pykanto wheel instead of downloading it again
        shutil.copytree(cached, data_dir / "cache", dirs_exist_ok=True)
    demo = prepare_demo(data_dir, report=lambda line: print(f"  {line}", flush=True))
    if demo.audio_dir is None:
        raise SystemExit(f"No demo recordings: {demo.message}")
    sources = sorted(p for p in demo.audio_dir.rglob("*") if p.suffix.lower() == ".wav")
    env_dir = torch_python().parents[1]
    sources += sorted(env_dir.glob("lib/python*/site-packages/opensoundscape/sample_data/*.wav"))
    if not sources:
        raise SystemExit("No source recordings found.")
    return sources


def build_folder(
    work_dir: Path, n_files: int, minutes_per_file: float, name: str = "audio"
) -> tuple[Path, float]:
    """Write ``n_files`` recordings of ``minutes_per_file`` into ``work_dir/name``.

    Returns
    -------
    tuple[Path, float]
        The folder and the total audio duration in seconds.
    """
    sources = source_recordings(work_dir)
    folder = work_dir / name
    folder.mkdir(parents=True, exist_ok=True)
    total_s = 0.0
    for i in range(n_files):
        source = sources[i % len(sources)]
        samples, rate = soundfile.read(str(source), dtype="int16", always_2d=True)
        mono = samples[:, 0]
        wanted = int(round(minutes_per_file * 60 * rate))
        tiled = np.tile(mono, -(-wanted // len(mono)))[:wanted]
        soundfile.write(
            str(folder / f"rec_{i:03d}_{source.stem}.wav"), tiled, rate, subtype="PCM_16"
        )
        total_s += wanted / rate
    return folder, total_s


def wav_files(folder: Path) -> list[Path]:
    """The benchmark recordings in ``folder``, sorted."""
    return sorted(folder.glob("*.wav"))


@dataclass
class RunResult:
    """One benchmarked subprocess: wall time, memory peaks and its output."""

    wall_s: float
    max_rss_bytes: int  # largest single process (kernel's exact peak, via wait4)
    tree_rss_bytes: int  # sum over the process tree (sampled every 50 ms)
    cpu_s: float = 0.0  # user + system CPU time of the process and its waited-for descendants
    output: str = ""
    returncode: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def run_measured(command: list[str], env: dict[str, str] | None = None) -> RunResult:
    """Run ``command`` to completion; time it and record its peak memory.

    ``max_rss_bytes`` and ``cpu_s`` come from ``wait4`` (the peak RSS of the process or of any
    descendant it waited for; their CPU time); ``tree_rss_bytes`` is the largest sum of RSS over
    the process tree seen while polling.
    """
    output: list[str] = []
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    reader = threading.Thread(target=lambda: output.extend(process.stdout or []), daemon=True)
    reader.start()
    tree_peak = 0
    status = None
    while status is None:
        tree_peak = max(tree_peak, _tree_rss(process.pid))
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid == 0:
            status = None
            time.sleep(0.05)
    wall_s = time.perf_counter() - started
    reader.join(timeout=5)
    process.returncode = os.waitstatus_to_exitcode(status)
    kib = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss is KiB on Linux, bytes on macOS
    return RunResult(
        wall_s=wall_s,
        max_rss_bytes=int(usage.ru_maxrss * 1024 * kib),
        tree_rss_bytes=tree_peak,
        cpu_s=usage.ru_utime + usage.ru_stime,
        output="".join(output),
        returncode=process.returncode,
    )


def _tree_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in processes:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def dipper_timings(log: str) -> dict[str, float]:
    """Phase timings from the inference script's log lines (seconds since the job started)."""
    found = {}
    patterns = {
        "load_s": r"Model loaded in ([\d.]+) s",
        "predict_s": r"Predicted .* in ([\d.]+) s \(",
        "total_s": r"Wrote .* in ([\d.]+) s in all",
    }
    for key, pattern in patterns.items():
        match = re.search(pattern, log)
        if match:
            found[key] = float(match.group(1))
    return found


def dipper_choices(log: str) -> tuple[int, int, int]:
    """(TFLite threads, batch size, workers) that ``dipper run inference`` chose, from its log."""
    threads = re.search(r"(\d+) TFLite threads", log)
    batch = re.search(r"batch size (\d+), (\d+) workers", log)
    if not threads or not batch:
        raise SystemExit(f"Could not read the auto choices from the inference log:\n{log[-2000:]}")
    return int(threads.group(1)), int(batch.group(1)), int(batch.group(2))


def run_dipper_inference(
    work_dir: Path, audio_dir: Path, name: str, **options: object
) -> RunResult:
    """``dipper run inference --config`` (headless, end to end) on ``audio_dir``; fails loudly."""
    config = {
        "audio_dir": str(audio_dir),
        "extensions": [".wav"],
        "output_dir": str(work_dir / "jobs"),
        "job_dir": str(work_dir / "jobs" / name),
        "model": "BirdNET",
        **options,
    }
    config_path = work_dir / f"{name}.json"
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    result = run_measured([str(DIPPER_CLI), "run", "inference", "--config", str(config_path)])
    if result.returncode != 0:
        raise SystemExit(f"dipper run inference failed ({result.returncode}):\n{result.output}")
    result.timings = dipper_timings(result.output)
    return result


def mib(n_bytes: float) -> str:
    """``n_bytes`` as MiB, one decimal."""
    return f"{n_bytes / 2**20:.1f} MiB"
