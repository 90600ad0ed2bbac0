"""Time to retrain the shallow classifier on 2,000 labels from cached embeddings (target ≤ 10 s).

Three rows, all with the same synthetic 1024-d embeddings (class-dependent means + noise, fixed
seed) and the default training settings (logistic head, 500 steps, batch 64):

- (a warm-up call first: torch's one-off start-up cost is printed, not counted)
- ``in memory``: only ``train_head`` + validation metrics on arrays already in memory;
- ``cache read + train``: the embeddings read back from the on-disk cache format (one ``.npz`` per
  recording, 10 windows each) with ``EmbeddingCache.embeddings_for``, then the same training;
- ``whole job core``: ``run_training`` on a binary annotation CSV of the same windows, every
  embedding a cache hit (the BirdNET model is never loaded): labels, cache, split by recording,
  training, metrics, model file, tables and report — what "retrain" costs the user;
- ``python -m``: the same job as the app starts it (a new process: interpreter, torch import).

The "recordings" are small placeholder files: a fully cached run only stats them. Runs in the torch
environment's interpreter (re-executes itself there).

    .venv/bin/python bench/active_learning/retrain_speed.py [--labels 2000] [--steps 500]
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
TARGET_S = 10.0
WINDOWS_PER_RECORDING = 10


def job_python() -> str:
    """The torch environment's interpreter when installed, else this one."""
    sys.path.insert(0, str(REPO_ROOT))
    try:
        from backend.lightweight_server.environment.status import torch_python

        return str(torch_python())
    except Exception:  # missing environment: measure in this interpreter
        return sys.executable


def build(folder: Path, n_labels: int, seed: int):  # type: ignore[no-untyped-def]
    """Placeholder recordings, their cached embeddings, the labels and an annotation CSV."""
    import numpy as np
    import pandas as pd

    from backend.scripts.training.embedding_cache import EmbeddingCache

    rng = np.random.default_rng(seed)
    n_recordings = n_labels // WINDOWS_PER_RECORDING
    positive = rng.random(n_recordings) < 0.3  # a recording holds the species or not
    direction = rng.normal(size=1024).astype(np.float32)
    cache = EmbeddingCache(folder / "cache", "BirdNET", 3.0)
    rows, embeddings = [], []
    for r in range(n_recordings):
        audio = folder / "audio" / f"rec_{r:04d}.wav"
        audio.parent.mkdir(parents=True, exist_ok=True)
        audio.write_bytes(b"placeholder")
        starts = [3.0 * k for k in range(WINDOWS_PER_RECORDING)]
        values = rng.normal(size=(len(starts), 1024)).astype(np.float32)
        values += 0.06 * direction * (1.0 if positive[r] else -1.0)
        cache.store(str(audio), dict(zip(starts, values, strict=True)))
        embeddings.append(values)
        label = "yes" if positive[r] else "no"
        rows += [(str(audio), s, s + 3.0, label) for s in starts]
    table = pd.DataFrame(rows, columns=["file", "start_time", "end_time", "annotation"])
    table.to_csv(folder / "owl.csv", index=False)
    x = np.concatenate(embeddings)
    y = (table["annotation"] == "yes").to_numpy(dtype=np.float64)[:, None]
    return table, x, y


def child(args: argparse.Namespace) -> int:
    import numpy as np
    import pandas as pd

    sys.path.insert(0, str(REPO_ROOT))
    from backend.common.training_config import TrainingConfig
    from backend.scripts.job_io import Reporter
    from backend.scripts.training.embedding_cache import EmbeddingCache
    from backend.scripts.training.metrics import all_metrics
    from backend.scripts.training.run import run_training
    from backend.scripts.training.shallow import train_head

    folder = Path(tempfile.mkdtemp(prefix="dipper-bench-retrain-"))
    started = time.perf_counter()
    table, x, y = build(folder, args.labels, args.seed)
    print(
        f"built {len(table)} labels on {len(table) // WINDOWS_PER_RECORDING} recordings "
        f"(cache {sum(p.stat().st_size for p in (folder / 'cache').iterdir()) / 1e6:.1f} MB) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    settings = dict(
        head_type="logistic",
        hidden_sizes=[],
        steps=args.steps,
        learning_rate=1e-3,
        weight_decay=1e-4,
        batch_size=64,
        seed=0,
    )
    held = np.arange(len(x)) % 5 == 0

    def train_and_score(xs: np.ndarray) -> float:
        trained = train_head(xs[~held], y[~held], x_val=xs[held], y_val=y[held], **settings)
        metrics = all_metrics(y[held], trained.probabilities(xs[held]), ["owl"], [0.5], 0.9)
        return metrics["mean_average_precision"]

    t0 = time.perf_counter()
    train_head(x[:64], y[:64], **{**settings, "steps": 2})  # torch's one-off start-up cost
    print(f"first torch training call (warm-up, not counted): {time.perf_counter() - t0:.2f} s")
    results = []
    t0 = time.perf_counter()
    ap = train_and_score(x)
    results.append(("in memory", time.perf_counter() - t0, ap))

    t0 = time.perf_counter()
    windows = pd.DataFrame({"file": table["file"], "start_s": table["start_time"]})
    cache = EmbeddingCache(folder / "cache", "BirdNET", 3.0)

    def no_embedding(file: str, starts: list[float]) -> np.ndarray:
        raise AssertionError("every window should be cached")

    cached, ok, stats, _ = cache.embeddings_for(windows, no_embedding)
    read_s = time.perf_counter() - t0
    assert ok.all() and stats.misses == 0 and np.array_equal(cached, x)
    ap = train_and_score(cached)
    results.append((f"cache read ({read_s:.2f} s) + train", time.perf_counter() - t0, ap))

    config = TrainingConfig(
        annotation_files=[{"path": str(folder / "owl.csv"), "class_name": "owl"}],
        steps=args.steps,
        output_dir=str(folder / "jobs"),
        job_dir=str(folder / "jobs" / "job"),
        embedding_cache_dir=str(folder / "cache"),
    )
    t0 = time.perf_counter()
    summary = run_training(config, Reporter(emit=lambda line: None))
    assert summary["embedding_cache"]["new"] == 0
    results.append(("whole job core", time.perf_counter() - t0, summary["mean_average_precision"]))

    config_path = folder / "cfg.json"
    config_path.write_text(config.model_copy(update={"job_dir": None}).model_dump_json())
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "backend.scripts.training", "--config", str(config_path)],
        cwd=str(REPO_ROOT),
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0 new embedding(s)" in done.stdout
    results.append(
        (
            "python -m (process, imports)",
            time.perf_counter() - t0,
            summary["mean_average_precision"],
        )
    )

    print(f"\nretrain on {args.labels} labels, {args.steps} steps (target ≤ {TARGET_S:.0f} s):")
    for name, seconds, ap in results:
        verdict = "ok" if seconds <= TARGET_S else "OVER TARGET"
        print(f"  {name:32s} {seconds:6.2f} s   val AP {ap:.3f}   {verdict}")
    base = results[0][1]
    print(f"  whole job core / in-memory training: {results[2][1] / base:.2f}x")
    print(f"  python -m job / in-memory training: {results[3][1] / base:.2f}x")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=2000, help="labelled windows (default 2000)")
    parser.add_argument("--steps", type=int, default=500, help="training steps (default 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    command = [
        job_python(),
        __file__,
        "--child",
        "--labels",
        str(args.labels),
        "--steps",
        str(args.steps),
        "--seed",
        str(args.seed),
    ]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.call(command, cwd=str(REPO_ROOT), env=env)


if __name__ == "__main__":
    raise SystemExit(main())
