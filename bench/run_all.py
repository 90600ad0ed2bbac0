"""Run every benchmark in ``bench/`` one after another (``make bench``); prints their tables.

``--inference`` adds the inference benchmarks (``bench/inference/``): they need the torch
environment (``make setup-torch``) and take several minutes on 2 cores. ``--review`` adds the Review
tab benchmarks (``bench/review/``, light server only, about 1 min): spectrogram serving, and paging
in Chromium (a node script; needs the built frontend, ``npm run build --workspace frontend``).
``--extraction`` adds the annotation-task building benchmark (``bench/extraction/``; generates its
1M-window inputs once). ``--active-learning`` adds the retrain-speed benchmark and the
active-learning simulation (torch environment; the simulation embeds its 13,000 windows once,
~6 min idle or ~14 min busy, then runs 20 seeds in ~11 min). ``--training`` adds CNN training
with loading workers vs without (torch environment, about 5 min on 2 cores).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BENCHES = ["server_startup.py", "task_list_latency.py"]
INFERENCE_BENCHES = ["inference/throughput.py", "inference/memory.py"]
REVIEW_BENCHES = ["review/server_spectrograms.py", "review/page_paint.mjs"]
EXTRACTION_BENCHES = ["extraction/build_task.py"]
ACTIVE_LEARNING_BENCHES = ["active_learning/retrain_speed.py", "active_learning/simulate.py"]
TRAINING_BENCHES = ["training/cnn_workers.py"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--inference",
        action="store_true",
        help="also run bench/inference/ (torch environment, several minutes)",
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="also run bench/review/ (spectrogram serving and paging in Chromium, about 1 min)",
    )
    parser.add_argument(
        "--extraction",
        action="store_true",
        help="also run bench/extraction/ (1M windows × 100 classes, a few minutes the first time)",
    )
    parser.add_argument(
        "--active-learning",
        action="store_true",
        help="also run bench/active_learning/ (retrain speed, and the strategy simulation: "
        "~6 min the first time, ~11 min later)",
    )
    parser.add_argument(
        "--training",
        action="store_true",
        help="also run bench/training/ (CNN loading workers vs none, torch environment)",
    )
    args = parser.parse_args()
    names = BENCHES + (INFERENCE_BENCHES if args.inference else [])
    names += REVIEW_BENCHES if args.review else []
    names += EXTRACTION_BENCHES if args.extraction else []
    names += ACTIVE_LEARNING_BENCHES if args.active_learning else []
    names += TRAINING_BENCHES if args.training else []
    failed = []
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        runner = "node" if name.endswith(".mjs") else sys.executable
        code = subprocess.call([runner, str(BENCH_DIR / name)], cwd=BENCH_DIR.parent)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
