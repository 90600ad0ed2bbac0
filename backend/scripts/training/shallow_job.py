"""The shallow model path: cached BirdNET embeddings of the windows → a logistic/MLP head.

With a background-noise folder, noise-overlaid copies of the training positives are added
(:mod:`.shallow_noise`, embedded on the fly, not cached). Progress: embeddings 2–60 %, training
60–95 %. The model file is ``model.dipper.pt``
(:mod:`backend.scripts.shallow_classifier_file`), with the job's metadata inside.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from backend.common.paths import data_dir
from backend.common.training_config import TrainingConfig
from backend.scripts.job_io import Reporter
from backend.scripts.training.embedding_cache import CacheStats, EmbeddingCache
from backend.scripts.training.job_data import (
    LabelledData,
    TrainedResult,
    hold_out,
    record_failures,
    warn_thin_validation,
)
from backend.scripts.training.metrics import mean_ap
from backend.scripts.training.report import LiveReport
from backend.scripts.training.window_embedder import WindowEmbedder

SHALLOW_MODEL_FILE = "model.dipper.pt"


def train_shallow(
    config: TrainingConfig, data: LabelledData, reporter: Reporter, report: LiveReport
) -> TrainedResult:
    """Embed (or read from the cache) every labelled window, split, train the head."""
    if config.clip_duration_s != 3.0:
        reporter.log(
            f"Note: the clip duration ({config.clip_duration_s:g} s) applies to CNN training; "
            "the shallow model uses BirdNET's 3 s windows."
        )
    cache_dir = Path(config.embedding_cache_dir or data_dir() / "embedding_cache")
    embedder = WindowEmbedder()
    cache = EmbeddingCache(cache_dir, embedder.model_name, embedder.window_s)
    n = len(data.windows)
    all_windows = (
        data.windows
        if data.val_windows is None
        else pd.concat([data.windows, data.val_windows], ignore_index=True)
    )

    def on_file(done: int, total: int, stats: CacheStats) -> None:
        message = f"Embedding: {done}/{total} recordings ({stats.hits} cached, {stats.misses} new)"
        reporter.progress(0.02 + 0.58 * done / total, message)
        report.update(0.02 + 0.58 * done / total, message)

    started = time.monotonic()
    x_all, ok, stats, failed = cache.embeddings_for(all_windows, embedder, on_file)
    reporter.log(
        f"Embedding cache {cache_dir}: {stats.hits} hit(s), {stats.misses} new embedding(s) "
        f"in {time.monotonic() - started:.1f} s"
    )
    job = Path(config.job_dir) if config.job_dir else None
    record_failures(job, failed, int(ok[:n].sum()), reporter)
    split = hold_out(config, data, ok[:n], ok[n:] if data.val_windows is not None else None)
    x_train = x_all[:n][ok[:n]]
    if split.val_mask is not None:
        x_val, x_train = x_train[split.val_mask], x_train[~split.val_mask]
    else:
        x_val = x_all[n:][ok[n:]]
    y_train = split.y_train
    if config.background_noise_dir and config.augment_noise_overlay:
        from backend.scripts.training.shallow_noise import noise_copies

        reporter.progress(0.6, "Noise overlay: embedding noisy copies of the training positives")
        x_noisy, y_noisy = noise_copies(
            config, embedder, split.train_windows, y_train, reporter.log
        )
        if len(x_noisy):
            x_train = np.concatenate([x_train, x_noisy])
            y_train = np.concatenate([y_train, y_noisy])
    reporter.log(f"Training on {len(x_train)} window(s), validating on {len(x_val)}.")
    warn_thin_validation(split.y_val, data.classes, reporter)
    trained = _train(config, reporter, report, x_train, y_train, x_val, split.y_val)

    def save(job_dir: Path, metadata: dict[str, Any]) -> Path:
        from backend.scripts.shallow_classifier_file import save_shallow_classifier

        save_shallow_classifier(
            job_dir / SHALLOW_MODEL_FILE,
            trained.head,
            data.classes,
            config.embedding_model,
            head_type=config.head,
            hidden_sizes=config.resolved_hidden_sizes(),
            input_mean=trained.input_mean,
            input_std=trained.input_std,
            sample_duration_s=3.0,
            metadata=metadata,
        )
        return job_dir / SHALLOW_MODEL_FILE

    return TrainedResult(
        val_windows=split.val_windows,
        y_val=split.y_val,
        scores=trained.probabilities(x_val),
        loss_rows=trained.loss_rows,
        n_train_windows=len(x_train),
        save_model=save,
        summary={"embedding_cache": {"hits": stats.hits, "new": stats.misses}},
    )


def _train(
    config: TrainingConfig,
    reporter: Reporter,
    report: LiveReport,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
) -> Any:
    from backend.scripts.training.shallow import TrainedHead, train_head

    def on_step(step: int, steps: int, row: dict[str, Any], current: TrainedHead) -> None:
        report.state["loss_rows"].append(row)
        ap = mean_ap(y_val, current.probabilities(x_val)) if len(x_val) else None
        message = f"Training: step {step}/{steps}" + (
            f", val AP {ap:.2f}" if ap is not None else ""
        )
        fraction = 0.6 + 0.35 * step / steps
        reporter.progress(fraction, message)
        report.update(fraction, message, latest={"step": step, **row, "val AP": ap})

    has_val = len(x_val) > 0
    steps = config.resolved_steps(len(x_train))
    return train_head(
        x_train,
        y_train,
        head_type=config.head,
        hidden_sizes=config.resolved_hidden_sizes(),
        steps=steps,
        learning_rate=config.learning_rate,
        weight_decay=config.weight_decay,
        batch_size=config.batch_size,
        seed=config.seed,
        x_val=x_val if has_val else None,
        y_val=y_val if has_val else None,
        eval_every_steps=max(1, steps // 100),
        patience_steps=config.early_stopping_patience_steps,
        on_step=on_step,
    )
