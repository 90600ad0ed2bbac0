"""Peak memory of ``dipper run inference`` on a 2-hour folder: sparse outputs vs dense.

Builds ``--hours`` of real recordings (files of ``--minutes``, see ``recordings.py``) and runs
BirdNET headless over them twice: with ``sparse_save_threshold`` −3 (``sparse_predictions.pkl``)
and with dense outputs (``predictions.csv``), the baseline. For each run it reports the peak RSS of
the largest process (the kernel's exact high-water mark, via ``wait4``: in practice the torch
script) and the largest sum of RSS over the process tree (CLI + script) sampled every 50 ms, with
the wall time and the output size. Prints the sparse/dense ratios.

Run: ``.venv/bin/python bench/inference/memory.py [--hours 2] [--minutes 2]`` (about 2–3 minutes per
run on 2 cores at 2 h).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from recordings import build_folder, mib, run_dipper_inference

SPARSE_THRESHOLD = -3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0, help="audio in the folder (default 2)")
    parser.add_argument("--minutes", type=float, default=2.0, help="minutes per recording")
    args = parser.parse_args()
    n_files = max(1, round(args.hours * 60 / args.minutes))

    rows = []
    with tempfile.TemporaryDirectory(prefix="dipper-bench-memory-") as tmp:
        work = Path(tmp)
        folder, audio_s = build_folder(work, n_files, args.minutes)
        print(f"{n_files} real recordings × {args.minutes:g} min = {audio_s / 3600:.2f} h of audio")
        variants = {
            f"sparse (threshold {SPARSE_THRESHOLD:g})": {"sparse_save_threshold": SPARSE_THRESHOLD},
            "dense (baseline)": {},
        }
        for i, (label, options) in enumerate(variants.items()):
            result = run_dipper_inference(work, folder, f"memory_{i}", **options)
            outputs = [
                p
                for p in (work / "jobs" / f"memory_{i}").iterdir()
                if p.suffix in (".csv", ".pkl") and p.name != "failed_files.csv"
            ]
            size = sum(p.stat().st_size for p in outputs)
            rows.append((label, result, size))
            print(f"  {label}: done in {result.wall_s:.0f} s", flush=True)

    print(f"\n{'outputs':<28} {'peak RSS':>12} {'tree RSS':>12} {'wall s':>8} {'output':>12}")
    for label, result, size in rows:
        print(
            f"{label:<28} {mib(result.max_rss_bytes):>12} {mib(result.tree_rss_bytes):>12} "
            f"{result.wall_s:>8.0f} {mib(size):>12}"
        )
    (_, sparse, sparse_size), (_, dense, dense_size) = rows
    print(
        f"\nsparse/dense peak RSS: {sparse.max_rss_bytes / dense.max_rss_bytes:.2f}× "
        f"(largest process), {sparse.tree_rss_bytes / dense.tree_rss_bytes:.2f}× (tree); "
        f"output size {sparse_size / max(dense_size, 1):.2f}×"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
