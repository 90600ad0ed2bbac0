"""CNN fine-tuning speed with audio loaded in worker processes vs in the training process.

The same resnet18 (random weights), clips, labels, augmentations and seed are trained for
``--steps`` steps twice: with ``num_workers=0`` (the baseline: every batch is read, resampled to
32 kHz, augmented and turned into a spectrogram in the training process, as before
``num_workers`` existed) and with the job's automatic worker count (``resolve_num_workers``: one
per spare core, up to 4). Prints seconds per step and the ratio, then the loader alone (no
network) with and without workers: the time a faster network, e.g. on a GPU, would wait for.
The clips are 3 s windows of real recordings (``bench/inference/recordings.py``: the demo
recordings and a warbler chorus, at their own sample rates), labelled at random for two classes
(speed only; nothing is learned).

A training thread and a loading worker share the cores, so the gain depends on the machine: on
the 2-core development machine (auto: 1 worker) both compete for the same cores and the step
time barely moves; where the network is faster than the loader (a GPU), the loader's time per
batch is what each step waits for, and N workers divide it. Runs in the torch environment
(re-executes itself there).

    .venv/bin/python bench/training/cnn_workers.py [--steps 30] [--batch 16] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench" / "inference"))  # recordings


def clip_table(sources: list[Path], clips: int, seed: int):  # type: ignore[no-untyped-def]
    """``clips`` 3 s windows spread over ``sources``, with random 0/1 labels for two classes."""
    import numpy as np
    import pandas as pd
    import soundfile

    rng = np.random.default_rng(seed)
    rows = []
    for i in range(clips):
        path = sources[i % len(sources)]
        length_s = soundfile.info(str(path)).duration
        start = float(rng.uniform(0, max(0.0, length_s - 3.0)))
        rows.append((str(path), start, start + 3.0))
    index = pd.MultiIndex.from_tuples(rows, names=["file", "start_time", "end_time"])
    labels = rng.integers(0, 2, size=(clips, 2)).astype(np.float64)
    return pd.DataFrame(labels, index=index, columns=["a", "b"])


def timed_fit(table, steps: int, batch: int, workers: int, out_dir: Path) -> float:  # type: ignore[no-untyped-def]
    """Seconds per step of ``fit_cnn`` (validation off) with ``workers`` loader workers."""
    from backend.common.training_config import TrainingConfig
    from backend.scripts.training.cnn_model import build_cnn
    from backend.scripts.training.cnn_train import fit_cnn

    config = TrainingConfig.model_validate(
        {
            "annotation_files": [{"path": str(out_dir / "labels.csv"), "class_name": "a"}],
            "output_dir": str(out_dir),
            "model_type": "cnn",
            "cnn_architecture": "resnet18",
        }
    )
    model = build_cnn(config, ["a", "b"], None)
    common = dict(learning_rate=1e-3, weight_decay=1e-4, seed=0, eval_every_steps=10**9)
    fit_cnn(model, table, table.iloc[:0], steps=2, batch_size=batch, num_workers=workers, **common)
    started = time.perf_counter()  # after a 2-step warm-up (first batches, allocator)
    fit_cnn(
        model, table, table.iloc[:0], steps=steps, batch_size=batch, num_workers=workers, **common
    )
    return (time.perf_counter() - started) / steps


def timed_loading(table, batches: int, batch: int, workers: int) -> float:  # type: ignore[no-untyped-def]
    """Seconds per batch of the training loader alone (read, resample, augment, spectrogram):
    what a network faster than the loader, e.g. on a GPU, would wait for."""
    from backend.common.training_config import TrainingConfig
    from backend.scripts.training.cnn_model import build_cnn
    from backend.scripts.training.cnn_train import _batches, _loader_options

    config = TrainingConfig.model_validate(
        {
            "annotation_files": [{"path": "/labels.csv", "class_name": "a"}],
            "output_dir": "/tmp",
            "model_type": "cnn",
        }
    )
    model = build_cnn(config, ["a", "b"], None)
    loader = model.train_dataloader(table, batch_size=batch, **_loader_options(workers))
    stream = _batches(loader)
    next(stream)  # workers started, first batch ready
    started = time.perf_counter()
    for _ in range(batches):
        next(stream)
    elapsed = (time.perf_counter() - started) / batches
    stream.close()
    return elapsed


def child(args: argparse.Namespace) -> int:
    import torch

    from backend.scripts.training.cnn_train import resolve_num_workers

    workers = resolve_num_workers(args.workers)
    sources = [Path(line) for line in Path(args.sources).read_text().splitlines() if line]
    with tempfile.TemporaryDirectory(prefix="dipper-bench-cnn-") as tmp:
        table = clip_table(sources, args.clips, seed=0)
        print(
            f"{len(table)} clips of 3 s, batch {args.batch}, {args.steps} steps, resnet18 on "
            f"{'CUDA' if torch.cuda.is_available() else 'CPU'} ({os.cpu_count()} cores, torch "
            f"threads {torch.get_num_threads()})",
            flush=True,
        )
        if workers == 0:
            print("only one core: the automatic worker count is 0, nothing to compare")
            return 0
        baseline = timed_fit(table, args.steps, args.batch, 0, Path(tmp))
        print(f"  {'loading in the training process':36s}{baseline:6.2f} s/step", flush=True)
        with_workers = timed_fit(table, args.steps, args.batch, workers, Path(tmp))
        label = f"{workers} loading worker(s)"
        print(f"  {label:36s}{with_workers:6.2f} s/step", flush=True)
        print(f"  speed-up: {baseline / with_workers:.2f}x")
        alone = timed_loading(table, args.steps, args.batch, 0)
        print(
            f"  loader alone, in the training process: {alone:.2f} s/batch "
            f"({alone / baseline:.0%} of a step without workers)",
            flush=True,
        )
        alone_workers = timed_loading(table, args.steps, args.batch, workers)
        print(
            f"  loader alone, {workers} worker(s): {alone_workers:.2f} s/batch "
            f"({alone / alone_workers:.2f}x)"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--clips", type=int, default=256)
    parser.add_argument("--workers", type=int, default=None, help="default: the job's auto")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sources", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    from recordings import source_recordings

    from backend.lightweight_server.environment.status import torch_python

    with tempfile.TemporaryDirectory(prefix="dipper-bench-cnn-sources-") as tmp:
        listing = Path(tmp) / "sources.txt"
        listing.write_text("\n".join(str(p) for p in source_recordings(Path(tmp))) + "\n")
        command = [str(torch_python()), __file__, "--child", "--sources", str(listing)]
        command += ["--steps", str(args.steps), "--batch", str(args.batch)]
        command += ["--clips", str(args.clips)]
        if args.workers is not None:
            command += ["--workers", str(args.workers)]
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), HF_HUB_OFFLINE="1")
        return subprocess.call(command, cwd=str(REPO_ROOT), env=env)


if __name__ == "__main__":
    raise SystemExit(main())
