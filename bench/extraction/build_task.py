"""Time and peak memory of building a stratified multi-strategy annotation task from 1,000,000
windows × 100 classes, from a dense ``predictions.csv`` and from the equivalent sparse pickle.

Each run is the extraction job's core (:func:`backend.scripts.extraction.run.run_extraction`) in
a fresh subprocess of the torch environment's python (as ``dipper`` runs it; this python if that
environment is missing): read the chosen class columns, threshold −3 (the sparse floor, so both
inputs hold the same candidates), strata subfolder × ISO week, strategies random 5, top 5,
score bins 2 per default bin, score-weighted 5 and z-score-weighted 5, binary outputs written.
Wall time is measured around the core inside the child; peak RSS is the child's kernel high-water
mark (``wait4``). The baseline is the in-memory size of the scores (windows × classes × 4 bytes
of float32, dense): targets ≤ 10 s and peak RSS ≤ 3× that. The inputs are generated once into
``--data`` (default: a folder in the temp dir; ~0.7 GB CSV + ~60 MB pickle, ~1 min).

Run: ``.venv/bin/python bench/extraction/build_task.py [--windows 1000000] [--classes 100]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parents[1]
STRATEGIES = [
    {"kind": "random", "n": 5},
    {"kind": "top", "n": 5},
    {"kind": "score_bins", "n": 2},
    {"kind": "score_weighted", "n": 5},
    {"kind": "zscore_weighted", "n": 5},
]


def job_python() -> str:
    """The torch environment's interpreter when installed, else this one."""
    sys.path.insert(0, str(REPO_ROOT))
    try:
        from backend.lightweight_server.environment.status import torch_python

        return str(torch_python())
    except Exception:  # missing environment: measure in this interpreter
        return sys.executable


def rss_mib() -> float:
    """This process's resident set size now, MiB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(args: argparse.Namespace) -> int:
    """Run one extraction in this process; print a JSON line with its numbers."""
    sys.path.insert(0, str(REPO_ROOT))
    from backend.common.extraction_config import ExtractionConfig
    from backend.scripts.extraction.run import run_extraction
    from backend.scripts.job_io import Reporter

    config = ExtractionConfig.model_validate(
        {
            "predictions_dir": args.input,
            "classes": [f"species_{i:03d}" for i in range(args.chosen)],
            "score_threshold": -3.0,
            "stratify_by_subfolder": True,
            "stratify_by_week": True,
            "strategies": STRATEGIES,
            "output_dir": args.out,
        }
    )
    baseline = rss_mib()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = run_extraction(config, Reporter(emit=lambda _line: None))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    rows = 0
    for path in result["outputs"][:-1]:
        with open(path, encoding="utf-8") as fh:
            rows += sum(1 for _ in fh) - 1  # minus the header
    print(
        json.dumps(
            {
                "wall_s": wall,
                "cpu_s": cpu,
                "baseline_mib": baseline,
                "rows": rows,
                "summary": result["outputs"][-1],
            }
        )
    )
    return 0


def run_child(python: str, input_dir: Path, chosen: int, out: Path) -> dict:
    command = [
        python,
        str(Path(__file__).resolve()),
        "--child",
        "--input",
        str(input_dir),
        "--chosen",
        str(chosen),
        "--out",
        str(out),
    ]
    proc = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"extraction run failed ({proc.returncode})")
    numbers = json.loads(output.strip().splitlines()[-1])
    numbers["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    return numbers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=1_000_000)
    parser.add_argument("--classes", type=int, default=100)
    parser.add_argument(
        "--data", type=Path, default=Path(tempfile.gettempdir()) / "dipper-bench-extraction"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--chosen", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.generate:
        sys.path.insert(0, str(BENCH_DIR))
        from synthetic_predictions import ensure

        ensure(args.data, args.windows, args.classes)
        return 0

    python = job_python()
    started = time.perf_counter()
    subprocess.run(
        [
            python,
            str(Path(__file__).resolve()),
            "--generate",
            "--windows",
            str(args.windows),
            "--classes",
            str(args.classes),
            "--data",
            str(args.data),
        ],
        check=True,
        cwd=REPO_ROOT,
    )
    base = args.data / f"{args.windows}x{args.classes}"
    print(f"inputs ready in {time.perf_counter() - started:.0f} s under {base} ({python})")
    score_mib = args.windows * args.classes * 4 / 2**20
    print(f"scores in memory (float32, {args.windows:,} × {args.classes}): {score_mib:.0f} MiB")
    header = (
        f"{'input':<8} {'classes':>7} {'rows':>6} {'wall s':>7} {'CPU s':>6} {'peak MiB':>9} "
        f"{'peak/scores':>11} {'+MiB':>7}"
    )
    print("\n" + header)
    summaries = {}
    with tempfile.TemporaryDirectory(prefix="dipper-bench-extraction-out-") as tmp:
        for chosen in (10, args.classes):
            for kind in ("dense", "sparse"):
                out = Path(tmp) / f"{kind}_{chosen}"
                n = run_child(python, base / kind, chosen, out)
                summaries[(kind, chosen)] = Path(n["summary"]).read_text(encoding="utf-8")
                extra = n["peak_mib"] - n["baseline_mib"]
                print(
                    f"{kind:<8} {chosen:>7} {n['rows']:>6} {n['wall_s']:>7.2f} {n['cpu_s']:>6.2f} "
                    f"{n['peak_mib']:>9.0f} "
                    f"{n['peak_mib'] / score_mib:>10.2f}x {extra:>7.0f}",
                    flush=True,
                )
            same = summaries[("dense", chosen)] == summaries[("sparse", chosen)]
            print(f"{'':<8} sparse and dense summaries identical: {same}")
    print("\ntargets: wall ≤ 10 s, peak RSS ≤ 3× the scores' in-memory size")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
